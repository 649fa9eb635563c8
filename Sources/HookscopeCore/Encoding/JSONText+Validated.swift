import Foundation

extension JSONText {
    /// The contents of a string (between the quotes) as UTF-8 with its escapes decoded, for
    /// text `JSONCursor` has validated in Foundation's dialect: every escape complete and
    /// every surrogate escape one of a pair, so none of `string`'s repairs (U+FFFD for a cut
    /// or lone escape) can arise, and the runs between backslashes (most of a body) are
    /// copied whole, found with `memchr`, not byte by byte.
    static func unescapedValidated(_ bytes: [UInt8], _ range: Range<Int>) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buffer -> [UInt8] in
            guard let base = buffer.baseAddress, !range.isEmpty else { return [] }
            guard var next = backslash(base, from: range.lowerBound, to: range.upperBound) else {
                return Array(buffer[range])
            }
            var out: [UInt8] = []
            out.reserveCapacity(range.count)
            var index = range.lowerBound
            while true {
                out.append(contentsOf: UnsafeBufferPointer(start: base + index, count: next - index))
                index = next + 2
                switch base[next + 1] {
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var unit = hex4(base + index)
                    index += 4
                    if unit & 0xFC00 == 0xD800 {   // validated: its low half follows
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (hex4(base + index + 2) - 0xDC00)
                        index += 6
                    }
                    appendUTF8(unit, to: &out)
                default: out.append(base[next + 1])   // \" \\ \/
                }
                guard let found = backslash(base, from: index, to: range.upperBound) else { break }
                next = found
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + index, count: range.upperBound - index))
            return out
        }
    }

    private static func backslash(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard start < end, let found = memchr(base + start, Int32(UInt8(ascii: "\\")), end - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    @inline(__always) private static func hex4(_ pointer: UnsafePointer<UInt8>) -> UInt32 {
        var unit: UInt32 = 0
        for offset in 0..<4 { unit = unit << 4 | (JSONScanner.hexValue(pointer[offset]) ?? 0) }
        return unit
    }

    @inline(__always) private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            out.append(UInt8(scalar))
        case ..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6)); out.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12)); out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18)); out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F)); out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
