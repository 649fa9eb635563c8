import Foundation
import HookscopeCore
import Testing
import TestSupport

/// `--forward`, `replay` and `send` to an `https://` app whose certificate is self-signed
/// (#12 point 10): the app is a real hookscope with `--tls-cert`, the certificate made here
/// with openssl. Untrusted is explained (never a build path), `--ca-cert` and `--insecure`
/// get through, and an `http://` URL that meets the TLS port says so.
@Suite(.serialized, .offThePool) struct OutgoingTLSCommandTests {
    /// POSTs to the front listener and returns the status and body.
    func post(_ front: RunningHookscope) throws -> (status: String, body: String) {
        let out = try TLSCommandTests().curl(["-w", "\n%{http_code}", "--data-binary", "{}", front.url + "/hooks/x"])
        let lines = out.output.split(separator: "\n", omittingEmptySubsequences: false)
        return (String(lines.last ?? ""), lines.dropLast().joined(separator: "\n"))
    }

    /// An answer or line that explains TLS must not carry BoringSSL's source locations.
    func expectNoSourcePath(_ text: String) {
        #expect(!text.contains(".cc:"), "\(text)")
        #expect(!text.contains("checkouts"), "\(text)")
        #expect(!text.contains("OPENSSL_internal"), "\(text)")
    }

    @Test func anUntrustedCertificateIsExplainedAndCACertOrInsecureGetThrough() throws {
        let files = try TLSCommandTests.Files()
        let app = try RunningHookscope(["--json", "--status", "201", "--tls-cert", files.cert, "--tls-key", files.key])
        defer { _ = try? app.stop() }
        let https = "https://127.0.0.1:\(app.port)"

        let untrusted = try RunningHookscope(["--headless", "--forward", https])
        let refused = try post(untrusted)
        #expect(refused.status == "502")
        #expect(refused.body.contains("cannot forward to \(https): the certificate of 127.0.0.1:\(app.port) is not trusted: it is self-signed (CN=127.0.0.1) and not trusted by the system's authorities; --ca-cert FILE"), "\(refused.body)")
        expectNoSourcePath(refused.body)
        #expect(try untrusted.stop() == 0)
        expectNoSourcePath(untrusted.stdout + untrusted.stderr)

        let trusted = try RunningHookscope(["--headless", "--forward", https, "--ca-cert", files.cert])
        #expect(try post(trusted).status == "201")
        #expect(try trusted.stop() == 0)
        #expect(!trusted.stderr.contains("warning"), "\(trusted.stderr)")

        let insecure = try RunningHookscope(["--headless", "--forward", https, "--insecure"])
        #expect(try post(insecure).status == "201")
        #expect(try insecure.stop() == 0)
        let warnings = insecure.stderr.split(separator: "\n").filter { $0.contains("--insecure") }
        #expect(warnings.count == 1, "\(insecure.stderr)")
        #expect(warnings.first?.hasPrefix("warning: --insecure: certificates of https:// URLs are not checked") == true)
        // Both got through to the app; the untrusted one never reached it.
        _ = try Poll.until(timeout: 10) { app.stdout.split(separator: "\n").count >= 2 ? true : nil }
        #expect(app.stdout.split(separator: "\n").count == 2)
    }

    @Test func aPlainHTTPForwardToATLSPortSaysUseHTTPS() throws {
        let files = try TLSCommandTests.Files()
        let app = try RunningHookscope(["--json", "--tls-cert", files.cert, "--tls-key", files.key])
        defer { _ = try? app.stop() }
        let front = try RunningHookscope(["--headless", "--forward", "http://127.0.0.1:\(app.port)"])
        defer { _ = try? front.stop() }
        let answer = try post(front)
        #expect(answer.status == "502")
        #expect(answer.body.contains("the app answered with TLS: use https://127.0.0.1:\(app.port)"), "\(answer.body)")
        #expect(!answer.body.contains("is the app running"), "\(answer.body)")
    }

