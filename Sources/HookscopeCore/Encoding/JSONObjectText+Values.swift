import Foundation

/// The values of validated text as `JSONSerialization` and a cast would give them:
/// `as? String`, `as? Bool`, `(as? NSNumber)?.intValue` and `.doubleValue`.
extension JSONObjectText {
    /// A number as `NSNumber` holds it: integers that fit 64 bits as integers, the rest as
    /// a `Double`.
    enum Number {
        case int(Int)
        case unsigned(UInt64)   // above Int.max: NSNumber's intValue is its bit pattern
        case double(Double)

        /// `NSNumber.intValue`: a Double truncated toward zero, Int.min outside Int's range
        /// (what the conversion instruction gives, and what Foundation was seen to return).
        var intValue: Int {
            switch self {
            case .int(let value): return value
            case .unsigned(let value): return Int(bitPattern: UInt(value))
            case .double(let value):
                guard value >= -0x1p63, value < 0x1p63 else { return Int.min }
                return Int(value)
            }
        }

        var doubleValue: Double {
            switch self {
            case .int(let value): return Double(value)
            case .unsigned(let value): return Double(value)
            case .double(let value): return value
            }
        }

        /// `as? Bool` of an NSNumber: exactly 0 or 1 only.
        var boolValue: Bool? {
            switch self {
            case .int(let value): return value == 0 ? false : value == 1 ? true : nil
            case .unsigned: return nil
            case .double(let value): return value == 0 ? false : value == 1 ? true : nil
            }
        }
    }

    /// The number (or `true`/`false`, which Foundation gives as NSNumbers) at `range`.
    func number(at range: Range<Int>) -> Number? {
        switch bytes[range.lowerBound] {
        case UInt8(ascii: "t"): return .int(1)
        case UInt8(ascii: "f"): return .int(0)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
        default: return nil
        }
        let negative = bytes[range.lowerBound] == UInt8(ascii: "-")
        var magnitude: UInt64 = 0
        var isInteger = true
        for index in (negative ? range.lowerBound + 1 : range.lowerBound)..<range.upperBound {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { isInteger = false; break }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { isInteger = false; break }
            magnitude = sum
        }
        if isInteger {
            if !negative { return magnitude <= UInt64(Int.max) ? .int(Int(magnitude)) : .unsigned(magnitude) }
            if magnitude <= UInt64(Int.max) { return .int(-Int(magnitude)) }
            if magnitude == UInt64(Int.max) + 1 { return .int(Int.min) }
        }
        // A fraction or exponent, or an integer past 64 bits: the correctly rounded Double.
        // Foundation differs on numbers the store never holds (it makes NSDecimalNumbers of
        // some): an integer past 64 bits, more than 17 significant digits, and the intValue
        // of some past Int64 written with an exponent (`JSONObjectTextTests` shows them).
        return Double(String(decoding: bytes[range], as: UTF8.self)).map(Number.double)
    }

    func number(_ key: String) -> Number? { value(key).flatMap(number(at:)) }

    func int(_ key: String) -> Int? { number(key)?.intValue }
    func double(_ key: String) -> Double? { number(key)?.doubleValue }

    /// `as? Bool`: `true`/`false`, or a number that is exactly 0 or 1.
    func bool(_ key: String) -> Bool? {
        guard let range = value(key) else { return nil }
        switch bytes[range.lowerBound] {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: return number(at: range)?.boolValue
        }
    }

    func string(_ key: String) -> String? { value(key).flatMap(string(at:)) }

    /// The string at `range` with its escapes decoded; nil if the value is not a string.
    func string(at range: Range<Int>) -> String? {
        stringBytes(at: range).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The UTF-8 of the string at `range` (what `Array(string.utf8)` would give).
    func stringBytes(at range: Range<Int>) -> [UInt8]? {
        guard bytes[range.lowerBound] == UInt8(ascii: "\"") else { return nil }
        return JSONText.unescapedValidated(bytes, range.lowerBound + 1 ..< range.upperBound - 1)
    }

    func stringBytes(_ key: String) -> [UInt8]? { value(key).flatMap(stringBytes(at:)) }
}
