#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import HookscopeCore

/// The escaper reads nothing past its input (issue 18 review L6): its spans load 64 bytes
/// and a piece's 16 more, its words eight, so a bound off by a few bytes would read past
/// the end. Inputs in arrays have slack capacity behind them, where such a read passes
/// unseen; here every input ends on the last byte of a page whose next page is mapped
/// with no access (and starts on the first byte of a page whose previous one is), so a
/// read past either end stops the test process with SIGSEGV.
@Suite struct JSONStringEscaperBoundsTests {
    /// Three pages, the outer two without access; the middle one's start and end.
    final class GuardedPage {
        let size = Int(sysconf(Int32(_SC_PAGESIZE)))
        let base: UnsafeMutableRawPointer

        init() {
            let mapped = mmap(nil, 3 * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
            precondition(mapped != MAP_FAILED, "mmap: \(errno)")
            base = mapped!
            precondition(mprotect(base, size, PROT_NONE) == 0 && mprotect(base + 2 * size, size, PROT_NONE) == 0,
                         "mprotect: \(errno)")
        }

        deinit { munmap(base, 3 * size) }

        /// `bytes` copied to the end of the middle page (`atEnd`) or to its start, and
        /// escaped from there as the line does (with and without validation).
        func escape(_ bytes: [UInt8], atEnd: Bool, validatingUTF8: Bool) -> (ok: Bool, escaped: [UInt8]) {
            let start = base + size + (atEnd ? size - bytes.count : 0)
            let pointer = start.bindMemory(to: UInt8.self, capacity: bytes.count)
            pointer.update(from: bytes, count: bytes.count)
            var escaped: [UInt8] = []
            let ok = JSONStringEscaper.escape(UnsafeBufferPointer(start: pointer, count: bytes.count),
                                              validatingUTF8: validatingUTF8) { escaped.append(contentsOf: $0) }
            return (ok, escaped)
        }
    }

    /// What ends an input: each escape class, sequences escaped and copied of every width,
    /// and sequences cut short (their checks look ahead).
    static let endings: [[UInt8]] = [
        [0x22], [0x5C], [0x0A], [0x01], [0x7F], Array("é".utf8), Array("€".utf8), Array("日".utf8), Array("😀".utf8),
        Array("\u{85}".utf8), Array("\u{2028}".utf8), Array("\u{feff}".utf8), [0xC2], [0xC3], [0xE2, 0x80], [0xE3, 0x81],
        [0xEF, 0xBB], [0xF0, 0x9F, 0x98], [0x80], [0xFF],
    ]

    static func expectEscaped(_ bytes: [UInt8], _ page: GuardedPage, _ comment: @autoclosure () -> String) {
        let text = String(validating: bytes, as: UTF8.self)
        let expected = text.map { Array(JSONWriterTests.reference($0).dropFirst().dropLast()) }
        for atEnd in [true, false] {
            let validated = page.escape(bytes, atEnd: atEnd, validatingUTF8: true)
            #expect(validated.ok == (text != nil), "validating: \(comment())")
            if let expected, validated.escaped != expected { Issue.record("validating: \(comment())") }
            // Without validation (a Swift string's bytes) the output of bytes that are not
            // UTF-8 is not defined; what is read still must be.
            let taken = page.escape(bytes, atEnd: atEnd, validatingUTF8: false)
            if let expected, taken.escaped != expected { Issue.record("not validating: \(comment())") }
        }
    }

    /// Every length from 0 to 200 (the word loop alone below 80, spans and then words
    /// above), plain, and with each ending at every one of the last 80 bytes.
    @Test func noReadPastEitherEndOfTheInputAtEveryLength() {
        let page = GuardedPage()
        for length in 0...200 {
            let plain = Array(repeating: UInt8(ascii: "a"), count: length)
            Self.expectEscaped(plain, page, "plain, \(length) bytes")
            for ending in Self.endings {
                for position in max(0, length - 80)..<length {
                    var bytes = plain
                    for (offset, byte) in ending.enumerated() where position + offset < length { bytes[position + offset] = byte }
                    Self.expectEscaped(bytes, page, "\(ending) at \(position) of \(length)")
                }
            }
        }
    }

    /// Text that keeps the spans on their mixed path (quotes, controls, runs of
    /// multi-byte sequences) to its very end, at every length.
    @Test func noReadPastTheEndOfMixedTextAtEveryLength() {
        let page = GuardedPage()
        let mixed = Array(String(repeating: "Zoë \"Müller\"\n日本語\\ a\u{2028}b\u{85} ", count: 12).utf8)
        for length in 0...200 {
            Self.expectEscaped(Array(mixed.prefix(length)), page, "mixed, \(length) bytes")
            Self.expectEscaped(Array(mixed.suffix(length)), page, "mixed from the end, \(length) bytes")
        }
    }
}
