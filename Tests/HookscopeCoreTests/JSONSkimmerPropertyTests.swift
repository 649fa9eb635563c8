import Testing
@testable import HookscopeCore

/// `JSONSkimmer` (the analyzer's walk over a body's members) against the validating
/// scanner and a byte-by-byte bracket walk: same members wherever the text is JSON, the
/// members before the cut of one cut short, and the word-at-a-time bracket matching equal
/// to the byte-at-a-time one on any bytes at all.
@Suite struct JSONSkimmerPropertyTests {
    /// Every member the skimmer finds in the top-level object, as the scanner tests locate them.
    static func skimmed(_ bytes: [UInt8]) -> [[Int]] {
        guard let start = bytes.firstIndex(where: { !JSONPayload.isWhitespace($0) }) else { return [] }
        var walk = JSONSkimmer(objectAt: start, end: bytes.count)
        var members: [JSONScanner.Member] = []
        bytes.withUnsafeBufferPointer { buffer in
            while let member = walk.next(in: buffer) { members.append(member) }
        }
        return JSONScannerPropertyTests.located(members) ?? []
    }

    /// The plain walk `endOfNested` must equal: one byte at a time.
    static func referenceEndOfNested(_ bytes: [UInt8], from start: Int) -> Int? {
        var depth = 0
        var inString = false
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inString {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    static func endOfNested(_ bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { JSONSkimmer.endOfNested($0, from: start, end: bytes.count) }
    }

    @Test func findsTheScannersMembersInEveryValidDocument() {
        var rng = SplitMix64(seed: 1818)
        var valid = 0
        for round in 0..<20_000 {
            let bytes = JSONScannerPropertyTests.object(depth: 0, using: &rng)
            guard let expected = JSONScannerPropertyTests.scanned(bytes) else { continue }
            valid += 1
            #expect(Self.skimmed(bytes) == expected, "round \(round): \(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(valid > 2_000, "\(valid) valid documents")
    }

    /// A valid document cut at every length: the members that ended before the cut (a
    /// number or literal needs the byte after it, since it could go on), none after.
    @Test func aDocumentCutShortGivesTheMembersBeforeTheCut() {
        var rng = SplitMix64(seed: 7)
        var checked = 0
        for _ in 0..<8_000 {
            let bytes = JSONScannerPropertyTests.object(depth: 0, using: &rng)
            guard let full = JSONScannerPropertyTests.scanned(bytes), !full.isEmpty else { continue }
            checked += 1
            for cut in 0..<bytes.count {
                let expected = full.prefix { member in
                    let first = bytes[member[2]]
                    let scalar = first != UInt8(ascii: "\"") && first != UInt8(ascii: "{") && first != UInt8(ascii: "[")
                    return scalar ? member[3] < cut : member[3] <= cut
                }
                #expect(Self.skimmed(Array(bytes[..<cut])) == Array(expected), "cut at \(cut) of \(String(decoding: bytes, as: UTF8.self))")
            }
        }
        // About one generated document in twenty is valid and not empty.
        #expect(checked > 250, "\(checked) documents cut")
    }

    /// Arbitrary bytes, dense in what matters (quotes, backslashes, brackets of both kinds)
    /// and long enough to span several words, from an opening bracket at every offset.
    @Test func bracketMatchingEqualsTheByteAtATimeWalkOnAnyBytes() {
        var rng = SplitMix64(seed: 42)
        let alphabet: [UInt8] = Array(#""\{}[]"#.utf8) + Array(#""\{}[] a:,0"#.utf8) 
            // Near misses: one bit off a quote, backslash or bracket.
            + [0x00, 0xFF, 0xA2, 0x23, 0x21, 0xDC, 0x5E, 0xFB, 0x7A, 0x7C, 0xDD, 0x5F]
        for round in 0..<30_000 {
            let length = Int.random(in: 1...(round % 10 == 0 ? 400 : 60), using: &rng)
            var bytes = (0..<length).map { _ in alphabet.randomElement(using: &rng)! }
            let start = Int.random(in: 0..<length, using: &rng)
            bytes[start] = Bool.random(using: &rng) ? UInt8(ascii: "{") : UInt8(ascii: "[")
            #expect(Self.endOfNested(bytes, from: start) == Self.referenceEndOfNested(bytes, from: start), "round \(round): \(bytes) from \(start)")
        }
    }

    /// Each byte that matters, and each other byte value, at every offset of the words of
    /// a value nested one and two deep, inside and outside strings.
    @Test func everyByteAtEveryOffsetOfAWord() {
        for template in [#"{"k":[1,2,{"s":"aaaaaaaaaaaaaaaaaaaaaaaa"}],"z":1}"#, #"[[ aaaaaaaaaaaaaaaaaaaaaaaaaaaaa ],"x"]"#] {
            let base = Array(template.utf8)
            for index in 1..<(base.count - 1) {
                for byte in UInt8.min...UInt8.max {
                    var bytes = base
                    bytes[index] = byte
                    #expect(Self.endOfNested(bytes, from: 0) == Self.referenceEndOfNested(bytes, from: 0), "\(byte) at \(index) of \(template)")
                }
            }
        }
    }

    /// The reader answers as `JSONPayload` does wherever the body is JSON and its keys are
    /// not repeated (of repeated keys the reader takes the first, the payload the last).
    @Test func answersAsThePayloadDoesForValidDocuments() throws {
        var rng = SplitMix64(seed: 99)
        var compared = 0
        for _ in 0..<5_000 {
            let bytes = JSONScannerPropertyTests.object(depth: 0, using: &rng)
            guard let payload = JSONPayload(body: bytes), let reader = JSONFieldReader(body: bytes) else { continue }
            let keys = (JSONScannerPropertyTests.scanned(bytes) ?? []).map { JSONText.string(bytes, $0[0]..<$0[1]) }
            guard Set(keys).count == keys.count else { continue }
            compared += 1
            // Questions in an order of their own, so the reader's resumed walks are tried too.
            for key in (keys + ["missing", "a", "k"]).shuffled(using: &rng) {
                #expect(reader.has(key) == payload.has(key))
                #expect(reader.string(at: key) == payload.string(at: key), "\(key) in \(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(compared > 1_000, "\(compared) compared")
    }
}
