/// `00000010  7b 22 61 22 3a 20 31 7d  0a 00 ff 10 20 41 42 43  |{"a": 1}.... ABC|`
public enum HexDump {
    private static let digits = Array("0123456789abcdef")

    public static func lines(of bytes: ArraySlice<UInt8>, bytesPerRow: Int = 16) -> [StyledLine] {
        var lines: [StyledLine] = []
        var offset = 0
        let all = Array(bytes)
        if all.isEmpty { return [StyledLine("(empty)", style: Palette.dim)] }
        while offset < all.count {
            let row = all[offset..<min(offset + bytesPerRow, all.count)]
            lines.append(line(row, offset: offset, bytesPerRow: bytesPerRow))
            offset += bytesPerRow
        }
        return lines
    }

    static func line(_ row: ArraySlice<UInt8>, offset: Int, bytesPerRow: Int) -> StyledLine {
        var line = StyledLine(hex(offset, width: 8), style: Palette.hexOffset)
        var hexPart = " "
        for column in 0..<bytesPerRow {
            if column % 8 == 0 { hexPart += " " }
            let index = row.startIndex + column
            hexPart += index < row.endIndex ? hex(Int(row[index]), width: 2) + " " : "   "
        }
        line.append(hexPart + " |")
        for byte in row {
            if byte >= 0x20, byte < 0x7F {
                line.append(String(UnicodeScalar(byte)))
            } else {
                line.append(".", style: Palette.hexNonPrintable)
            }
        }
        line.append("|")
        return line
    }

    static func hex(_ value: Int, width: Int) -> String {
        var text = ""
        var rest = value
        for _ in 0..<width {
            text.insert(digits[rest & 0xF], at: text.startIndex)
            rest >>= 4
        }
        return text
    }
}
