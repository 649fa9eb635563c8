import Foundation

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
        for member in members.reversed() {
            let raw = bytes[member.key]
            if raw.contains(UInt8(ascii: "\\")) {
                if decodeString(member.key) == key { return member.value }
            } else if raw.elementsEqual(key.utf8) {
                return member.value
            }
        }
        return nil
    }

    private func text(of value: Range<Int>) -> String? {
        guard let first = value.first.map({ bytes[$0] }) else { return nil }
        switch first {
        case UInt8(ascii: "\""):
            return decodeString(value.lowerBound + 1 ..< value.upperBound - 1)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let literal = String(decoding: bytes[value], as: UTF8.self)
            if let integer = Int64(literal) { return String(integer) }
            return Double(literal).map { NSNumber(value: $0).stringValue }
        default:
            return nil
        }
    }

    /// The contents of a string (between the quotes), escapes decoded.
    private func decodeString(_ range: Range<Int>) -> String {
        let raw = bytes[range]
        guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
            utf8.removeAll(keepingCapacity: true)
        }
        var i = range.lowerBound
        while i < range.upperBound {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "\\") else { utf8.append(byte); i += 1; continue }
            flush()
            let escape = bytes[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var unit = hex4(at: i)
                i += 4
                // A surrogate pair written as two escapes.
                if (0xD800..<0xDC00).contains(unit), i + 5 < range.upperBound,
                   bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                    let low = hex4(at: i + 2)
                    if (0xDC00..<0xE000).contains(low) {
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                scalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
            default: scalars.append(Unicode.Scalar(escape))   // \" \\ \/
            }
        }
        flush()
        return String(scalars)
    }

    private func hex4(at index: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 << 4 | (JSONScanner.hexValue(bytes[index + $1]) ?? 0) }
    }

    static func isWhitespace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }
}
