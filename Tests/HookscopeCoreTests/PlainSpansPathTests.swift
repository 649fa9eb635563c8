import CPlainSpans
import Foundation
import Testing

/// The escaper's C test for plain spans (`CPlainSpans`, issue 18): every path this CPU can
/// run (portable, SSE2, AVX2) and the dispatched one give the same count as a reference
/// written here byte by byte, for a byte of every class at every offset of the first spans
/// (so around the 16-, 32- and 64-byte widths), long plain runs, and inputs that start at
/// alignments around the vector widths. The escaper's own suites check its output on top of this.
@Suite struct PlainSpansPathTests {
    /// Plain: a JSON string holds it as it is.
    static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte <= 0x7E && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }

    /// Whole plain spans before the first that is not, as the C functions count them.
    static func reference(_ bytes: [UInt8], from start: Int, spans: Int) -> Int {
        let end = start + 64 * spans
        guard let first = bytes[start..<end].firstIndex(where: { !isPlain($0) }) else { return spans }
        return (first - start) / 64
    }

    /// Every path up to the one dispatched on this CPU.
    static let paths = Array(0...Int(hs_plain_spans_path()))

    static func expectAllPaths(_ bytes: [UInt8], from start: Int, spans: Int, _ note: @autoclosure () -> String) {
        let expected = reference(bytes, from: start, spans: spans)
        // Dispatched, portable, then each path: one expectation a case (these tests are
        // many small cases, kept cheap so that they do not hold the test pool's threads).
        let counts = bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.unsafelyUnwrapped + start
            return [hs_plain_spans(base, spans), hs_plain_spans_portable(base, spans)]
                + paths.map { hs_plain_spans_on_path(Int32($0), base, spans) }
        }
        if counts.contains(where: { $0 != expected }) {
            Issue.record("\(note()): dispatched, portable, paths \(paths): \(counts), expected \(expected)")
        }
    }

    /// A byte of each class and at each edge of the range test (0x20…0x7E less `"` and `\`).
    static let classes: [UInt8] = [0x00, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D,
                                   0x5E, 0x5F, 0x7E, 0x7F, 0x80, 0xA0, 0xC3, 0xDF, 0xE0, 0xFE, 0xFF]

    @Test func everyByteClassAtEveryOffsetOfThreeSpans() {
        let plain = [UInt8](repeating: UInt8(ascii: "a"), count: 64 * 3)
        for value in Self.classes {
            for offset in 0..<plain.count {
                var bytes = plain
                bytes[offset] = UInt8(value)
                // 1: a byte past the spans asked for is not looked at.
                for spans in [1, 3] {
                    Self.expectAllPaths(bytes, from: 0, spans: spans, "byte \(value) at \(offset), \(spans) spans")
                }
            }
        }
    }

    @Test func longPlainRunsAndEveryAlignment() {
        // Every printable byte but the two a string must escape, over 33 spans.
        let printable = (0x20...0x7E).map(UInt8.init).filter(Self.isPlain)
        let run = (0..<(64 * 33 + 64)).map { printable[$0 % printable.count] }
        for start in [0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 47, 63] {
            Self.expectAllPaths(run, from: start, spans: 33, "all plain from \(start)")
            for marked: UInt8 in [0x22, 0x5C, 0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xFF] {
                for at in [0, 15, 16, 31, 32, 63, 64, 64 * 32, 64 * 33 - 1] {
                    var bytes = run
                    bytes[start + at] = marked
                    Self.expectAllPaths(bytes, from: start, spans: 33, "\(marked) at \(at) from \(start)")
                }
            }
        }
    }

    @Test func nonASCIIAndInvalidUTF8() {
        let texts: [[UInt8]] = [
            Array(String(repeating: "é", count: 96).utf8),  // two-byte letters
            Array(String(repeating: "日本", count: 40).utf8),  // three-byte
            [UInt8](repeating: 0xFF, count: 192),  // never UTF-8
            [UInt8](repeating: 0x80, count: 192),  // lone continuation bytes
            Array(repeating: UInt8(ascii: "a"), count: 127) + [0xC0, 0xAF] + Array(repeating: UInt8(ascii: "a"), count: 63),
        ]
        for bytes in texts {
            Self.expectAllPaths(bytes, from: 0, spans: bytes.count / 64, "\(bytes.prefix(4))")
        }
    }

    /// AVX2 where the CPU has it (its flags as Linux lists them), SSE2 on any other x86-64:
    /// the escaper takes the widest path it can.
    @Test func dispatchedPathFollowsTheCPU() throws {
        #if arch(x86_64) && os(Linux)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }.map { Set($0.split(separator: " ")) } ?? []
        #expect(hs_plain_spans_path() == (flags.contains("avx2") ? 2 : 1))
        #elseif !arch(x86_64)
        #expect(hs_plain_spans_path() == 0)
        #endif
    }
}
