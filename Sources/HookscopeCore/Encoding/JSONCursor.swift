/// The grammar behind `JSONScanner`, over the body's buffer without bounds checks or
/// copies. Past the end it reads 0: no JSON token starts with it and a string may not
/// contain it raw, so running out of text fails where a stray 0 would.
struct JSONCursor {
    let base: UnsafePointer<UInt8>?
    let count: Int
    var position: Int
    /// Foundation's `JSONSerialization` grammar instead of RFC 8259's, for readers that
    /// replace it and must accept and refuse the same texts (`JSONObjectText`): a trailing
    /// comma before `}` or `]` is allowed; a `\u` escape of a surrogate must be the first of
    /// a high-low pair; a number not finite as a `Double` (`1e400`) is noted in
    /// `sawInfiniteNumber` (Foundation refuses it only if its value is kept: the caller
    /// decides, `JSONObjectText.keepsInfiniteNumber`).
    let foundationDialect: Bool
    private(set) var sawInfiniteNumber = false

    init(buffer: UnsafeBufferPointer<UInt8>, position: Int, foundationDialect: Bool = false) {
        base = buffer.baseAddress
        count = buffer.count
        self.position = position
        self.foundationDialect = foundationDialect
    }

    @inline(__always) func byte(at index: Int) -> UInt8 {
        index < count ? base.unsafelyUnwrapped[index] : 0
    }

    @inline(__always) var peek: UInt8 { byte(at: position) }

    /// The members of the object at `position`, its nested values checked but not recorded.
    /// `capacity`: room for the members expected (a store row's line has ~20), so the list
    /// is not grown and copied as they come.
    mutating func object(depth: Int, reservingCapacity capacity: Int = 0) -> [JSONScanner.Member]? {
        var members: [JSONScanner.Member] = []
        members.reserveCapacity(capacity)
        let valid = object(depth: depth) { key, value in
            members.append(JSONScanner.Member(key: key, value: value))
        }
        return valid ? members : nil
    }

    /// Checks the object at `position`, telling `record` where each member is.
    private mutating func object(depth: Int, record: (Range<Int>, Range<Int>) -> Void) -> Bool {
        guard depth < JSONScanner.maxDepth, peek == UInt8(ascii: "{") else { return false }
        position += 1
        skipWhitespace()
        if peek == UInt8(ascii: "}") { position += 1; return true }
        while true {
            skipWhitespace()
            if foundationDialect, peek == UInt8(ascii: "}") {
                position += 1   // `{"a":1,}`: here only after a comma (`{}` returned above)
                return true
            }
            let keyStart = position
            guard peek == UInt8(ascii: "\""), string() else { return false }
            let key = keyStart + 1 ..< position - 1
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { return false }
            position += 1
            skipWhitespace()
            let start = position
            guard value(depth: depth + 1) else { return false }
            record(key, start..<position)
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return true
            default: return false
            }
        }
    }

    /// Skips one value, checking it; false if it is not valid JSON.
    mutating func value(depth: Int) -> Bool {
        guard depth < JSONScanner.maxDepth else { return false }
        switch peek {
        case UInt8(ascii: "{"): return object(depth: depth) { _, _ in }
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string()
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
            if foundationDialect, peek == UInt8(ascii: "]") {
                position += 1   // `[1,]`: here only after a comma (`[]` returned above)
                return true
            }
            guard value(depth: depth + 1) else { return false }
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return true
            default: return false
            }
        }
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
            // Only an exponent takes a JSON number past Double's range (or 309 digits).
            if foundationDialect, !isFiniteDouble(from: start) { sawInfiniteNumber = true }
        } else if foundationDialect, position - start > 309, !isFiniteDouble(from: start) {
            sawInfiniteNumber = true
        }
        return position > start
    }

    /// Whether the number from `start` to `position` is finite as a `Double`.
    private func isFiniteDouble(from start: Int) -> Bool {
        let text = String(decoding: UnsafeBufferPointer(start: base.unsafelyUnwrapped + start, count: position - start), as: UTF8.self)
        return Double(text)?.isFinite ?? false
    }

    private mutating func digits() -> Bool {
        let start = position
        while case let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
        return position > start
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard position + length <= count else { return false }
        let matches = word.withUTF8Buffer { expected in
            (0..<length).allSatisfy { byte(at: position + $0) == expected[$0] }
        }
        if matches { position += length }
        return matches
    }

    @inline(__always) mutating func skipWhitespace() {
        while case let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }
}
