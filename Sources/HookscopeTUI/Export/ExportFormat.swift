/// What `x` writes: a HAR 1.2 archive (browser dev tools, HTTP clients), a shell script
/// of curl commands that send the requests again byte for byte, or the raw HTTP requests.
public enum ExportFormat: String, Sendable, Equatable, CaseIterable {
    case har
    case curl
    case raw

    /// The file name ending that also chooses the format when typed.
    public var fileExtension: String {
        switch self {
        case .har: return "har"
        case .curl: return "sh"
        case .raw: return "http"
        }
    }

    public var title: String {
        switch self {
        case .har: return "HAR"
        case .curl: return "curl"
        case .raw: return "raw HTTP"
        }
    }

    /// Tab in the export prompt moves to the next format.
    public var next: ExportFormat {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// The format a typed path names by its ending, if any.
    public static func named(byPath path: String) -> ExportFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".har") || lower.hasSuffix(".json") { return .har }
        if lower.hasSuffix(".sh") || lower.hasSuffix(".curl") { return .curl }
        if lower.hasSuffix(".http") || lower.hasSuffix(".txt") || lower.hasSuffix(".raw") { return .raw }
        return nil
    }

    /// `path` with its ending replaced by this format's.
    public func applied(to path: String) -> String {
        for format in Self.allCases where path.lowercased().hasSuffix("." + format.fileExtension) {
            return String(path.dropLast(format.fileExtension.count)) + fileExtension
        }
        return path + "." + fileExtension
    }
}
