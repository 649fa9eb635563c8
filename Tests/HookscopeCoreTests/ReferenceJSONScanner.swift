@testable import HookscopeCore

/// The byte-at-a-time scanner `JSONScanner` replaced (main at a3a9dfb), with the UTF-8
/// check `JSONPayload` ran before it: the reference the fast scanner is compared with in
/// `JSONScannerPropertyTests`, so the provider detection it feeds keeps its results.
struct ReferenceJSONScanner {
    let bytes: [UInt8]
    var position = 0

    /// The top-level members, or nil where `JSONPayload` refused the body before.
    static func members(of bytes: [UInt8]) -> [JSONScanner.Member]? {
        guard let first = bytes.first(where: { [0x20, 0x09, 0x0A, 0x0D].contains($0) == false }), first == UInt8(ascii: "{"),
              String(validating: bytes, as: UTF8.self) != nil else { return nil }
        var scanner = ReferenceJSONScanner(bytes: bytes)
        scanner.skipWhitespace()
        guard let members = scanner.object(depth: 0) else { return nil }
        scanner.skipWhitespace()
        return scanner.position == bytes.count ? members : nil
    }
    mutating func object(depth: Int) -> [JSONScanner.Member]? {
        guard depth < 512, peek == UInt8(ascii: "{") else { return nil }
        position += 1
        var members: [JSONScanner.Member] = []
        skipWhitespace()
        if peek == UInt8(ascii: "}") { position += 1; return members }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\""), let key = string() else { return nil }
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { return nil }
            position += 1
            skipWhitespace()
            let start = position
            guard value(depth: depth + 1) else { return nil }
            members.append(JSONScanner.Member(key: key.lowerBound + 1 ..< key.upperBound - 1, value: start..<position))
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return members
            default: return nil
            }
        }
    }

    /// Skips one value, checking it; false if it is not valid JSON.
    mutating func value(depth: Int) -> Bool {
        guard depth < 512, let byte = peek else { return false }
        switch byte {
        case UInt8(ascii: "{"): return object(depth: depth) != nil
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number()
        }
    }

    mutating func array(depth: Int) -> Bool {
        position += 1
        skipWhitespace()
        if peek == UInt8(ascii: "]") { position += 1; return true }
        while true {
            skipWhitespace()
            guard value(depth: depth + 1) else { return false }
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return true
            default: return false
            }
        }
    }

    /// A string starting at `position`; its range including the quotes.
    mutating func string() -> Range<Int>? {
        let start = position
        position += 1
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return start..<position
            } else if byte == UInt8(ascii: "\\") {
                guard position + 1 < bytes.count else { return nil }
                switch bytes[position + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 2
                case UInt8(ascii: "u"):
                    guard position + 5 < bytes.count,
                          bytes[position + 2 ... position + 5].allSatisfy({ JSONScanner.hexValue($0) != nil }) else { return nil }
                    position += 6
                default:
                    return nil
                }
            } else if byte < 0x20 {
                return nil
            } else {
                position += 1
            }
        }
        return nil
    }

    mutating func number() -> Bool {
        let start = position
        if peek == UInt8(ascii: "-") { position += 1 }
        if peek == UInt8(ascii: "0") {
            position += 1
        } else {
            guard digits() else { return false }
        }
        if peek == UInt8(ascii: ".") {
            position += 1
            guard digits() else { return false }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            position += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
            guard digits() else { return false }
        }
        return position > start
    }

    mutating func digits() -> Bool {
        let start = position
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
        return position > start
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let matches = word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[position + $0] == expected[$0] }
        }
        if matches { position += count }
        return matches
    }

    mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

}
