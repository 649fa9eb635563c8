import HookscopeCore
import Testing

@Suite struct PublicURLTests {
    @Test func keepsSchemeHostPortAndPrefixWithoutTheTrailingSlash() throws {
        #expect(try PublicURL("https://hooks.example.com/").base == "https://hooks.example.com")
        #expect(try PublicURL("http://10.0.0.5:8443/in//").base == "http://10.0.0.5:8443/in")
        #expect(try PublicURL("https://[2001:db8::1]:443").base == "https://[2001:db8::1]:443")
    }

    @Test func rejectsWhatSendersCannotCall() {
        for bad in ["hooks.example.com", "ftp://x", "https://", "https://a b.com", "https://x.com/?q=1", "https://x.com/#f",
                    "https://x.com:99999", "https://x.com\u{1b}[2J"] {
            #expect(throws: PublicURL.Problem.self, "\(bad)") { try PublicURL(bad) }
        }
    }

    @Test func problemNeverCarriesAnEscapeRaw() {
        do {
            _ = try PublicURL("ftp://\u{1b}]52;c;evil\u{7}")
            Issue.record("accepted")
        } catch let problem as PublicURL.Problem {
            #expect(!problem.description.contains("\u{1b}"))
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func theAnalyzerCarriesIt() throws {
        var settings = ProviderSettings()
        settings.publicURL = try PublicURL("https://x.example")
        #expect(settings.analyzer.publicURL?.base == "https://x.example")
    }

    @Test func loopbackAddresses() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1", "LOCALHOST"] { #expect(LoopbackAddress.contains(host), "\(host)") }
        for host in ["0.0.0.0", "::", "192.168.1.4", "127.0.0.256", "127.0.0", "example.com"] { #expect(!LoopbackAddress.contains(host), "\(host)") }
    }
}
