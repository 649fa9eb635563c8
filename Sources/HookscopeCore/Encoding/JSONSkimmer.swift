/// Walks the members of one JSON object, one at a time, without checking or building the
/// values it passes: where each key and value is, as ranges into the bytes, and nothing
/// else. Nested objects and arrays are stepped over by matching their brackets (strings and
/// escapes respected), eight bytes at a time (`JSONSkimmer+Nested.swift`).
///
/// It is not a validator: it reads what the object's grammar needs to find the next member
/// and stops at the first thing that breaks it (or at the end of the bytes, e.g. a body
/// cut short): the members before that point are found, none after. `JSONScanner` is the
/// validating one, for callers that must know the whole text is JSON.
struct JSONSkimmer {
    private(set) var position: Int
    /// Where the bytes (or the object's value, for a nested object) end.
    let end: Int
    private(set) var finished = false
    private var started = false

    /// A walk of the object whose `{` is at `position` (after whitespace).
    init(objectAt position: Int, end: Int) {
        self.position = position
        self.end = end
    }

    /// The next member, or nil once the object has ended or stopped being JSON.
    mutating func next(in bytes: UnsafeBufferPointer<UInt8>) -> JSONScanner.Member? {
        guard !finished else { return nil }
        guard let member = read(bytes) else {
            finished = true
            return nil
        }
        return member
    }

    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONScanner.Member? {
        skipWhitespace(bytes)
        if !started {
            guard byte(bytes, position) == UInt8(ascii: "{") else { return nil }
            started = true
            position += 1
            skipWhitespace(bytes)
            if byte(bytes, position) == UInt8(ascii: "}") { return nil }
        } else {
            guard byte(bytes, position) == UInt8(ascii: ",") else { return nil }   // `}` ends it too
            position += 1
            skipWhitespace(bytes)
        }
        guard byte(bytes, position) == UInt8(ascii: "\""),
              let keyEnd = Self.endOfString(bytes, from: position, end: end) else { return nil }
        let key = position + 1 ..< keyEnd - 1
        position = keyEnd
        skipWhitespace(bytes)
        guard byte(bytes, position) == UInt8(ascii: ":") else { return nil }
        position += 1
        skipWhitespace(bytes)
        let start = position
        guard let valueEnd = endOfValue(bytes, from: start) else { return nil }
        position = valueEnd
        return JSONScanner.Member(key: key, value: start..<valueEnd)
    }

    /// Past the value at `start`; nil if there is none or the bytes end inside it.
    private func endOfValue(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        switch byte(bytes, start) {
        case UInt8(ascii: "\""):
            return Self.endOfString(bytes, from: start, end: end)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return Self.endOfNested(bytes, from: start, end: end)
        default:
            // A number or literal: up to what may follow a value. Reaching the end means
            // the value may have been cut, so it is not taken.
            var index = start
            while index < end {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"):
                    return index > start ? index : nil
                default:
                    index += 1
                }
            }
            return nil
        }
    }

    /// The byte at `index`, 0 past the end (no token starts with it).
    @inline(__always) private func byte(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt8 {
        index < end ? bytes[index] : 0
    }

    @inline(__always) private mutating func skipWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) {
        while position < end, JSONPayload.isWhitespace(bytes[position]) { position += 1 }
    }
}
