import HookscopeCore

/// Exchanges to write to a file in one format; the session writes it and reports back.
public struct ExportOrder: Sendable {
    public var path: String
    public var format: ExportFormat
    public var exchanges: [Exchange]

    public init(path: String, format: ExportFormat, exchanges: [Exchange]) {
        self.path = path
        self.format = format
        self.exchanges = exchanges
    }
}
