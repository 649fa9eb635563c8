import Foundation

/// A delivery body read as JSON, only as far as detection and field extraction need:
/// does it have these top-level keys, what string is at `event.type`.
struct JSONPayload {
    private let root: [String: Any]

    /// Bodies larger than this are not parsed: the analyzer runs on the server's event
    /// loop, and no webhook payload the profiles read from is anywhere near this size.
    static let maxParsedBytes = 4 * 1024 * 1024

    /// nil unless the body is a JSON object (of at most `maxParsedBytes`).
    init?(body: [UInt8]) {
        guard body.count <= Self.maxParsedBytes else { return nil }
        // Cheap rejection first: most non-JSON bodies never reach the parser.
        guard let first = body.first(where: { !Self.isWhitespace($0) }), first == UInt8(ascii: "{") else { return nil }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]),
              let dictionary = object as? [String: Any]
        else { return nil }
        root = dictionary
    }

    func has(_ key: String) -> Bool { root[key] != nil }

    /// The value at a dotted path as text: strings as they are, numbers written out.
    func string(at path: String) -> String? {
        var current: Any = root
        for key in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard let object = current as? [String: Any], let next = object[String(key)] else { return nil }
            current = next
        }
        switch current {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }

    static func isWhitespace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }
}
