/// A validating JSON scanner that allocates nothing but the member list it returns.
///
/// The analyzer reads a few top-level fields of every delivery on the server's event loop.
/// This checks the whole text is JSON (RFC 8259 grammar, UTF-8, nesting up to `maxDepth`)
/// in one pass and records where each member of the object asked for is, as ranges into
/// the bytes; nested values are checked and skipped without recording anything, and values
/// are decoded only when asked for (docs/benchmarks.md: building member lists for every
/// nested object cost ~2 allocations per object, 4 520 for a 64 KB delivery).
///
/// It reads the whole text even once the wanted keys are found: a body that is not JSON
/// (cut short, say) must not be taken for a provider's payload.
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
        withCursor { cursor in
            cursor.skipWhitespace()
            guard let members = cursor.object(depth: 0) else { return nil }
            cursor.skipWhitespace()
            return cursor.position == cursor.count ? members : nil
        }
    }

    /// The members of the object starting at `position` (after whitespace); nil if there
    /// is no valid object there.
    mutating func object(depth: Int) -> [Member]? {
        withCursor { $0.object(depth: depth) }
    }

    private mutating func withCursor<T>(_ body: (inout JSONCursor) -> T) -> T {
        let start = position
        var end = start
        let result = bytes.withUnsafeBufferPointer { buffer -> T in
            var cursor = JSONCursor(buffer: buffer, position: start)
            defer { end = cursor.position }
            return body(&cursor)
        }
        position = end
        return result
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
