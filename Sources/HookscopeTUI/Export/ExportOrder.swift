import HookscopeCore

/// Exchanges to write to a file in one format; the session writes it and reports back.
public struct ExportOrder: Sendable {
    public var path: String
    public var format: ExportFormat
    public var exchanges: [Exchange]
    /// Scheme and authority for the URLs (the replay target); nil: `http://` + Host.
    public var baseURL: String?
    /// Exchanges (by id) whose curl commands go to their own `--forward` route's app.
    public var routed: [Int: String]
    /// The user confirmed replacing an existing file at `path`.
    public var overwrite: Bool
    /// The prompt as it was, to open again when the file exists or cannot be written.
    public var reopen: TextInput?

    public init(path: String, format: ExportFormat, exchanges: [Exchange], baseURL: String? = nil, routed: [Int: String] = [:], overwrite: Bool = false, reopen: TextInput? = nil) {
        self.path = path
        self.format = format
        self.exchanges = exchanges
        self.baseURL = baseURL
        self.routed = routed
        self.overwrite = overwrite
        self.reopen = reopen
    }
}
