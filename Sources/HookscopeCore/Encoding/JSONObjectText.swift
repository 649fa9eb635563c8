/// One JSON object of a text read the way `JSONSerialization` reads it, without building
/// Foundation's object tree: the store's rows are decoded with it for every delivery an
/// attached client or a forwarder reads (issue 16: `JSONSerialization` into `[String: Any]`
/// was ~11 % of a forwarder's CPU).
///
/// The whole text is validated once in `JSONSerialization`'s dialect (`JSONCursor`'s
/// `foundationDialect`: trailing commas allowed, lone surrogates and infinite numbers
/// refused, a leading byte order mark skipped) and the top-level members located as ranges;
/// values are decoded only when asked for. A nested object is located with `JSONSkimmer`,
/// which does not check again what has been checked. Duplicate keys: the last wins, as in
/// Foundation's dictionary. Numbers read as `NSNumber` would give them
/// (`JSONObjectText+Values.swift`).
struct JSONObjectText {
    let bytes: [UInt8]
    let members: [JSONScanner.Member]

    enum Document {
        case object(JSONObjectText)
        /// Valid JSON, but not an object (`[1]`, `"x"`, `3`).
        case notAnObject
        case invalid
    }

    /// The text as one document; a value other than an object is accepted as
    /// `JSONSerialization`'s `.fragmentsAllowed` does.
    static func document(_ bytes: [UInt8]) -> Document {
        bytes.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(buffer: buffer, position: 0, foundationDialect: true)
            // A UTF-8 byte order mark, as Foundation skips it (only first, only once).
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { cursor.position = 3 }
            cursor.skipWhitespace()
            let start = cursor.position
            let isObject = cursor.peek == UInt8(ascii: "{")
            var members: [JSONScanner.Member]?
            if isObject {
                members = cursor.object(depth: 0, reservingCapacity: 32)
                guard members != nil else { return .invalid }
            } else {
                guard cursor.value(depth: 0) else { return .invalid }
            }
            cursor.skipWhitespace()
            guard cursor.position == cursor.count else { return .invalid }
            if cursor.sawInfiniteNumber,
               JSONObjectText(bytes: bytes, members: []).keepsInfiniteNumber(at: start..<cursor.position) { return .invalid }
            guard let members else { return .notAnObject }
            return .object(JSONObjectText(bytes: bytes, members: members))
        }
    }

    /// The value of the last member named `key` (its whole text).
    func value(_ key: String) -> Range<Int>? {
        members.last { JSONText.equals(bytes, $0.key, key) }?.value
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    /// The object that is the value of `key`; nil if it is absent or not an object.
    func object(_ key: String) -> JSONObjectText? {
        guard let range = value(key) else { return nil }
        return object(at: range)
    }

    /// The object whose text is at `range` (already validated with the document).
    func object(at range: Range<Int>) -> JSONObjectText? {
        guard bytes[range.lowerBound] == UInt8(ascii: "{") else { return nil }
        var walk = JSONSkimmer(objectAt: range.lowerBound, end: range.upperBound)
        var nested: [JSONScanner.Member] = []
        nested.reserveCapacity(8)
        bytes.withUnsafeBufferPointer { buffer in
            while let member = walk.next(in: buffer) { nested.append(member) }
        }
        return JSONObjectText(bytes: bytes, members: nested)
    }

    /// Where each element of the array at `range` is; nil if it is not an array.
    func elements(at range: Range<Int>) -> [Range<Int>]? {
        var elements: [Range<Int>] = []
        let isArray = forEachElement(at: range) { elements.append($0); return true }
        return isArray ? elements : nil
    }

    /// The two elements of the array at `range`; nil if it is not an array of two. Made
    /// nothing: a header is one such pair, and a row has a dozen.
    func pair(at range: Range<Int>) -> (Range<Int>, Range<Int>)? {
        var first: Range<Int>?, second: Range<Int>?, count = 0
        let isArray = forEachElement(at: range) { element in
            count += 1
            if count == 1 { first = element } else if count == 2 { second = element }
            return count <= 2
        }
        guard isArray, count == 2, let first, let second else { return nil }
        return (first, second)
    }

    /// Calls `body` with where each element of the array at `range` is, until it returns
    /// false; false if the value is not an array.
    private func forEachElement(at range: Range<Int>, _ body: (Range<Int>) -> Bool) -> Bool {
        guard bytes[range.lowerBound] == UInt8(ascii: "[") else { return false }
        // An array's elements are an object's values without keys: walked as the skimmer
        // walks them, by hand, since the skimmer wants keys.
        var index = range.lowerBound + 1
        let end = range.upperBound - 1   // the `]`
        bytes.withUnsafeBufferPointer { buffer in
            while true {
                while index < end, JSONPayload.isWhitespace(buffer[index]) { index += 1 }
                guard index < end else { return }
                let start = index
                switch buffer[index] {
                case UInt8(ascii: "\""):
                    index = JSONSkimmer.endOfString(buffer, from: index, end: end) ?? end
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    index = JSONSkimmer.endOfNested(buffer, from: index, end: end) ?? end
                default:
                    while index < end, buffer[index] != UInt8(ascii: ","), !JSONPayload.isWhitespace(buffer[index]) { index += 1 }
                }
                guard body(start..<index) else { return }
                while index < end, buffer[index] != UInt8(ascii: ",") { index += 1 }
                index += 1   // past the comma (a trailing one leaves only whitespace)
            }
        }
        return true
    }

    /// Whether the value at `range` keeps a number that is infinite as a `Double` once
    /// duplicate keys are resolved (the last wins): `JSONSerialization` converts numbers
    /// only for the values it keeps, and refuses the text then (`{"a":1e400,"a":1}` is read,
    /// `{"a":1,"a":1e400}` is not). Only for a text where the cursor saw such a number.
    func keepsInfiniteNumber(at range: Range<Int>) -> Bool {
        switch bytes[range.lowerBound] {
        case UInt8(ascii: "{"):
            guard let nested = object(at: range) else { return false }
            let keys = nested.members.map { JSONText.string(bytes, $0.key) }
            return nested.members.indices.contains { index in
                !keys[(index + 1)...].contains(keys[index]) && keepsInfiniteNumber(at: nested.members[index].value)
            }
        case UInt8(ascii: "["):
            return elements(at: range)?.contains(where: keepsInfiniteNumber(at:)) ?? false
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return !(Double(String(decoding: bytes[range], as: UTF8.self))?.isFinite ?? false)
        default:
            return false
        }
    }
}
