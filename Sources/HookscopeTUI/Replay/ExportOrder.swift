import HookscopeCore

/// Exchanges to write to a file in one format; the session writes it and reports back.
public struct ExportOrder: Sendable {
    public var path: String
    public var format: ExportFormat
    public var exchanges: [Exchange]
    /// Scheme and authority for the URLs (the replay target); nil: `http://` + Host.
    public var baseURL: String?

    public init(path: String, format: ExportFormat, exchanges: [Exchange], baseURL: String? = nil) {
        self.path = path
        self.format = format
        self.exchanges = exchanges
        self.baseURL = baseURL
    }
}
