import Testing
@testable import HookscopeCore

/// A JSON line writes a verdict's reason from its parts (`writeReason`); it must be the
/// very bytes of the sentence `reason` makes, escaped, for every kind of explanation and
/// whatever the parts hold.
@Suite struct SignatureVerdictJSONTests {
    static let awkward = ["Stripe", "X-\"Quoted\"", "back\\slash", "bell\u{7}", "ligne\u{2028}", "Ünïcødé", "", "emoji 😀"]

    static func verdicts(_ part: String) -> [SignatureVerdict] {
        let message = MessageTemplate.body
        return [
            SignatureVerdict(status: .unsigned),
            SignatureVerdict(status: .invalid, scheme: "hmac-sha256-hex", header: part, reason: "written \(part) already"),
            SignatureVerdict(status: .unsigned, scheme: nil, header: part, explanation: .missingHeader(displayName: part)),
            SignatureVerdict(status: .unsigned, scheme: nil, header: nil, explanation: .missingHeader(displayName: "GitHub")),
            SignatureVerdict(status: .noSecret, scheme: "hmac-sha256-hex", header: "X-Hub-Signature-256", explanation: .noSecret(provider: part)),
            SignatureVerdict(status: .noSecret, scheme: nil, header: part, explanation: .undocumented(displayName: part, provider: "acme")),
            SignatureVerdict(status: .valid, scheme: part, header: "Stripe-Signature",
                             explanation: .matched(message: message, secret: part, problem: nil)),
            SignatureVerdict(status: .expired, scheme: nil, header: part,
                             explanation: .matched(message: message, secret: "#1", problem: "the timestamp is \(part) old")),
        ]
    }

    @Test func theReasonWrittenFromItsPartsIsTheSentenceEscaped() {
        for part in Self.awkward {
            for verdict in Self.verdicts(part) {
                var fromParts = JSONWriter()
                verdict.writeReason(into: &fromParts)
                var whole = JSONWriter()
                whole.optionalString(verdict.reason)
                #expect(fromParts.bytes == whole.bytes, "\(verdict.status) with \(part)")
                if let reason = verdict.reason { #expect(whole.bytes == JSONWriterTests.reference(reason)) }
            }
        }
    }
}
