/// Builds compact JSON text by appending bytes; no intermediate objects.
public struct JSONWriter {
    public internal(set) var bytes: [UInt8] = []

    public init(reservingCapacity: Int = 512) {
        bytes.reserveCapacity(reservingCapacity)
    }

    /// Writes onto the end of `buffer`, which is moved in and back out, not copied: for a
    /// buffer kept from line to line, so that a writer thread encoding many lines
    /// allocates nothing once the buffer has grown to hold the largest.
    public static func appending(to buffer: inout [UInt8], _ write: (inout JSONWriter) -> Void) {
        var writer = JSONWriter(reservingCapacity: 0)
        swap(&writer.bytes, &buffer)
        write(&writer)
        swap(&writer.bytes, &buffer)
    }

    /// Makes room for `count` more bytes, growing by doubling: an exact reservation per
    /// line would copy a buffer that holds many lines once for every line.
    public mutating func reserve(_ count: Int) {
        let needed = bytes.count + count
        if needed > bytes.capacity { bytes.reserveCapacity(max(needed, bytes.capacity * 2)) }
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { text in
            if text.count == 1 { bytes.append(text[0]) } else { bytes.append(contentsOf: text) }
        }
    }

    /// Disfavoured so that a literal is written as the `StaticString` it can be (half the
    /// instructions: a JSON line writes some thirty of them).
    @_disfavoredOverload
    public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func null() { raw("null") }

    public mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }

    /// The decimal digits of `value`, written straight into the bytes (no `String`).
    public mutating func int(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(value.magnitude, width: 1)
    }

    /// `value` in decimal, with leading zeros up to `width` digits.
    mutating func digits(_ value: UInt, width: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var rest = value
            var start = 20
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0 || 20 - start < width
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// A finite number with up to three decimals, without exponent notation.
    public mutating func milliseconds(_ value: Double) {
        guard value.isFinite else { return null() }
        // Past what thousandths in an `Int` hold (a duration read back from anyone's file or
        // store: review session 20 A, M3), Swift's own form, a valid JSON number (`1e+300`).
        guard abs(value) < 1e15 else { return raw(String(value)) }
        let thousandths = Int((value * 1000).rounded())
        let whole = thousandths / 1000
        if thousandths < 0 && whole == 0 { raw("-0") } else { int(whole) }
        var fraction = UInt(abs(thousandths % 1000))
        guard fraction != 0 else { return }
        // Three decimals without their trailing zeros: 0.050 is written 0.05.
        var width = 3
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        bytes.append(UInt8(ascii: "."))
        digits(fraction, width: width)
    }

    /// A JSON string: quotes, backslashes and every control character escaped, so the
    /// output is valid JSON and safe to print whatever the input was (the rule and the
    /// one-pass loop are in `JSONWriter+Escaping.swift`).
    ///
    /// A short string with nothing to escape (printable ASCII without quotes or
    /// backslashes: most header names and values, paths, ids) is checked a word at a time
    /// and written with its quotes in one append: the escaper's setup and its chunk cost
    /// more than such a string's bytes (a JSON line writes some twenty of them).
    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            if utf8.count <= Self.shortString, JSONStringEscaper.isPlain(utf8) {
                appendComposed(maximum: Self.shortString + 2) { out in
                    var at = 0
                    Self.putQuoted(utf8, out, &at)
                    return at
                }
            } else {
                _ = escapedString(utf8, validatingUTF8: false)
            }
        }
    }

    /// `["first","second"]` (after a comma unless `comma` is false): a header. When both
    /// are short and plain, in one append; else as `string` writes each.
    public mutating func stringPair(_ first: String, _ second: String, comma: Bool) {
        var first = first, second = second
        let done = first.withUTF8 { one in
            second.withUTF8 { two -> Bool in
                guard one.count <= Self.shortString, two.count <= Self.shortString,
                      JSONStringEscaper.isPlain(one), JSONStringEscaper.isPlain(two) else { return false }
                appendComposed(maximum: 2 * Self.shortString + 8) { out in
                    var at = 0
                    if comma {
                        out[0] = UInt8(ascii: ",")
                        at = 1
                    }
                    out[at] = UInt8(ascii: "[")
                    at += 1
                    Self.putQuoted(one, out, &at)
                    out[at] = UInt8(ascii: ",")
                    at += 1
                    Self.putQuoted(two, out, &at)
                    out[at] = UInt8(ascii: "]")
                    return at + 1
                }
                return true
            }
        }
        guard !done else { return }
        if comma { raw(",") }
        raw("[")
        string(first)
        raw(",")
        string(second)
        raw("]")
    }

    /// Writes `"bytes"` at `out + at` (bytes that need no escaping) and moves `at` past it.
    @inline(__always)
    private static func putQuoted(_ bytes: UnsafeBufferPointer<UInt8>, _ out: UnsafeMutablePointer<UInt8>, _ at: inout Int) {
        out[at] = UInt8(ascii: "\"")
        if let source = bytes.baseAddress { (out + at + 1).update(from: source, count: bytes.count) }
        out[at + 1 + bytes.count] = UInt8(ascii: "\"")
        at += bytes.count + 2
    }

    /// Longest string `string` checks for the one-append path; longer ones go to the
    /// escaper, whose 64-byte spans are then worth their setup.
    static let shortString = 96

    /// A timestamp as a JSON string in RFC 3339 (`Timestamp.rfc3339`), written in place.
    public mutating func timestamp(_ value: Timestamp) {
        bytes.append(UInt8(ascii: "\""))
        value.appendRFC3339(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// Writes `"key":` (with a leading comma unless it is the first member), in one
    /// append: four single-byte appends and the name's cost twice as much (each checks the
    /// array's uniqueness through a runtime call), and a JSON line writes some twenty keys.
    public mutating func key(_ name: StaticString, first: Bool = false) {
        let length = name.utf8CodeUnitCount
        appendComposed(maximum: length + 4) { out in
            var at = 0
            if !first {
                out[0] = UInt8(ascii: ",")
                at = 1
            }
            out[at] = UInt8(ascii: "\"")
            (out + at + 1).update(from: name.utf8Start, count: length)
            out[at + 1 + length] = UInt8(ascii: "\"")
            out[at + 2 + length] = UInt8(ascii: ":")
            return at + 3 + length
        }
    }

    /// Appends the bytes `compose` writes (at most `maximum`, on the stack) and counts, in
    /// one append.
    @inline(__always)
    mutating func appendComposed(maximum: Int, _ compose: (UnsafeMutablePointer<UInt8>) -> Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximum) { buffer in
            let start = buffer.baseAddress.unsafelyUnwrapped
            let count = compose(start)
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
        }
    }

    /// Forgets what was written after the first `count` bytes.
    mutating func cut(to count: Int) {
        bytes.removeLast(bytes.count - count)
    }

    /// Appends `count` bytes that `fill` initializes in place (for encoders that know
    /// their output's length, such as base64).
    mutating func appendInPlace(_ count: Int, _ fill: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBufferPointer { fill(UnsafeMutableBufferPointer(rebasing: $0[start...])) }
    }
}
