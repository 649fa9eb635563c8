/// A validating JSON scanner that allocates nothing but the member lists it returns.
///
/// The analyzer reads a few top-level fields of every delivery on the server's event loop;
/// building a Foundation object tree for that cost most of a request's time (about 60 µs
/// of ~75 for a 1 KB body, docs/benchmarks.md). This checks the whole text is JSON (RFC 8259
/// grammar, nesting up to `maxDepth`) and records where each member of an object is, as
/// ranges into the bytes; values are decoded only when asked for.
struct JSONScanner {
    struct Member {
        var key: Range<Int>     // without the quotes, escapes not decoded
        var value: Range<Int>   // the value's text
    }

    static let maxDepth = 512

    let bytes: [UInt8]
    private(set) var position: Int

    init(bytes: [UInt8], position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    /// The members of the object that is the whole text (whitespace around it allowed);
    /// nil if the text is anything else or not valid JSON.
    mutating func document() -> [Member]? {
        skipWhitespace()
        guard let members = object(depth: 0) else { return nil }
        skipWhitespace()
        return position == bytes.count ? members : nil
    }

    /// The members of the object starting at `position` (after whitespace); nil if there
    /// is no valid object there.
    mutating func object(depth: Int) -> [Member]? {
        guard depth < Self.maxDepth, peek == UInt8(ascii: "{") else { return nil }
        position += 1
        var members: [Member] = []
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
            members.append(Member(key: key.lowerBound + 1 ..< key.upperBound - 1, value: start..<position))
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return members
            default: return nil
            }
        }
    }

    /// Skips one value, checking it; false if it is not valid JSON.
    private mutating func value(depth: Int) -> Bool {
        guard depth < Self.maxDepth, let byte = peek else { return false }
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

    private mutating func array(depth: Int) -> Bool {
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
                          bytes[position + 2 ... position + 5].allSatisfy({ Self.hexValue($0) != nil }) else { return nil }
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

    private mutating func number() -> Bool {
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

    private mutating func digits() -> Bool {
        let start = position
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
        return position > start
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let matches = word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[position + $0] == expected[$0] }
        }
        if matches { position += count }
        return matches
    }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
