/// What a signature header holds once read: the digests it offers and, for schemes that
/// carry one inside the header, the timestamp.
public struct ParsedSignature: Sendable, Equatable {
    public var digests: [[UInt8]]
    public var timestamp: String?
    /// Entries of a list that could not be read, each with why; not fatal while another
    /// entry can be checked (a sender rotating schemes may add entries hookscope cannot read).
    public var skipped: [String]

    public init(digests: [[UInt8]], timestamp: String? = nil, skipped: [String] = []) {
        self.digests = digests
        self.timestamp = timestamp
        self.skipped = skipped
    }
}

/// A header that cannot be a signature of its scheme, with what is wrong in words.
public struct MalformedSignature: Error, Sendable, Equatable {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }
}

/// Reads signature header values. Never traps, whatever arrives: values come from the
/// network and may be empty, huge, repeated or full of control bytes.
public enum SignatureHeaderParser {
    public static func parse(
        _ value: String, format: SignatureFormat, encoding: DigestEncoding, kind: SignatureKind = .hmac(.sha256)
    ) -> Result<ParsedSignature, MalformedSignature> {
        let trimmed = trimSpaces(value)
        guard !trimmed.isEmpty else {
            return .failure(MalformedSignature("the value is empty (expected \(layout(format, encoding)))"))
        }
        switch format {
        case .digest(let prefix):
            return parseDigest(trimmed, prefix: prefix, encoding: encoding, kind: kind)
        case .keyValueList(let timestampKey, let signatureKey, let separator):
            return parseList(trimmed, timestampKey: timestampKey, signatureKey: signatureKey, separator: separator, encoding: encoding, kind: kind)
        case .versionedList(let version):
            return parseVersioned(trimmed, version: version, encoding: encoding, kind: kind)
        }
    }

    /// The expected layout, for reasons: `t=<unix seconds>,s=<hex>`.
    public static func layout(_ format: SignatureFormat, _ encoding: DigestEncoding) -> String {
        switch format {
        case .digest(let prefix): return "\(prefix)<\(encoding.rawValue)>"
        case .keyValueList(let t, let s, let separator):
            return (t.map { "\($0)=<unix seconds>\(separator)" } ?? "") + "\(s)=<\(encoding.rawValue)>"
        case .versionedList(let version): return "\(version),<\(encoding.rawValue)>, space-separated"
        }
    }

