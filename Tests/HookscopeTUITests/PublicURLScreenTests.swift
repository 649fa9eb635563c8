import HookscopeCore
@testable import HookscopeTUI
import Testing

/// The public URL takes the local address's place in the top bar; the local address is
/// then on the help screen, and curl commands point where senders point.
@Suite struct PublicURLScreenTests {
    func state(publicURL: String?) -> AppState {
        var state = Fixtures.state(Fixtures.mixedStore(), width: 120)
        _ = state.update(.headerChanged(HeaderInfo(url: "http://127.0.0.1:8080", publicURL: publicURL, responseMode: "answer 200")))
        return state
    }

    @Test func topBarShowsThePublicURLInsteadOfTheLocalOne() {
        let top = Fixtures.render(state(publicURL: "https://calm-river.trycloudflare.com"))[0]
        #expect(top.contains("https://calm-river.trycloudflare.com"))
        #expect(!top.contains("127.0.0.1:8080"))
        #expect(Fixtures.render(state(publicURL: nil))[0].contains("http://127.0.0.1:8080"))
    }

    @Test func helpScreenNamesTheLocalAddressWhenTheTopBarDoesNot() {
        var withPublic = state(publicURL: "https://x.example")
        Fixtures.press([.character("?")], on: &withPublic)
        #expect(Fixtures.render(withPublic).contains { $0.hasPrefix("Listening on http://127.0.0.1:8080") })
        var without = state(publicURL: nil)
        Fixtures.press([.character("?")], on: &without)
        #expect(!Fixtures.render(without).contains { $0.contains("Listening on") })
    }

    @Test func copiedCurlGoesToThePublicURLWhenThereIsNoReplayTarget() throws {
        var state = state(publicURL: "https://x.example")
        let effects = Fixtures.press([.character("Y")], on: &state)
        guard case .copy(let bytes, _)? = effects.first else { Issue.record("no copy: \(effects)"); return }
        let command = String(decoding: bytes, as: UTF8.self)
        #expect(command.contains("https://x.example/"))
    }

    @Test func uCopiesThePublicURLOrSaysWhyThereIsNone() throws {
        var up = state(publicURL: "https://calm-river.trycloudflare.com")
        let effects = Fixtures.press([.character("U")], on: &up)
        guard case .copy(let bytes, let what)? = effects.first else { Issue.record("no copy: \(effects)"); return }
        #expect(String(decoding: bytes, as: UTF8.self) == "https://calm-river.trycloudflare.com")
        #expect(what == "the public URL https://calm-river.trycloudflare.com")

        var starting = Fixtures.state(Fixtures.mixedStore(), width: 120)
        _ = starting.update(.headerChanged(HeaderInfo(url: "http://127.0.0.1:8080", responseMode: "answer 200", tunnelNotice: "tunnel: starting")))
        #expect(Fixtures.press([.character("U")], on: &starting).isEmpty)
        #expect(starting.message == StatusMessage("no public URL yet (tunnel: starting)", isError: true))
        var none = state(publicURL: nil)
        #expect(Fixtures.press([.character("U")], on: &none).isEmpty)
        #expect(none.message?.text == "no public URL: start with --tunnel or --public-url")
    }

    @Test func topBarSaysTheTunnelsStateWhileItHasNoURL() {
        var state = Fixtures.state(Fixtures.mixedStore(), width: 120)
        _ = state.update(.headerChanged(HeaderInfo(
            url: "http://127.0.0.1:8080", responseMode: "answer 200",
            tunnelNotice: "tunnel: down (exited with status 1: no such host); restarting in 4 s"
        )))
        let top = Fixtures.render(state)[0]
        #expect(top.contains("http://127.0.0.1:8080"))
        #expect(top.contains("tunnel: down (exited with status 1: no such host); restarting in 4 s"))
    }

    /// A tunnel restarted with a new URL (review item 10): the message line says the URL
    /// changed and what was the old one, even with the down time between.
    @Test func aNewURLAfterARestartIsSaidOnTheMessageLine() {
        var state = state(publicURL: "https://calm-river.trycloudflare.com")
        #expect(state.message == nil)
        _ = state.update(.headerChanged(HeaderInfo(url: "http://127.0.0.1:8080", responseMode: "answer 200", tunnelNotice: "tunnel: starting")))
        #expect(state.message == nil)
        _ = state.update(.headerChanged(HeaderInfo(url: "http://127.0.0.1:8080", publicURL: "https://calm-river.trycloudflare.com", responseMode: "answer 200")))
        #expect(state.message == nil, "the same URL again is no change")
        _ = state.update(.headerChanged(HeaderInfo(url: "http://127.0.0.1:8080", publicURL: "https://bold-lake.trycloudflare.com", responseMode: "answer 200")))
        #expect(state.message == StatusMessage(
            "public URL changed: https://bold-lake.trycloudflare.com (was https://calm-river.trycloudflare.com): senders given the old one reach nothing now; give them this one (U copies it)",
            isError: true
        ))
        #expect(Fixtures.render(state)[0].contains("https://bold-lake.trycloudflare.com"))
    }
}
