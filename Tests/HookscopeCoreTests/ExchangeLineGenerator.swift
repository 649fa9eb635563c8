@testable import HookscopeCore

/// Random JSON Lines lines for `ExchangeDecodingPropertyTests`: every member the decoders
/// read, each present or absent, mostly of its type and sometimes of any other, in any
/// order, duplicated, with unknown members, whitespace, trailing commas and a byte order
/// mark; strings with every escape (surrogate pairs, lone surrogates, `\u0000`) and raw
/// non-ASCII. Numbers stay within what `JSONObjectText` reads as Foundation does (no
/// integer past 64 bits, at most 15 significant digits in a fraction).
struct ExchangeLineGenerator {
    var rng: SplitMix64
    /// Percent of string pieces that are not JSON, set per line: most lines have none.
    var badPercent = 0
    /// Percent of members given any value instead of one of their type, set per line.
    var mistypedPercent = 0

    static let stringPieces = [
        "abc", "/stripe/events", "x", " ", "é", "€", "😀", "\u{7F}", "Ω≈", "\\\"", "\\\\", "\\/", "\\n", "\\r",
        "\\t", "\\b", "\\f", "\\u00e9", "\\u0000", "\\u001f", "\\ud83d\\ude00", "\\uD83D\\uDE00", "\\u20AC",
        "\\u0041", "\\uFFFF",
    ]
    static let badStringPieces = ["\\ud83d", "\\ude00", "\\ud83d\\ud83d", "\\ud83dx", "\\x", "\u{01}", "\t", "\\u12G4"]

