import Testing
@testable import HookscopeCore

/// The masks other architectures use (`JSONByteMasks+Portable.swift`) against the SSE2
/// ones this machine uses (issue 18 review L5): no CI builds for another architecture, so
/// this is where the fallback is compiled and checked. On any other architecture the two
/// are the same code and the test passes trivially.
@Suite struct JSONByteMasksPortableTests {
    static let interesting: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x5B, 0x5C, 0x5D, 0x7B, 0x7D, 0x7E, 0x7F,
                                       0x80, 0xA2, 0xDB, 0xDC, 0xFB, 0xFD, 0xFF, UInt8(ascii: "a")]

    static func vectors(_ bytes: [UInt8]) -> [SIMD16<UInt8>] {
        bytes.withUnsafeBytes { raw in (0..<4).map { raw.baseAddress!.advanced(by: 16 * $0).loadUnaligned(as: SIMD16<UInt8>.self) } }
    }

    static func expectSame(_ bytes: [UInt8], _ comment: @autoclosure () -> String) {
        let v = vectors(bytes)
        for vector in v {
            #expect(JSONByteMasks.portableBits(vector) == JSONByteMasks.bits(vector), "bits: \(comment())")
        }
        #expect(JSONByteMasks.portablePlain(v[0], v[1], v[2], v[3]) == JSONByteMasks.plain(v[0], v[1], v[2], v[3]),
                "plain: \(comment())")
        let (fast, portable) = bytes.withUnsafeBytes { raw in
            (JSONByteMasks.Block(raw.baseAddress!), JSONByteMasks.Block(portable: raw.baseAddress!))
        }
        #expect(fast.quotes == portable.quotes, "quotes: \(comment())")
        #expect(fast.backslashes == portable.backslashes, "backslashes: \(comment())")
        #expect(fast.opens == portable.opens, "opens: \(comment())")
        #expect(fast.closes == portable.closes, "closes: \(comment())")
    }

    /// Every byte value in every lane of a plain block, and of one with every class.
    @Test func everyByteInEveryLane() {
        let busy = Array(#"{"a":[1,"\\"]}"#.utf8) + Array(repeating: UInt8(ascii: "b"), count: 50)
        for base in [Array(repeating: UInt8(ascii: "z"), count: 64), busy] {
            for lane in 0..<64 {
                for byte in UInt8.min...UInt8.max {
                    var bytes = base
                    bytes[lane] = byte
                    Self.expectSame(bytes, "\(byte) in lane \(lane)")
                }
            }
        }
    }

    /// Random blocks of the bytes the classes turn on.
    @Test func randomBlocks() {
        var rng = SplitMix64(seed: 5050)
        for round in 0..<20_000 {
            let bytes = (0..<64).map { _ in Self.interesting.randomElement(using: &rng)! }
            Self.expectSame(bytes, "round \(round): \(bytes)")
        }
    }
}
