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
}