    /// Reads a unix timestamp in seconds; the reason says what is wrong otherwise.
    /// `field` names the value in a reason; it is only built when there is a problem.
    public static func parseTimestamp(_ text: String, field: @autoclosure () -> String) -> Result<Int64, MalformedSignature> {
        let trimmed = trimSpaces(Substring(text))
        guard !trimmed.isEmpty else { return .failure(MalformedSignature("\(field()) is empty")) }
        guard trimmed.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return .failure(MalformedSignature("\(field()) \(quote(String(trimmed))) is not a whole number of seconds"))
        }
        guard let seconds = Int64(trimmed), seconds < 100_000_000_000 else {
            return .failure(MalformedSignature("\(field()) \(quote(String(trimmed))) is out of range for unix seconds"))
        }
        return .success(seconds)
    }

    /// Decodes one digest, explaining what is wrong: empty, not hex, not base64, wrong length.
    /// `field` names the digest in a reason; it is only built when there is a problem.
    public static func decodeDigest(
        _ text: String, encoding: DigestEncoding, kind: SignatureKind = .hmac(.sha256), field: @autoclosure () -> String
    ) -> Result<[UInt8], MalformedSignature> {
        guard !text.isEmpty else { return .failure(MalformedSignature("\(field()) is empty")) }
        let expected = kind.signatureByteCount
        switch encoding {
        case .hex:
            if let offset = Hex.firstNonHexOffset(text) {
                let byte = Array(text.utf8)[offset]
                let shown = (0x21..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : TerminalSafeText.hexEscape(byte)
                return .failure(MalformedSignature("\(field()) is not hex: '\(shown)' at position \(offset + 1)"))
            }
            guard let bytes = Hex.decode(text) else {
                return .failure(MalformedSignature("\(field()) has an odd number (\(text.utf8.count)) of hex digits"))
            }
            if let expected, bytes.count != expected {
                return .failure(MalformedSignature("\(field()) has \(text.utf8.count) hex digits; \(kind.signatureNoun) has \(expected * 2)"))
            }
            return .success(bytes)
        case .base64, .base64url:
            guard let bytes = Base64.decode(text), !bytes.isEmpty else {
                return .failure(MalformedSignature("\(field()) is not base64"))
            }
            if let expected, bytes.count != expected {
                return .failure(MalformedSignature("\(field()) decodes to \(bytes.count) bytes; \(kind.signatureNoun) has \(expected)"))
            }
            return .success(bytes)
        }
    }

    private static func parseDigest(_ value: String, prefix: String, encoding: DigestEncoding, kind: SignatureKind) -> Result<ParsedSignature, MalformedSignature> {
        var digest = value
        if !prefix.isEmpty {
            guard hasPrefixIgnoringASCIICase(value, prefix) else {
                return .failure(MalformedSignature("the value does not start with \(prefix) (expected \(prefix)<\(encoding.rawValue)>)"))
            }
            digest = String(decoding: value.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
        }
        return decodeDigest(digest, encoding: encoding, kind: kind, field: "the digest after \(prefix.isEmpty ? "the header name" : prefix)")
            .map { ParsedSignature(digests: [$0]) }
    }

    /// `t=…,v1=…,v1=…` (Stripe), `ts=…;h1=…` (Paddle): any `signatureKey` entry may verify.
    /// An entry that cannot be read is skipped and reported; the header is malformed only
    /// when no signature entry can be read at all.
    private static func parseList(
        _ value: String, timestampKey: String?, signatureKey: String, separator: Character, encoding: DigestEncoding, kind: SignatureKind
    ) -> Result<ParsedSignature, MalformedSignature> {
        // Substrings of the value, and the expected layout only built for a reason: this
        // runs once per signed request.
        var timestamps: [Substring] = []
        var signatures: [Substring] = []
        var skipped: [String] = []
        var expected: String { layout(.keyValueList(timestampKey: timestampKey, signatureKey: signatureKey, separator: separator), encoding) }
        for item in split(value, separator: separator) {
            let pair = trimSpaces(item)
            guard let equals = pair.firstIndex(of: "=") else {
                skipped.append("\(quote(String(pair))) is not key=value (expected \(expected))")
                continue
            }
            let key = pair[..<equals]
            let entry = pair[pair.index(after: equals)...]
            if let timestampKey, key == timestampKey { timestamps.append(entry) }
            if key == signatureKey { signatures.append(entry) }
        }
        var timestamp: String?
        if let timestampKey {
            guard !timestamps.isEmpty else { return .failure(MalformedSignature(skipped.first ?? "missing \(timestampKey)= (expected \(expected))")) }
            guard timestamps.count == 1 else {
                return .failure(MalformedSignature("\(timestampKey)= appears \(timestamps.count) times; a signature has one timestamp"))
            }
            if case .failure(let problem) = parseTimestamp(String(timestamps[0]), field: "\(timestampKey)=") { return .failure(problem) }
            timestamp = String(trimSpaces(timestamps[0]))
        }
        guard !signatures.isEmpty else { return .failure(MalformedSignature(skipped.first ?? "missing \(signatureKey)= (expected \(expected))")) }
        var digests: [[UInt8]] = []
        for signature in signatures {
            switch decodeDigest(String(signature), encoding: encoding, kind: kind, field: "\(signatureKey)=") {
            case .success(let bytes): digests.append(bytes)
            case .failure(let problem): skipped.append(problem.reason)
            }
        }
        guard !digests.isEmpty else { return .failure(MalformedSignature(skipped.last ?? "no \(signatureKey)= entry")) }
        return .success(ParsedSignature(digests: digests, timestamp: timestamp, skipped: skipped))
    }

    /// Space-separated `v1,<sig>` entries (Standard Webhooks, Svix); other versions are
    /// ignored, unreadable entries skipped and reported as in `parseList`.
    private static func parseVersioned(_ value: String, version: String, encoding: DigestEncoding, kind: SignatureKind) -> Result<ParsedSignature, MalformedSignature> {
        var digests: [[UInt8]] = []
        var otherVersions: [String] = []
        var skipped: [String] = []
        for entry in split(value, separator: " ") {
            guard let comma = entry.firstIndex(of: ",") else {
                skipped.append("\(quote(String(entry))) is not <version>,<signature> (expected \(layout(.versionedList(version: version), encoding)))")
                continue
            }
            let entryVersion = String(entry[..<comma])
            guard entryVersion == version else { otherVersions.append(entryVersion); continue }
            switch decodeDigest(String(entry[entry.index(after: comma)...]), encoding: encoding, kind: kind, field: "the \(version) signature") {
            case .success(let bytes): digests.append(bytes)
            case .failure(let problem): skipped.append(problem.reason)
            }
        }
        guard !digests.isEmpty else {
            if let first = skipped.first { return .failure(MalformedSignature(first)) }
            let found = otherVersions.isEmpty ? "" : " (found only \(otherVersions.prefix(3).map(quote).joined(separator: ", ")))"
            return .failure(MalformedSignature("no \(version),<\(encoding.rawValue)> entry\(found)"))
        }
        return .success(ParsedSignature(digests: digests, skipped: skipped))
    }

    /// The non-empty pieces between separators, as `split(separator:)` gives them. An ASCII
    /// value is split by bytes: every byte is then a character of its own (CR LF, the one
    /// two-byte character in ASCII, cannot be a separator here), so the pieces are the same,
    /// and splitting by characters was half of a Stripe verification.
    static func split(_ value: String, separator: Character) -> [Substring] {
        guard let byte = separator.asciiValue, byte != 0x0D, byte != 0x0A,
              value.utf8.allSatisfy({ $0 < 0x80 }) else {
            return value.split(separator: separator, omittingEmptySubsequences: true)
        }
        var pieces: [Substring] = []
        let bytes = value.utf8
        var start = bytes.startIndex
        var index = start
        while index < bytes.endIndex {
            if bytes[index] == byte {
                if start < index { pieces.append(value[start..<index]) }
                start = bytes.index(after: index)
            }
            bytes.formIndex(after: &index)
        }
        if start < bytes.endIndex { pieces.append(value[start..<bytes.endIndex]) }
        return pieces
    }

    static func hasPrefixIgnoringASCIICase(_ text: String, _ prefix: String) -> Bool {
        let head = Array(text.utf8.prefix(prefix.utf8.count))
        guard head.count == prefix.utf8.count else { return false }
        return zip(head, prefix.utf8).allSatisfy { a, b in
            a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= UInt8(ascii: "a") && (a | 0x20) <= UInt8(ascii: "z"))
        }
    }

    static func trimSpaces(_ text: String) -> String {
        String(text.trimmingSpacesAndTabs())
    }

    static func trimSpaces(_ text: Substring) -> Substring {
        text.trimmingSpacesAndTabs()
    }

    /// A value from the network made safe and short enough to quote in a reason.
    static func quote(_ text: String) -> String {
        let safe = TerminalSafeText.string(text)
        let short = safe.count > 24 ? String(safe.prefix(24)) + "…" : safe
        return "'\(short)'"
    }
}
