import Testing
@testable import HookscopeCore

@Suite struct SignedURLTests {
    @Test func thePublicURLWinsAndKeepsTheRequestTarget() {
        let headers = [HeaderField("Host", "127.0.0.1:8080"), HeaderField("X-Forwarded-Host", "other.example")]
        let signed = SignedURL.resolve(target: "/hooks/twilio?a=1", headers: headers, publicURL: "https://abc.ngrok.app")
        #expect(signed.url == "https://abc.ngrok.app/hooks/twilio?a=1")
        #expect(signed.origin == "--public-url")
    }

    @Test func aPublicURLPathIsPutBeforeATargetThatLacksIt() {
        let base = "https://tunnel.example/hooks/"
        #expect(SignedURL.resolve(target: "/sq", headers: [], publicURL: base).url == "https://tunnel.example/hooks/sq")
        #expect(SignedURL.resolve(target: "/hooks/sq", headers: [], publicURL: base).url == "https://tunnel.example/hooks/sq")
        #expect(SignedURL.resolve(target: "/hooks?x=1", headers: [], publicURL: "https://t.example/hooks", publicURLOrigin: "--url").origin == "--url")
        #expect(SignedURL.resolve(target: "/hooks?x=1", headers: [], publicURL: "https://t.example/hooks").url == "https://t.example/hooks?x=1")
    }

    @Test func forwardedHeadersComeNextTheirFirstEntryCounts() {
        let headers = [
            HeaderField("Host", "127.0.0.1:8080"), HeaderField("X-Forwarded-Proto", "HTTPS, http"),
            HeaderField("X-Forwarded-Host", "abc.trycloudflare.com, inner"),
        ]
        let signed = SignedURL.resolve(target: "/t", headers: headers, publicURL: nil)
        #expect(signed.url == "https://abc.trycloudflare.com/t")
        #expect(signed.origin == "X-Forwarded-Proto and X-Forwarded-Host")
        #expect(SignedURL.resolve(target: "/t", headers: [HeaderField("X-Forwarded-Proto", "https"), HeaderField("Host", "h:1")], publicURL: nil).url == "https://h:1/t")
    }

    @Test func hostIsTheLastResortAndAnUnusablePublicURLIsIgnored() {
        let signed = SignedURL.resolve(target: "/t?q", headers: [HeaderField("Host", "localhost:9000")], publicURL: "ftp://nope")
        #expect(signed.url == "http://localhost:9000/t?q")
        #expect(signed.origin.hasPrefix("Host"))
    }

    @Test func aListenerServingTLSMeansTheSenderCalledHTTPS() {
        let signed = SignedURL.resolve(target: "/t?q", headers: [HeaderField("Host", "hooks.example:8443")], publicURL: nil, listenerScheme: "https")
        #expect(signed.url == "https://hooks.example:8443/t?q")
        #expect(signed.origin.contains("TLS"))
        // What the sender or a proxy said still wins.
        let proxied = [HeaderField("Host", "h:1"), HeaderField("X-Forwarded-Proto", "http")]
        #expect(SignedURL.resolve(target: "/t", headers: proxied, publicURL: nil, listenerScheme: "https").url == "http://h:1/t")
        #expect(SignedURL.resolve(target: "/t", headers: [], publicURL: "http://p.example", listenerScheme: "https").url == "http://p.example/t")
    }

    @Test func variantsAreTheUsualTunnelMistakes() {
        let https = SignedURL(url: "https://h.example/p?x=1", origin: "")
        #expect(https.variants().map(\.url) == ["http://h.example/p?x=1", "https://h.example:443/p?x=1", "https://h.example/p"])
        let withPort = SignedURL(url: "http://h.example:8080/p", origin: "")
        #expect(withPort.variants().map(\.url) == ["https://h.example:8080/p", "http://h.example/p"])
        #expect(withPort.variants()[1].difference == "without the port 8080")
    }
}
