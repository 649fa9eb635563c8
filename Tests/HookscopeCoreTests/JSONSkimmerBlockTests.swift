import Testing
@testable import HookscopeCore

/// `JSONSkimmer.endOfNested` reads 64 bytes at a time as bit masks and `endOfString` 16;
/// the other skimmer tests mostly use documents shorter than one block. These hold both to
/// the byte-by-byte walks on values long enough to cross many blocks, with what can go
/// wrong at a block's edge put there: a backslash as a block's last byte (its escaped byte
/// is the next block's first), runs of backslashes of either parity across the edge, a
/// quote right after them, strings longer than a block, brackets and bytes above 0x7F at
/// every offset, and backslashes outside strings (not JSON; walked byte by byte).
@Suite struct JSONSkimmerBlockTests {
    static func endOfString(_ bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { JSONSkimmer.endOfString($0, from: start, end: bytes.count) }
    }

    /// The plain walk `endOfString` must equal.
    static func referenceEndOfString(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): return index + 1
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        return nil
    }

    static func expectSameEnd(_ bytes: [UInt8], from start: Int, _ note: @autoclosure () -> String) {
        #expect(JSONSkimmerPropertyTests.endOfNested(bytes, from: start) == JSONSkimmerPropertyTests.referenceEndOfNested(bytes, from: start), "\(note()): \(bytes) from \(start)")
    }

    /// A run of 1 to 5 backslashes in a string, ending at every offset from before the
    /// first block's edge to after the second's, then a quote, a bracket or a letter:
    /// an odd run escapes it, an even one does not.
    @Test func backslashRunsAcrossABlocksEdge() {
        for runLength in 1...5 {
            for runEnd in 50..<140 {
                for after in [UInt8(ascii: "\""), UInt8(ascii: "}"), UInt8(ascii: "a"), UInt8(ascii: "\\")] {
                    // `{"k":"aaa…\\\"…"}` padded so that the run ends at `runEnd`.
                    var bytes = Array(#"{"k":""#.utf8)
                    bytes += [UInt8](repeating: UInt8(ascii: "a"), count: runEnd - runLength - bytes.count)
                    bytes += [UInt8](repeating: UInt8(ascii: "\\"), count: runLength)
                    bytes.append(after)
                    bytes += Array(#"bb"}, "z": [1, {"q": "\""}]} tail"#.utf8)
                    bytes += [UInt8](repeating: UInt8(ascii: " "), count: 70)
                    Self.expectSameEnd(bytes, from: 0, "run of \(runLength) ending at \(runEnd) before \(after)")
                    let string = 5
                    #expect(Self.endOfString(bytes, from: string) == Self.referenceEndOfString(bytes, from: string), "string: run of \(runLength) ending at \(runEnd)")
                }
            }
        }
    }

    /// Every byte value at every offset of the first three blocks of values longer than
    /// one: inside a long string, among small objects, in an array of numbers, and in a
    /// string that starts in one block and ends in the next.
    @Test func everyByteAtEveryOffsetOfThreeBlocks() {
        let templates = [
            #"{"data":{"items":[{"n":1,"name":"item 1"},{"n":2,"name":"item 2"},{"n":3,"name":"item 3"},{"n":4,"name":"item 4"},{"n":5,"name":"item 5"},{"n":6,"name":"item 6"},{"n":7,"name":"item 7"}]},"z":1}"#,
            #"["a long string that goes on past the end of the first block of sixty-four bytes and the second one too, and then some more text to make three", 1]"#,
            #"[[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25], [26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40], {}]"#,
        ]
        for template in templates {
            let base = Array(template.utf8)
            #expect(base.count > 128)
            #expect(JSONSkimmerPropertyTests.referenceEndOfNested(base, from: 0) == base.count, "\(template)")
            for index in 1..<(base.count - 1) {
                for byte in UInt8.min...UInt8.max {
                    var bytes = base
                    bytes[index] = byte
                    Self.expectSameEnd(bytes, from: 0, "\(byte) at \(index)")
                }
            }
        }
    }

    /// Every byte value at every offset of a string of three blocks, for `endOfString`.
    @Test func everyByteAtEveryOffsetOfALongString() {
        let base = Array("\"".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 70) + Array("é€😀\"".utf8) + [UInt8](repeating: UInt8(ascii: "y"), count: 40)
        for index in 1..<base.count {
            for byte in UInt8.min...UInt8.max {
                var bytes = base
                bytes[index] = byte
                #expect(Self.endOfString(bytes, from: 0) == Self.referenceEndOfString(bytes, from: 0), "\(byte) at \(index)")
            }
        }
    }

    /// Generated JSON-like text of many blocks: strings with escapes of every kind (so the
    /// masks' escape handling is used, not the byte walk), brackets of both kinds, UTF-8
    /// and stray bytes, shifted against the block edges by leading spaces, and cut short.
    @Test func longGeneratedValuesAgreeWithTheByteWalk() {
        var rng = SplitMix64(seed: 6464)
        let tokens: [[UInt8]] = [[0x7B], [0x7D], [0x5B], [0x5D], [0x2C], [0x3A], Array("12".utf8), Array("  ".utf8)]
        let contents: [[UInt8]] = [
            Array(#"\""#.utf8), Array(#"\\"#.utf8), Array(#"\\\""#.utf8), Array(#"\\\\"#.utf8), Array(#"\n"#.utf8),
            [0x5C], [0x5C, 0x5C, 0x5C], Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8), Array("a".utf8),
            Array("{}[]".utf8), Array("é€".utf8), [0xFF], [0x80], [0x00], [0xDC], [0xA2],
        ]
        for round in 0..<20_000 {
            var bytes = [UInt8](repeating: UInt8(ascii: " "), count: Int.random(in: 0..<64, using: &rng))
            let start = bytes.count
            bytes.append(Bool.random(using: &rng) ? UInt8(ascii: "{") : UInt8(ascii: "["))
            for _ in 0..<Int.random(in: 1...(round % 10 == 0 ? 300 : 60), using: &rng) {
                if Int.random(in: 0..<3, using: &rng) == 0 {
                    bytes.append(UInt8(ascii: "\""))
                    for _ in 0..<Int.random(in: 0...8, using: &rng) { bytes += contents.randomElement(using: &rng)! }
                    bytes.append(UInt8(ascii: "\""))
                } else {
                    bytes += tokens.randomElement(using: &rng)!
                }
            }
            if round % 4 == 1 { bytes.removeLast(Int.random(in: 0..<(bytes.count - start), using: &rng)) }
            Self.expectSameEnd(bytes, from: start, "round \(round)")
        }
    }

    /// Any bytes at all, long enough for many blocks, from dense (a backslash outside a
    /// string in most blocks: the byte walk) to sparse (mostly letters: the masks).
    @Test func longArbitraryBytesAgreeWithTheByteWalk() {
        var rng = SplitMix64(seed: 4242)
        let dense: [UInt8] = Array(#""\{}[] a:,0"#.utf8) + [0x00, 0xFF, 0xA2, 0xDC, 0xFB, 0xDD, 0x7C, 0x5E]
        let sparse: [UInt8] = Array(#""\{}[]"#.utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 40)
        for round in 0..<10_000 {
            let alphabet = round % 2 == 0 ? dense : sparse
            let length = Int.random(in: 64...700, using: &rng)
            var bytes = (0..<length).map { _ in alphabet.randomElement(using: &rng)! }
            let start = Int.random(in: 0..<64, using: &rng)
            bytes[start] = Bool.random(using: &rng) ? UInt8(ascii: "{") : UInt8(ascii: "[")
            Self.expectSameEnd(bytes, from: start, "round \(round)")
            bytes[start] = UInt8(ascii: "\"")
            #expect(Self.endOfString(bytes, from: start) == Self.referenceEndOfString(bytes, from: start), "string, round \(round)")
        }
    }
}
