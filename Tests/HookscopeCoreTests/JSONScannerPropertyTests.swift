import Testing
@testable import HookscopeCore

/// The fast scanner (eight bytes at a time in strings, UTF-8 checked inside strings, no
/// member lists for nested objects) must accept, refuse and locate exactly as the
/// byte-at-a-time one did: provider detection and field extraction read its results.
@Suite struct JSONScannerPropertyTests {
    static func located(_ members: [JSONScanner.Member]?) -> [[Int]]? {
        members?.map { [$0.key.lowerBound, $0.key.upperBound, $0.value.lowerBound, $0.value.upperBound] }
    }

    static func scanned(_ bytes: [UInt8]) -> [[Int]]? {
        guard let first = bytes.first(where: { !JSONPayload.isWhitespace($0) }), first == UInt8(ascii: "{") else { return nil }
        var scanner = JSONScanner(bytes: bytes)
        return located(scanner.document())
    }

    /// Pieces a string's contents are made of: long plain runs (the fast path), the bytes
    /// that stop it, escapes good and bad, and UTF-8 good and bad.
    static let stringPieces: [[UInt8]] = [
        Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8), Array("a".utf8), Array("xyz ".utf8),
        Array(#"\""#.utf8), Array(#"\\"#.utf8), Array(#"\/"#.utf8), Array(#"\n"#.utf8), Array(#"\u00e9"#.utf8),
        Array(#"\ud83d\ude00"#.utf8), Array(#"\u12G4"#.utf8), Array(#"\x"#.utf8), [0x5C],
        Array("é".utf8), Array("€".utf8), Array("😀".utf8), Array("\u{7F}".utf8),
        [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF], [0x80], [0xF0, 0x9F, 0x98],
        [0x00], [0x1F], [0x09], [0x0A], [0x22],
    ]

    static func string(using rng: inout SplitMix64) -> [UInt8] {
        var text: [UInt8] = [0x22]
        for _ in 0..<Int.random(in: 0...6, using: &rng) {
            // Mostly valid pieces, so that most documents get past their first string.
            let piece = Bool.random(using: &rng) ? stringPieces[Int.random(in: 0...2, using: &rng)] : stringPieces.randomElement(using: &rng)!
            text += piece
        }
        return text + [0x22]
    }

    static func value(depth: Int, using rng: inout SplitMix64) -> [UInt8] {
        switch Int.random(in: 0...(depth > 3 ? 4 : 6), using: &rng) {
        case 0: return string(using: &rng)
        case 1: return Array(["0", "-12", "3.25", "1e9", "-0.5E-3", "01", "1.", "-", "2e+"].randomElement(using: &rng)!.utf8)
        case 2: return Array(["true", "false", "null", "tru", "nul"].randomElement(using: &rng)!.utf8)
        case 3, 4: return string(using: &rng)
        case 5: return object(depth: depth + 1, using: &rng)
        default:
            let items = (0..<Int.random(in: 0...4, using: &rng)).map { _ in value(depth: depth + 1, using: &rng) }
            return [UInt8(ascii: "[")] + Array(items.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "]")]
        }
    }

    static func object(depth: Int, using rng: inout SplitMix64) -> [UInt8] {
        let members = (0..<Int.random(in: 0...5, using: &rng)).map { _ in
            string(using: &rng) + Array(Bool.random(using: &rng) ? ":".utf8 : " : ".utf8) + value(depth: depth, using: &rng)
        }
        return [UInt8(ascii: "{")] + Array(members.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "}")]
    }

    @Test func agreesWithTheByteAtATimeScanner() {
        var rng = SplitMix64(seed: 18)
        var accepted = 0
        for round in 0..<20_000 {
            var bytes = Self.object(depth: 0, using: &rng)
            // Now and then break it: cut it short, or put a stray byte anywhere.
            switch round % 4 {
            case 1 where !bytes.isEmpty: bytes.removeLast(Int.random(in: 1...bytes.count, using: &rng))
            case 2 where !bytes.isEmpty:
                bytes.insert([0x22, 0x5C, 0x00, 0xFF, 0x7B, 0x2C, 0x20].randomElement(using: &rng)!, at: Int.random(in: 0..<bytes.count, using: &rng))
            default: break
            }
            let expected = Self.located(ReferenceJSONScanner.members(of: bytes))
            if expected != nil { accepted += 1 }
            #expect(Self.scanned(bytes) == expected, "round \(round): \(bytes)")
        }
        // The generator must reach both answers often, or the comparison says little.
        #expect(accepted > 2_000 && accepted < 18_000, "\(accepted) accepted")
    }

    /// Every byte value at every offset of an 8-byte word, inside a long string: the word-
    /// at-a-time skip must stop for exactly the bytes the byte-at-a-time scanner stops for.
    @Test func everyByteAtEveryOffsetOfAWord() {
        for offset in 0..<24 {
            for byte in UInt8.min...UInt8.max {
                var bytes = Array(#"{"k":""#.utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 24)
                bytes[5 + offset] = byte
                bytes += Array(#"","z":1}"#.utf8)
                #expect(Self.scanned(bytes) == Self.located(ReferenceJSONScanner.members(of: bytes)), "byte \(byte) at \(offset)")
            }
        }
    }

    @Test func nestingLimitIsKept() {
        for depth in [510, 511, 512, 513] {
            let bytes = Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
            let document = Array(#"{"a":"#.utf8) + bytes + [UInt8(ascii: "}")]
            #expect(Self.scanned(document) == Self.located(ReferenceJSONScanner.members(of: document)), "depth \(depth)")
        }
    }
}
