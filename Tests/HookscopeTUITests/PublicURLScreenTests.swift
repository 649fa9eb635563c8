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
        #expect(starting.message == StatusMessage("no public URL yet (? shows why in full; tunnel: starting)", isError: true))
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

    /// Behind `--public-url https://x.example/hooks`, a copied or exported curl command
    /// goes to the URL the sender called, whether the proxy kept `/hooks` in the target
    /// or stripped it (seen walking the README: it went to …/hooks/hooks/…).
    @Test func curlGoesToTheURLTheSenderCalledBehindAPublicURLWithAPath() throws {
        var kept = state(publicURL: "https://x.example/hooks")
        let exchange = try #require(kept.exchange(id: 1))
        #expect(exchange.target.hasPrefix("/hooks/"))
        Fixtures.press([.character("g")], on: &kept)
        #expect(kept.selectedExchange?.id == 1)
        guard case .copy(let bytes, _)? = Fixtures.press([.character("Y")], on: &kept).first else { Issue.record("no copy"); return }
        let command = String(decoding: bytes, as: UTF8.self)
        #expect(command.hasSuffix("'https://x.example\(exchange.target)'"), "\(command)")
        #expect(!command.contains("/hooks/hooks/"))
        let stripped = state(publicURL: "https://x.example/in")
        #expect(stripped.curlBaseURL(for: exchange) == "https://x.example/in")
        let script = stripped.curlTargets(for: [exchange])
        #expect(script.base == "https://x.example/in" && script.routed.isEmpty)
        let prefixed = kept.curlTargets(for: [exchange])
        #expect(prefixed.base == "https://x.example/hooks" && prefixed.routed == [exchange.id: "https://x.example"])
    }

    /// The top bar cuts a long tunnel state; the help screen shows it whole (seen walking
    /// the README at 110 columns: the install hint's URL was cut).
    @Test func theHelpScreenShowsTheWholeTunnelState() {
        var state = Fixtures.state(Fixtures.mixedStore(), width: 80)
        let hint = "tunnel: down (cloudflared is not installed (not found on PATH): install it from https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/ (macOS: brew install cloudflared))"
        _ = state.update(.headerChanged(HeaderInfo(url: "http://127.0.0.1:8080", responseMode: "answer 200", tunnelNotice: hint)))
        Fixtures.press([.character("?")], on: &state)
        let words = Fixtures.render(state).joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("Tunnel tunnel: down (cloudflared is not installed"), "\(words)")
        #expect(words.contains("brew install cloudflared"), "\(words)")
    }
}