    @Test func aCertificateForAnotherNameSaysWhichNames() throws {
        let files = try TLSCommandTests.Files()
        let other = files.dir + "/localhost.pem", otherKey = files.dir + "/localhost-key.pem"
        try TLSCommandTests.Files.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                           "-keyout", otherKey, "-out", other, "-days", "2",
                                           "-subj", "/CN=app.example", "-addext", "subjectAltName=DNS:app.example"])
        let app = try RunningHookscope(["--json", "--tls-cert", other, "--tls-key", otherKey])
        defer { _ = try? app.stop() }
        let front = try RunningHookscope(["--headless", "--forward", "https://127.0.0.1:\(app.port)", "--ca-cert", other])
        defer { _ = try? front.stop() }
        let answer = try post(front)
        #expect(answer.status == "502")
        #expect(answer.body.contains("is not trusted: it is for app.example, not for 127.0.0.1"), "\(answer.body)")
    }

    @Test func replayAndSendTakeTheSameOptions() throws {
        let files = try TLSCommandTests.Files()
        let app = try RunningHookscope(["--json", "--tls-cert", files.cert, "--tls-key", files.key])
        defer { _ = try? app.stop() }
        let https = "https://127.0.0.1:\(app.port)/hooks"

        let sent = try HookscopeCommand.run(["send", "gitproductivity", https, "--secret", "x"], environment: ProviderEndToEndTests.isolated)
        #expect(sent.status == 1)
        #expect(sent.stdout.contains("no answer: the certificate of 127.0.0.1:\(app.port) is not trusted: it is self-signed"), "\(sent.stdout)")
        expectNoSourcePath(sent.stdout + sent.stderr)
        let sentTrusted = try HookscopeCommand.run(["send", "gitproductivity", https, "--secret", "x", "--ca-cert", files.cert], environment: ProviderEndToEndTests.isolated)
        #expect(sentTrusted.status == 0, "\(sentTrusted.stdout) \(sentTrusted.stderr)")
        #expect(sentTrusted.stdout.contains("→ 200 OK"), "\(sentTrusted.stdout)")

        let saved = files.dir + "/saved.jsonl"
        _ = try Poll.until(timeout: 10) { app.stdout.split(separator: "\n").first }
        try app.stdout.write(toFile: saved, atomically: true, encoding: .utf8)
        let replayed = try HookscopeCommand.run(["replay", "--from", saved, "--to", "https://127.0.0.1:\(app.port)"], environment: ProviderEndToEndTests.isolated)
        #expect(replayed.status == 1)
        #expect(replayed.stdout.contains("failed: the certificate of 127.0.0.1:\(app.port) is not trusted"), "\(replayed.stdout)")
        expectNoSourcePath(replayed.stdout + replayed.stderr)
        let insecure = try HookscopeCommand.run(["replay", "--from", saved, "--to", "https://127.0.0.1:\(app.port)", "--insecure"], environment: ProviderEndToEndTests.isolated)
        #expect(insecure.status == 0, "\(insecure.stdout) \(insecure.stderr)")
        #expect(insecure.stderr.contains("warning: --insecure"))

        let missing = try HookscopeCommand.run(["replay", "--from", saved, "--to", https, "--ca-cert", files.dir + "/none.pem"], environment: ProviderEndToEndTests.isolated)
        #expect(missing.status == 1)
        #expect(missing.stderr == "hookscope: --ca-cert \(files.dir)/none.pem: no such file\n", "\(missing.stderr)")
        let notPEM = try HookscopeCommand.run(["send", "gitproductivity", https, "--secret", "x", "--ca-cert", saved], environment: ProviderEndToEndTests.isolated)
        #expect(notPEM.status == 1)
        #expect(notPEM.stderr.contains("--ca-cert \(saved) is not a PEM certificate"), "\(notPEM.stderr)")
    }

    /// Review M6: a certificate's CN is the app's text. One that holds an OSC 52 sequence
    /// (ESC ] 52 ... BEL, which would set the clipboard) and a C1 CSI must reach `send`'s
    /// and `replay`'s output escaped, and the 502 body too.
    @Test func aCertificateNameWithEscapesIsPrintedEscaped() throws {
        let files = try TLSCommandTests.Files()
        let cert = files.dir + "/hostile.pem", key = files.dir + "/hostile-key.pem"
        try TLSCommandTests.Files.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-utf8",
                                           "-keyout", key, "-out", cert, "-days", "2",
                                           "-subj", "/CN=evil\u{1B}]52;c;aGk=\u{07}\u{9B}x"])
        let app = try RunningHookscope(["--json", "--tls-cert", cert, "--tls-key", key])
        defer { _ = try? app.stop() }
        let shown = "CN=evil\\x1b]52;c;aGk=\\x07\\u{009b}x"
        func expectNoControls(_ text: String) {
            #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F..<0xA0).contains($0.value) }, "\(text.debugDescription)")
        }

        let sent = try HookscopeCommand.run(["send", "gitproductivity", "https://127.0.0.1:\(app.port)/hooks", "--secret", "x"], environment: ProviderEndToEndTests.isolated)
        #expect(sent.status == 1)
        #expect(sent.stdout.contains("no answer: the certificate of 127.0.0.1:\(app.port) is not trusted: it is self-signed (\(shown))"), "\(sent.stdout.debugDescription)")
        expectNoControls(sent.stdout + sent.stderr)

        let saved = files.dir + "/saved.jsonl"
        let front = try RunningHookscope(["--headless", "--forward", "https://127.0.0.1:\(app.port)", "--save", saved])
        let answer = try post(front)
        #expect(answer.status == "502")
        #expect(answer.body.contains("it is self-signed (\(shown))"), "\(answer.body.debugDescription)")
        expectNoControls(answer.body)
        #expect(try front.stop() == 0)
        expectNoControls(front.stdout + front.stderr)

        #expect(front.stdout.contains("502"), "\(front.stdout.debugDescription)")
        let replayed = try HookscopeCommand.run(["replay", "--from", saved, "--to", "https://127.0.0.1:\(app.port)"], environment: ProviderEndToEndTests.isolated)
        #expect(replayed.status == 1)
        #expect(replayed.stdout.contains("failed: the certificate of 127.0.0.1:\(app.port) is not trusted: it is self-signed (\(shown))"), "\(replayed.stdout.debugDescription)")
        expectNoControls(replayed.stdout + replayed.stderr)
    }
}
