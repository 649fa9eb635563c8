import Foundation
import HookscopeCore
import Testing
import TestSupport

/// `--tls-cert` / `--tls-key` on the real binary: a certificate made here with openssl,
/// checked by curl against it as the only trusted authority.
@Suite(.offThePool) struct TLSCommandTests {
    /// A self-signed certificate for 127.0.0.1 and its key, plus a second, unrelated key.
    struct Files {
        let dir: String
        var cert: String { dir + "/cert.pem" }
        var key: String { dir + "/key.pem" }
        var otherKey: String { dir + "/other-key.pem" }

        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-tls-\(UUID())").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try Self.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                              "-keyout", dir + "/key.pem", "-out", dir + "/cert.pem", "-days", "2",
                              "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
            try Self.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", dir + "/other-key.pem"])
        }

        static func openssl(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["openssl"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "openssl \(arguments.first ?? "")")
        }
    }

    func curl(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-sS", "--max-time", "10"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func servesHTTPSThatCurlTrustsWithTheCertificate() throws {
        let files = try Files()
        let app = try RunningHookscope(["--headless", "--tls-cert", files.cert, "--tls-key", files.key])
        #expect(app.stderr.contains("listening on https://127.0.0.1:\(app.port)"))
        let url = "https://127.0.0.1:\(app.port)/secure?x=1"
        let trusted = try curl(["--cacert", files.cert, "-o", "/dev/null", "-w", "%{http_code}", "--data-binary", "hello", url])
        #expect(trusted.output == "200", "\(trusted.output)")
        // Without the certificate as an authority, curl refuses it: it really is TLS.
        let untrusted = try curl(["-o", "/dev/null", "-w", "%{http_code}", url])
        #expect(untrusted.status == 60, "\(untrusted.output)")
        _ = try Poll.until(timeout: 10) { app.stdout.contains("POST /secure") ? true : nil }
        #expect(try app.stop() == 0)
    }

    @Test func badOrMismatchedFilesAreOneLineAndExitOne() throws {
        let files = try Files()
        let garbage = files.dir + "/garbage.pem"
        try "not a key\n".write(toFile: garbage, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["--tls-cert", files.cert, "--tls-key", garbage], "--tls-key \(garbage) is not a PEM private key"),
            (["--tls-cert", garbage, "--tls-key", files.key], "--tls-cert \(garbage)"),
            (["--tls-cert", files.cert, "--tls-key", files.otherKey], "--tls-key \(files.otherKey) does not belong to the certificate in --tls-cert \(files.cert)"),
            (["--tls-cert", files.dir + "/missing.pem", "--tls-key", files.key], "--tls-cert \(files.dir)/missing.pem: no such file"),
        ]
        for (arguments, message) in cases {
            let result = try HookscopeCommand.run(["listen", "--headless", "--port", "0"] + arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("hookscope: " + message), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        let half = try HookscopeCommand.run(["listen", "--headless", "--port", "0", "--tls-cert", files.cert])
        #expect(half.status != 0)
        #expect(half.stderr.contains("--tls-cert and --tls-key go together"))
    }

    /// Without --public-url, a URL-signed delivery that reached the listener's own TLS was
    /// signed for https:// (it used to be checked against http:// and reported invalid).
    @Test func aURLSignedDeliveryOverTheListenersTLSIsCheckedAgainstHTTPS() throws {
        let files = try Files()
        let app = try RunningHookscope(
            ["--json", "--secret", "twilio=tok", "--tls-cert", files.cert, "--tls-key", files.key], environment: ProviderEndToEndTests.isolated
        )
        defer { _ = try? app.stop() }
        let url = "https://127.0.0.1:\(app.port)/hooks/twilio?x=1"
        let body = files.dir + "/body"
        try "CallSid=CA1&From=%2B15550001".write(toFile: body, atomically: true, encoding: .utf8)
        let signed = try HookscopeCommand.run(["sign", "--provider", "twilio", "--secret", "tok", "--url", url, "--body-file", body])
        let header = signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(header.hasPrefix("X-Twilio-Signature: "), "\(signed.stdout) \(signed.stderr)")
        let sent = try curl(["--cacert", files.cert, "-o", "/dev/null", "-w", "%{http_code}", "-H", header,
                             "-H", "Content-Type: application/x-www-form-urlencoded", "--data-binary", "@" + body, url])
        #expect(sent.output == "200", "\(sent.output)")
        let line = try Poll.until(timeout: 10) { app.stdout.split(separator: "\n").first }
        let recorded = try ExchangeJSONLines.decode(String(line))
        #expect(recorded.analysis.provider == "twilio")
        #expect(recorded.analysis.signature.status == .valid, "\(recorded.analysis.signature.reason ?? "")")
    }
}
