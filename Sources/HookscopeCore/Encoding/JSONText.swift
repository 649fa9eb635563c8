import Foundation

/// The text of a JSON value found by a scanner, decoded only when asked for: strings with
/// their escapes, numbers written out. Shared by `JSONPayload` and `JSONFieldReader`, which
/// locate values as ranges into the body's bytes.
enum JSONText {
    /// The value at `range` as text: strings as they are, numbers written out; nil for
    /// objects, arrays, literals and anything that is not a number.
    static func value(_ bytes: [UInt8], _ range: Range<Int>) -> String? {
        guard let first = range.first.map({ bytes[$0] }) else { return nil }
        switch first {
        case UInt8(ascii: "\""):
            guard range.count >= 2, bytes[range.upperBound - 1] == UInt8(ascii: "\"") else { return nil }
            return string(bytes, range.lowerBound + 1 ..< range.upperBound - 1)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let literal = String(decoding: bytes[range], as: UTF8.self)
            if let integer = Int64(literal) { return String(integer) }
            return Double(literal).map { NSNumber(value: $0).stringValue }
        default:
            return nil
        }
    }

    /// Whether the string contents at `range` (between the quotes, escapes not decoded)
    /// spell `key`.
    static func equals(_ bytes: [UInt8], _ range: Range<Int>, _ key: some StringProtocol) -> Bool {
        let raw = bytes[range]
        if raw.contains(UInt8(ascii: "\\")) { return string(bytes, range) == key }
        return raw.elementsEqual(key.utf8)
    }

    /// The contents of a string (between the quotes), escapes decoded. A cut escape at the
    /// end of the range (possible only in text that is not JSON) ends the string.
    static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String {
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
            guard i + 1 < range.upperBound else { break }
            let escape = bytes[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                guard var unit = hex4(bytes, at: i, end: range.upperBound) else {
                    scalars.append("\u{FFFD}")
                    continue
                }
                i += 4
                // A surrogate pair written as two escapes.
                if (0xD800..<0xDC00).contains(unit), i + 5 < range.upperBound,
                   bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u"),
                   let low = hex4(bytes, at: i + 2, end: range.upperBound), (0xDC00..<0xE000).contains(low) {
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                scalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
            default: scalars.append(Unicode.Scalar(escape))   // \" \\ \/
            }
        }
        flush()
        return String(scalars)
    }

    /// Four hex digits at `index`, nil if they are not all there (text that is not JSON).
    private static func hex4(_ bytes: [UInt8], at index: Int, end: Int) -> UInt32? {
        guard index + 4 <= end else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = JSONScanner.hexValue(bytes[index + offset]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }
}
