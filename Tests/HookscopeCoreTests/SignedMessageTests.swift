import Crypto
import Testing
@testable import HookscopeCore

/// The signed message in pieces (#18): the same bytes as the whole rendering, the body not
/// copied, and every MAC over the pieces equal to the MAC over the whole.
@Suite struct SignedMessageTests {
    static let inputs = MessageInputs(
        timestamp: "1700000000", id: "msg_1", method: "POST", url: SignedURL(url: "https://x.example/hooks?a=1", origin: "test"),
        path: "/hooks", headers: [HeaderField("X-Stamp", "t-9")], sortedParams: [("a", "1"), ("b", "2")]
    )

    /// Every template shape the catalogue uses, and the rare ones (no body, the body twice).
    @Test(arguments: [
        ("{body}", "", ""),
        ("{timestamp}.{body}", "1700000000.", ""),
        ("{id}.{timestamp}.{body}", "msg_1.1700000000.", ""),
        ("{timestamp}{body}", "1700000000", ""),
        ("v0:{timestamp}:{body}", "v0:1700000000:", ""),
        ("{url}{body}", "https://x.example/hooks?a=1", ""),
        ("{method}{url}{body}{timestamp}", "POSThttps://x.example/hooks?a=1", "1700000000"),
        ("{header:X-Stamp}{body}", "t-9", ""),
        ("{body}{url}", "", "https://x.example/hooks?a=1"),
        ("{body}{timestamp}", "", "1700000000"),
        ("{method}\n{path}\n{body}", "POST\n/hooks\n", ""),
    ])
    func theBodyIsAPieceOfItsOwn(template: String, head: String, tail: String) throws {
        let body = Array(#"{"id":"evt_1","type":"x"}"#.utf8)
        let message = try #require(MessageTemplate(parsing: template)).message(body: body, inputs: Self.inputs)
        #expect(message.head == Array(head.utf8))
        #expect(message.tail == Array(tail.utf8))
        #expect(message.body == body)
        #expect(message.bytes == Array(head.utf8) + body + Array(tail.utf8))
        let original = body.withUnsafeBufferPointer { $0.baseAddress }
        #expect(message.body.withUnsafeBufferPointer { $0.baseAddress } == original, "the body is the request's array, not a copy")
    }

    @Test(arguments: ["{url}{params}", "{timestamp}{field:signature.token}", "{body}.{body}"])
    func withoutOneBodyTheWholeMessageIsTheHead(template: String) throws {
        let body = Array("a=1&b=2".utf8)
        let message = try #require(MessageTemplate(parsing: template)).message(body: body, inputs: Self.inputs)
        #expect(message.body.isEmpty && message.tail.isEmpty)
        #expect(message.bytes == message.head)
        if template == "{body}.{body}" { #expect(message.head == body + Array(".".utf8) + body) }
        if template == "{url}{params}" { #expect(message.head == Array("https://x.example/hooks?a=1a1b2".utf8)) }
    }

    /// Every algorithm over random splits of random messages, against swift-crypto's HMAC
    /// over the message whole; keys around the block sizes (64, 128).
    @Test func aMACOverThePiecesIsTheMACOverTheWhole() {
        var rng = SplitMix64(seed: 1802)
        for round in 0..<300 {
            let key = ProviderPropertyTests.randomBytes(Int.random(in: 0...200, using: &rng), using: &rng)
            let whole = ProviderPropertyTests.randomBytes(Int.random(in: 0...3000, using: &rng), using: &rng)
            let cut1 = Int.random(in: 0...whole.count, using: &rng), cut2 = Int.random(in: cut1...whole.count, using: &rng)
            let message = SignedMessage(head: Array(whole[..<cut1]), body: Array(whole[cut1..<cut2]), tail: Array(whole[cut2...]))
            #expect(message.bytes == whole)
            let symmetric = SymmetricKey(data: key)
            #expect(HashAlgorithm.sha256.mac(key: key, message: message) == Array(HMAC<SHA256>.authenticationCode(for: whole, using: symmetric)), "round \(round)")
            #expect(HashAlgorithm.sha1.mac(key: key, message: message) == Array(HMAC<Insecure.SHA1>.authenticationCode(for: whole, using: symmetric)), "round \(round)")
            #expect(HashAlgorithm.sha512.mac(key: key, message: message) == Array(HMAC<SHA512>.authenticationCode(for: whole, using: symmetric)), "round \(round)")
        }
    }

    /// The public-key checks over a message with a head: ECDSA hashes the pieces, Ed25519
    /// takes them whole; both verify a signature made over the whole and refuse a changed body.
    @Test func publicKeyChecksTakeTheMessageInPieces() throws {
        let body = Array(#"[{"event":"open"}]"#.utf8)
        let message = SignedMessage(head: Array("1700000000".utf8), body: body)
        var changedBody = body
        changedBody[2] ^= 0x01
        let changed = SignedMessage(head: message.head, body: changedBody)

        let p256 = P256.Signing.PrivateKey()
        let ecdsa = Array(try p256.signature(for: message.bytes).derRepresentation)
        let p256Key = p256.publicKey.derRepresentation.base64EncodedString()
        #expect(AsymmetricKeys.verify(kind: .ecdsaP256, keyText: p256Key, message: message, signatures: [ecdsa]) == true)
        #expect(AsymmetricKeys.verify(kind: .ecdsaP256, keyText: p256Key, message: changed, signatures: [ecdsa]) == false)

        let ed = Curve25519.Signing.PrivateKey()
        let edSignature = Array(try ed.signature(for: message.bytes))
        let edKey = Hex.encode(Array(ed.publicKey.rawRepresentation))
        #expect(AsymmetricKeys.verify(kind: .ed25519, keyText: edKey, message: message, signatures: [edSignature]) == true)
        #expect(AsymmetricKeys.verify(kind: .ed25519, keyText: edKey, message: changed, signatures: [edSignature]) == false)
    }
}