    static func hex4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &rng) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &rng)! }

    mutating func ws() -> String { chance(85) ? "" : pick([" ", "\n", "\t ", "\r\n  "]) }

    mutating func string() -> String {
        var text = "\""
        for _ in 0..<Int.random(in: 0...5, using: &rng) {
            text += chance(badPercent) ? pick(Self.badStringPieces) : pick(Self.stringPieces)
        }
        return text + "\""
    }

    mutating func number() -> String {
        if chance(badPercent * 5) { return pick(["1e400", "-1e400", "01", "1.", "-", "1e", ".5"]) }
        return pick([
            "0", "-0", "1", "2", "-1", "3.0", "3.7", "-3.7", "1e2", "1E+2", "1.0e1", "0.5", "12.345", "-0.0", "0e5",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551615",
            "1e30", "-1e30", "1.5e308", "4.9e-324", "1e-400", "123456789012345678", "201",
            String(Int.random(in: -100_000...100_000, using: &rng)),
            String(Int.random(in: 0...1_000_000, using: &rng)) + "." + String(Int.random(in: 0...999, using: &rng)),
        ])
    }

    mutating func literal() -> String { chance(badPercent * 5) ? pick(["tru", "nul", "True"]) : pick(["true", "false", "null"]) }

    mutating func anyValue(depth: Int = 0) -> String {
        switch Int.random(in: 0...(depth > 2 ? 3 : 5), using: &rng) {
        case 0: return string()
        case 1: return number()
        case 2: return literal()
        case 3: return pick(["[]", "{}", "\"\""])
        case 4: return array((0..<Int.random(in: 0...3, using: &rng)).map { _ in anyValue(depth: depth + 1) })
        default:
            return object((0..<Int.random(in: 0...3, using: &rng)).map { _ in (pick(["a", "status", "url", "k"]), anyValue(depth: depth + 1)) })
        }
    }

    mutating func array(_ items: [String]) -> String {
        var text = "[" + ws()
        for (index, item) in items.enumerated() { text += (index > 0 ? "," + ws() : "") + item + ws() }
        if !items.isEmpty, chance(3) { text += "," }
        return text + "]"
    }

    mutating func object(_ members: [(String, String)]) -> String {
        var text = "{" + ws()
        for (index, (key, value)) in members.enumerated() {
            let quotedKey = chance(5) ? "\"" + key.unicodeScalars.map { "\\u" + Self.hex4($0.value) }.joined() + "\"" : "\"\(key)\""
            text += (index > 0 ? "," + ws() : "") + quotedKey + ws() + ":" + ws() + value + ws()
        }
        if !members.isEmpty, chance(3) { text += "," }
        return text + "}"
    }

    mutating func headers() -> String {
        if chance(5) { return anyValue() }
        return array((0..<Int.random(in: 0...4, using: &rng)).map { _ in
            chance(4) ? anyValue() : array([string(), string()] + (chance(3) ? [string()] : []))
        })
    }

    mutating func base64() -> String {
        let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return chance(90) ? "\"" + Base64.encode(bytes) + "\"" : pick(["\"@@\"", "\"QQ==QQ\"", "\"QQ\""])
    }

    /// The members of `keys` (each present with `presence` percent), in a random order.
    mutating func members(_ keys: [(String, Int, (inout Self) -> String)]) -> String {
        var chosen: [(String, String)] = []
        for (key, presence, make) in keys where chance(presence) {
            chosen.append((key, chance(mistypedPercent) ? anyValue() : make(&self)))
            if chance(3) { chosen.append((key, make(&self))) }   // a duplicate: the last wins
        }
        if chance(10) { chosen.append(("unknown", anyValue())) }
        chosen.shuffle(using: &rng)
        return object(chosen)
    }

    mutating func line() -> String {
        badPercent = chance(15) ? 3 : 0
        mistypedPercent = pick([0, 0, 5, 15])
        let signature: (inout Self) -> String = { g in
            g.members([("status", 80, { g in g.pick(["\"valid\"", "\"invalid\"", "\"unsigned\"", "\"unverified\"", "\"bogus\""]) }),
                       ("scheme", 50, { $0.string() }), ("header", 50, { $0.string() }), ("reason", 50, { $0.string() })])
        }
        let response: (inout Self) -> String = { g in
            g.members([("status", 80, { $0.number() }), ("source", 70, { g in g.pick(["\"rule\"", "\"forward\"", "\"default\"", "\"nope\""]) }),
                       ("duration_ms", 70, { $0.number() }), ("headers", 60, { $0.headers() }), ("body", 40, { $0.string() }),
                       ("body_base64", 30, { $0.base64() })])
        }
        let forward: (inout Self) -> String = { g in
            g.members([("url", 85, { $0.string() }), ("status", 70, { $0.number() }), ("duration_ms", 70, { $0.number() }),
                       ("error", 30, { $0.string() }), ("route", 30, { $0.string() }), ("by", 30, { $0.string() }),
                       ("forwarder", 30, { $0.string() }), ("round_trip_ms", 30, { $0.number() })])
        }
        let relay: (inout Self) -> String = { g in
            g.members([("body_exact", 60, { $0.literal() }), ("channel", 30, { _ in "\"https://smee.io/abcDEF\"" }),
                       ("host", 50, { $0.string() }), ("channel_tag", 50, { $0.string() })])
        }
        let text = members([
            ("id", 90, { $0.number() }), ("received_at", 95, { g in g.pick(["\"2026-12-03T09:01:02.123456Z\"", "\"2026-12-03T09:01:02Z\"", "\"yesterday\""]) }),
            ("remote", 80, { $0.string() }), ("method", 95, { g in g.chance(80) ? "\"POST\"" : g.string() }),
            ("path", 95, { $0.string() }), ("query", 40, { g in g.chance(70) ? g.string() : "null" }),
            ("headers", 90, { $0.headers() }), ("body", 70, { $0.string() }), ("body_base64", 30, { $0.base64() }),
            ("body_size", 60, { $0.number() }), ("body_truncated", 60, { g in g.chance(70) ? g.literal() : g.number() }),
            ("http_version", 30, { g in g.pick(["\"HTTP/1.0\"", "\"HTTP/2\"", "\"HTTP/1.1\""]) }),
            ("provider", 50, { $0.string() }), ("event", 50, { $0.string() }), ("delivery_id", 50, { $0.string() }),
            ("signature", 60, signature), ("attempt", 50, { $0.number() }), ("response", 60, response),
            ("forward", 30, forward), ("source", 20, { g in g.pick(["\"smee\"", "\"relay\""]) }), ("relay", 20, relay),
            ("rejection", 15, { $0.string() }),
        ])
        return (chance(3) ? "\u{FEFF}" : "") + ws() + text + ws()
    }

    /// A forwarder's answer (`RemoteForwardAnswer.encoded()`'s members).
    mutating func answer() -> String {
        badPercent = chance(15) ? 3 : 0
        mistypedPercent = pick([0, 0, 5, 15])
        let upstream: (inout Self) -> String = { g in
            g.members([("url", 90, { $0.string() }), ("status", 70, { g in g.chance(80) ? g.number() : "null" }),
                       ("headers", 90, { $0.headers() }), ("duration_ms", 80, { $0.number() }), ("error", 40, { $0.string() }),
                       ("timed_out", 60, { g in g.chance(70) ? g.literal() : g.number() }), ("route", 40, { $0.string() }),
                       ("by", 40, { $0.string() }), ("forwarder", 40, { $0.string() })])
        }
        return ws() + members([
            ("status", 90, { $0.number() }), ("headers", 90, { $0.headers() }),
            ("source", 90, { g in g.pick(["\"forward\"", "\"timeout\"", "\"nope\""]) }), ("upstream", 90, upstream),
        ]) + ws()
    }

    /// `line` with one to three bytes deleted, inserted or replaced by ones that matter
    /// to the grammar.
    mutating func mutated(_ text: String) -> String {
        var bytes = Array(text.utf8)
        let grammar = Array("{}[],:\"\\0123456789.eE+-tfnu \u{1}".utf8)
        for _ in 0..<Int.random(in: 1...3, using: &rng) where !bytes.isEmpty {
            let index = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0...2, using: &rng) {
            case 0: bytes.remove(at: index)
            case 1: bytes.insert(pick(grammar), at: index)
            default: bytes[index] = pick(grammar)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
