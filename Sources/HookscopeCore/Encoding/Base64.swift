/// Standard base64 (RFC 4648, with padding) without Foundation.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let decodeTable: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = Int8(i) }
        // Accept the URL-safe alphabet too: some senders use it.
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    public static func encode<C: Collection>(_ data: C) -> String where C.Element == UInt8 {
        let bytes = data as? [UInt8] ?? Array(data)
        return bytes.withUnsafeBufferPointer { input in
            let count = encodedCount(input.count)
            return String(unsafeUninitializedCapacity: count, initializingUTF8With: { output in
                encode(input, into: UnsafeMutableBufferPointer(rebasing: output[..<count]))
                return count
            })
        }
    }

    /// Characters of the padded encoding of `count` bytes.
    public static func encodedCount(_ count: Int) -> Int {
        (count + 2) / 3 * 4
    }

    /// The two characters of every 12-bit value, first character in the low byte: one
    /// look-up per two characters instead of one per character.
    private static let pairs: [UInt16] = (0..<4096).map { UInt16(alphabet[$0 >> 6]) | UInt16(alphabet[$0 & 0x3F]) << 8 }

    /// Writes the encoding of `input` into `output`, which holds `encodedCount(input.count)`
    /// bytes: six bytes (eight characters) a step while eight can be read, then groups of
    /// three, then the padded tail.
    public static func encode(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) {
        precondition(output.count == encodedCount(input.count))
        guard let source = input.baseAddress, let target = output.baseAddress else { return }
        var from = 0, to = 0
        pairs.withUnsafeBufferPointer { pairs in
            while from + 8 <= input.count {
                // The six bytes as the top 48 bits: four 12-bit values, high first.
                let bits = UInt64(bigEndian: UnsafeRawPointer(source + from).loadUnaligned(as: UInt64.self))
                let first = UInt64(pairs[Int(truncatingIfNeeded: bits &>> 52)])
                let second = UInt64(pairs[Int(truncatingIfNeeded: bits &>> 40 & 0xFFF)])
                let third = UInt64(pairs[Int(truncatingIfNeeded: bits &>> 28 & 0xFFF)])
                let fourth = UInt64(pairs[Int(truncatingIfNeeded: bits &>> 16 & 0xFFF)])
                let characters = first | second &<< 16 | third &<< 32 | fourth &<< 48
                UnsafeMutableRawPointer(target + to).storeBytes(of: characters.littleEndian, as: UInt64.self)
                from &+= 6
                to &+= 8
            }
        }
        alphabet.withUnsafeBufferPointer { table in
            while from + 3 <= input.count {
                let group = UInt32(input[from]) << 16 | UInt32(input[from + 1]) << 8 | UInt32(input[from + 2])
                output[to] = table[Int(group >> 18)]
                output[to + 1] = table[Int(group >> 12 & 0x3F)]
                output[to + 2] = table[Int(group >> 6 & 0x3F)]
                output[to + 3] = table[Int(group & 0x3F)]
                from += 3
                to += 4
            }
            let left = input.count - from
            guard left > 0 else { return }
            let group = UInt32(input[from]) << 16 | (left == 2 ? UInt32(input[from + 1]) << 8 : 0)
            output[to] = table[Int(group >> 18)]
            output[to + 1] = table[Int(group >> 12 & 0x3F)]
            output[to + 2] = left == 2 ? table[Int(group >> 6 & 0x3F)] : UInt8(ascii: "=")
            output[to + 3] = UInt8(ascii: "=")
        }
    }

    /// Decodes standard or URL-safe base64, padded or not; nil on any other character.
    public static func decode(_ text: String) -> [UInt8]? { decode(text.utf8) }

    /// Decodes the base64 text's bytes (as the `String` form does). Written into the
    /// array's storage and read through the table's, with no growth or bounds checks: a
    /// binary body in a store row is decoded here for every delivery read (issue 16).
    public static func decode<Text: Collection>(_ text: Text) -> [UInt8]? where Text.Element == UInt8 {
        var failed = false
        let out = [UInt8](unsafeUninitializedCapacity: text.count * 3 / 4 + 1) { out, written in
            written = 0
            decodeTable.withUnsafeBufferPointer { table in
                var buffer: UInt32 = 0
                var bits = 0
                var padding = 0
                var count = 0
                for c in text {
                    if c == UInt8(ascii: "=") {
                        padding += 1
                        continue
                    }
                    let v = table[Int(c)]
                    guard padding == 0, v >= 0 else { failed = true; return }
                    buffer = buffer << 6 | UInt32(UInt8(v))
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        out[count] = UInt8(truncatingIfNeeded: buffer >> UInt32(bits))
                        count += 1
                    }
                }
                failed = padding > 2 || bits >= 6
                written = count
            }
        }
        return failed ? nil : out
    }
}
