import Foundation
import Testing
import TestSupport

/// `--public-url` and the network notice, on the real binary.
@Suite(.offThePool) struct IngressCommandTests {
    @Test func headlessLogNamesThePublicURL() throws {
        let app = try RunningHookscope(["--headless", "--public-url", "https://hooks.example.com/in/"])
        _ = try Poll.until(timeout: 10) { app.stderr.contains("public URL: https://hooks.example.com/in (senders use this)") ? true : nil }
        #expect(!app.stderr.contains("reachable from the network"))
        #expect(try app.stop() == 0)
    }

    @Test func aBadPublicURLIsOneLineAndNoServer() throws {
        let result = try HookscopeCommand.run(["listen", "--port", "0", "--public-url", "hooks.example.com"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--public-url: 'hooks.example.com' does not start with http:// or https://"))
        #expect(!result.stderr.contains("listening on"))
    }

    @Test func bindingBeyondLoopbackSaysSo() throws {
        let app = try RunningHookscope(["--headless", "--host", "0.0.0.0"])
        _ = try Poll.until(timeout: 10) { app.stderr.contains("listening on 0.0.0.0: reachable from the network") ? true : nil }
        #expect(try app.stop() == 0)
    }
}
