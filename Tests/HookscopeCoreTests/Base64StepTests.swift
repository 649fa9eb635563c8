import Foundation
import Testing
@testable import HookscopeCore

/// `Base64.encode` takes six bytes a step through a table of character pairs, then groups
/// of three, then the padded tail: every length and alignment against Foundation's.
@Suite struct Base64StepTests {
    @Test func everyLengthUpToAFewStepsMatchesFoundation() {
        var rng = SplitMix64(seed: 64)
        for count in 0..<200 {
            for _ in 0..<5 {
                let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
                #expect(Base64.encode(bytes) == Data(bytes).base64EncodedString(), "\(bytes)")
            }
        }
    }

    @Test func everyTwelveBitValueInEveryPositionOfAStep() {
        // Each of the four 12-bit values of a six-byte step takes every value once.
        for value in 0..<4096 {
            for position in 0..<4 {
                var bits = UInt64(value) << (36 - 12 * UInt64(position))
                var bytes = [UInt8](repeating: 0, count: 6)
                for index in (0..<6).reversed() {
                    bytes[index] = UInt8(truncatingIfNeeded: bits)
                    bits >>= 8
                }
                bytes += [0xA5, 0x5A]   // so the step runs (it reads eight bytes)
                #expect(Base64.encode(bytes) == Data(bytes).base64EncodedString(), "\(value) at \(position)")
            }
        }
    }

    @Test func aLargeBodyMatchesFoundation() {
        var rng = SplitMix64(seed: 6400)
        let bytes = (0..<(1 << 20) + 7).map { _ in UInt8.random(in: 0...255, using: &rng) }
        #expect(Base64.encode(bytes) == Data(bytes).base64EncodedString())
        #expect(Base64.decode(Base64.encode(bytes)) == bytes)
    }
}
