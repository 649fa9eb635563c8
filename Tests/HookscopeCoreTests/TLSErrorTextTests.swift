import HookscopeCore
import Testing

/// NIO-SSL's error descriptions in words, never with BoringSSL's source paths (#12 point 10).
@Suite struct TLSErrorTextTests {
    static let untrusted = "handshakeFailed(NIOSSL.BoringSSLError.sslError([Error: 268435581 error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at /work/main/.build/checkouts/swift-nio-ssl/Sources/CNIOBoringSSL/ssl/handshake.cc:320]))"

    @Test func reasonCodesBecomeWordsWithoutThePath() {
        #expect(TLSErrorText.reasons(in: Self.untrusted) == ["CERTIFICATE_VERIFY_FAILED"])
        #expect(TLSErrorText.describe(Self.untrusted) == "the certificate is not trusted")
        let plain = "handshakeFailed(sslError([Error: 268435648 error:100000c0:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER at /x/tls_record.cc:231]))"
        #expect(TLSErrorText.describe(plain) == "the other side does not speak TLS here (plain HTTP?)")
        let alert = "handshakeFailed(sslError([Error: 1 error:10000410:SSL routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE at /x/s3_pkt.cc:1]))"
        #expect(TLSErrorText.describe(alert) == "the other side refused the handshake (handshake failure)")
        let unknown = "sslError([Error: 1 error:1000009a:SSL routines:OPENSSL_internal:SOMETHING_NEW at /x/y.cc:9])"
        #expect(TLSErrorText.describe(unknown) == "something new")
    }

    @Test func sourceLocationsAreRemovedFromAnyText() {
        #expect(TLSErrorText.withoutSourceLocations("failed at /a/b/handshake.cc:320]) then") == "failed]) then")
        // Not a location: kept as written.
        #expect(TLSErrorText.withoutSourceLocations("look at this: at noon") == "look at this: at noon")
        #expect(TLSErrorText.describe("eofDuringHandshake") == "the other side closed the connection during the TLS handshake")
        let name = "NIOSSLExtraError.failedToValidateHostname: Couldn't find <none> in certificate from peer"
        #expect(TLSErrorText.isUntrustedCertificate(name))
        #expect(TLSErrorText.describe(name) == "the certificate is not for this host name")
        for text in [Self.untrusted, "x at /p/q.cc:1 y at /r/s.c:22"] {
            #expect(!TLSErrorText.describe(text).contains(".cc:"))
            #expect(!TLSErrorText.withoutSourceLocations(text).contains(".cc:"))
        }
    }
}

/// Which fault of an untrusted certificate is named, and how (#12 point 10).
@Suite struct CertificateTrustTests {
    let now: Int64 = 1_796_000_000
    func facts(subject: String = "CN=app", issuer: String = "CN=app", names: [String] = ["app"], from: Int64 = 1_790_000_000, to: Int64 = 1_800_000_000) -> CertificateTrust.Facts {
        .init(subject: subject, issuer: issuer, names: names, notBefore: from, notAfter: to)
    }

    func explain(_ facts: CertificateTrust.Facts?, chain: Bool = false) -> String {
        CertificateTrust(authority: "127.0.0.1:8443", facts: facts, chainIsTrusted: chain, trustedAuthorities: "the system's authorities", now: now).explanation
    }

    @Test func eachFaultIsNamed() {
        #expect(explain(facts()) == "the certificate of 127.0.0.1:8443 is not trusted: it is self-signed (CN=app) and not trusted by the system's authorities; --ca-cert FILE trusts its authority (or the certificate itself), --insecure skips the check")
        #expect(explain(facts(issuer: "CN=Corp CA")).contains("it is issued by CN=Corp CA, an authority not trusted by the system's authorities"))
        #expect(explain(facts(to: 1_795_000_000)).contains("it expired on 2026-11-18T"))
        #expect(explain(facts(from: 1_797_000_000)).contains("it is not valid before 2026-12-"))
        #expect(explain(facts(names: ["app.example", "10.0.0.1"]), chain: true).contains("it is for app.example, 10.0.0.1, not for 127.0.0.1;"))
        #expect(explain(nil) == "the certificate of 127.0.0.1:8443 is not trusted by the system's authorities; --ca-cert FILE trusts its authority (or the certificate itself), --insecure skips the check")
    }

    /// A certificate's names are the peer's text (review M6): controls are escaped and a
    /// long name or list is cut, so an error that quotes them cannot drive a terminal.
    @Test func namesFromTheCertificateAreEscapedAndCapped() {
        let hostile = facts(subject: "CN=evil\u{1B}]52;c;aGk=\u{07}\u{9B}x", issuer: "CN=evil\u{1B}]52;c;aGk=\u{07}\u{9B}x")
        let text = explain(hostile)
        #expect(text.contains("it is self-signed (CN=evil\\x1b]52;c;aGk=\\x07\\u{009b}x)"), "\(text)")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }, "\(text)")

        let long = facts(subject: "CN=" + String(repeating: "a", count: 5000), issuer: "CN=Corp CA")
        #expect(long.subject == "CN=" + String(repeating: "a", count: 97) + "…")
        let many = facts(names: (1...300).map { "host\($0).example" })
        #expect(many.names.count == 9)
        #expect(explain(many, chain: true).contains("it is for host1.example, host2.example, host3.example, host4.example, host5.example, host6.example, host7.example, host8.example, 292 more, not for 127.0.0.1"))
        #expect(facts(names: ["a\u{7}b"]).names == ["a\\x07b"])
    }
}
