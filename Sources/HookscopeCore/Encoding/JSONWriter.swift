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
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func null() { raw("null") }

    public mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }

    public mutating func int(_ value: Int) { raw(String(value)) }

    /// A finite number with up to three decimals, without exponent notation.
    public mutating func milliseconds(_ value: Double) {
        guard value.isFinite else { return null() }
        let thousandths = Int((value * 1000).rounded())
        let whole = thousandths / 1000
        let fraction = abs(thousandths % 1000)
        raw(thousandths < 0 && whole == 0 ? "-0" : String(whole))
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 3 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            raw(".")
            raw(digits)
        }
    }

    /// A JSON string: quotes, backslashes and every control character escaped, so the
    /// output is valid JSON and safe to print whatever the input was (the rule and the
    /// one-pass loop are in `JSONWriter+Escaping.swift`).
    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { _ = escapedString($0, validatingUTF8: false) }
    }

    public mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// Writes `"key":` (with a leading comma unless it is the first member).
    public mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        raw("\":")
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
