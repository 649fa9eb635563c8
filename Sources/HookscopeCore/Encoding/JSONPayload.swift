/// A delivery body read as JSON, only as far as detection and field extraction need:
/// does it have these top-level keys, what string is at `event.type`.
///
/// Built on `JSONScanner`: the body is validated and its top-level members located without
/// building an object tree; a dotted path scans the nested object it reaches into.
struct JSONPayload {
    private let bytes: [UInt8]
    private let root: [JSONScanner.Member]

    /// Bodies larger than this are not parsed: the analyzer runs on the server's event
    /// loop, and no webhook payload the profiles read from is anywhere near this size.
    static let maxParsedBytes = 4 * 1024 * 1024

    /// nil unless the body is a JSON object (of at most `maxParsedBytes`).
    init?(body: [UInt8]) {
        guard body.count <= Self.maxParsedBytes else { return nil }
        // Cheap rejection first: most non-JSON bodies never reach the scanner.
        guard let first = body.first(where: { !Self.isWhitespace($0) }), first == UInt8(ascii: "{") else { return nil }
        // The scanner checks the UTF-8 inside strings, the only place JSON text may have
        // bytes above 0x7F (as JSONSerialization requires UTF-8).
        var scanner = JSONScanner(bytes: body)
        guard let members = scanner.document() else { return nil }
        bytes = body
        root = members
    }

    func has(_ key: String) -> Bool { member(key, in: root) != nil }

    /// The value at a dotted path as text: strings as they are, numbers written out.
    func string(at path: String) -> String? {
        valueRange(at: path).flatMap(text(of:))
    }

    /// Where the value at a dotted path is in the body's bytes (its whole text, quotes
    /// included), for writing a new value in its place.
    func valueRange(at path: String) -> Range<Int>? {
        var members = root
        let keys = path.split(separator: ".", omittingEmptySubsequences: false)
        for (index, key) in keys.enumerated() {
            guard let value = member(key, in: members) else { return nil }
            if index == keys.count - 1 { return value }
            var scanner = JSONScanner(bytes: bytes, position: value.lowerBound)
            guard let nested = scanner.object(depth: 0) else { return nil }
            members = nested
        }
        return nil
    }

    /// The value of the last member with this key (duplicates: the last wins, as in a
    /// dictionary built from the text).
    private func member(_ key: some StringProtocol, in members: [JSONScanner.Member]) -> Range<Int>? {
        members.last { JSONText.equals(bytes, $0.key, key) }?.value
    }

    private func text(of value: Range<Int>) -> String? { JSONText.value(bytes, value) }

    static func isWhitespace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }
}
