import Foundation
import HookscopeCore
import Testing
import TestSupport

/// Every recipe kind through the real binary: `verify` for each vector of
/// `HookscopeCoreTests/Vectors/recipe-kinds.json` (made by scripts/make-recipe-vectors.py,
/// never by hookscope), a live `listen --json` receiving them, and `sign` checked by the
/// independent verifier scripts/verify-recipe-kinds.py.
@Suite(.serialized, .offThePool) struct RecipeKindEndToEndTests {
    struct File: Decodable {
        var config: String
        var private_keys: [String: String]
        var public_keys: [String: String]
        var vectors: [Vector]
    }

    struct Vector: Decodable {
        var name: String
        var provider: String
        var expect: String
        var headers: [[String]]
        var body: String
        var secret: String?
        var now: Int64
        var url: String?
        var reason_contains: [String]?
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let file: File = {
        let url = root.appendingPathComponent("Tests/HookscopeCoreTests/Vectors/recipe-kinds.json")
        do { return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)) } catch { fatalError("\(url.path): \(error)") }
    }()

    static func write(_ text: String) throws -> String {
        let path = HookscopeCommand.temporaryPath("recipe")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func verifyGivesEveryVectorItsVerdict() throws {
        let config = try Self.write(Self.file.config)
        for vector in Self.file.vectors {
            var arguments = ["verify", "--config", config, "--provider", vector.provider, "--body-file", try Self.write(vector.body),
                             "--now", String(vector.now)]
            if let secret = vector.secret { arguments += ["--secret", "\(vector.provider)=\(secret)"] }
            if let url = vector.url { arguments += ["--url", url] }
            for header in vector.headers { arguments += ["--header", "\(header[0]): \(header[1])"] }
            let run = try HookscopeCommand.run(arguments, environment: ProviderEndToEndTests.isolated)
            #expect(run.status == (vector.expect == "valid" ? 0 : 1), "\(vector.name): \(run.stdout)\(run.stderr)")
            let verdict = SignatureVerdict.Status(rawValue: vector.expect)?.label(unicode: true) ?? "unknown verdict \(vector.expect)"
            #expect(run.stdout.contains("signature: \(verdict)"), "\(vector.name): \(run.stdout)")
            for text in vector.reason_contains ?? [] { #expect(run.stdout.contains(text), "\(vector.name): \(run.stdout)") }
        }
    }

    /// The listener verifies every kind live; timestamps are the vectors' (2023), so the
    /// tolerance is opened wide and the verdicts are valid or invalid by the signature alone.
    /// The URL-signed delivery arrives as through a tunnel: X-Forwarded-Proto/Host carry the
    /// URL it was signed for.
    @Test func listenReportsEveryKindInItsJSONLines() throws {
        let config = try Self.write(Self.file.config)
        let vectors = Self.file.vectors.filter { ($0.expect == "valid" || $0.expect == "invalid") && $0.reason_contains == nil }
        var arguments = ["--json", "--config", config, "--tolerance", "999999999"]
        for vector in vectors {
            guard let secret = vector.secret else { continue }
            let argument = "\(vector.provider)=\(secret)"
            if !arguments.contains(argument) { arguments += ["--secret", argument] }
        }
        let listener = try RunningHookscope(arguments, environment: ProviderEndToEndTests.isolated)
        defer { _ = try? listener.stop() }
        for (index, vector) in vectors.enumerated() {
            var headers = vector.headers.map { ($0[0], $0[1]) }
            var path = "/hooks/\(index)"
            if let url = vector.url, let components = URLComponents(string: url) {
                path = components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
                headers += [("X-Forwarded-Proto", components.scheme ?? "https"), ("X-Forwarded-Host", components.host ?? "")]
            }
            // Each config provider is recognised by its own signature header or its payload.
            let status = try ProviderTestClient.post(port: listener.port, path: path, headers: headers, body: Array(vector.body.utf8))
            #expect(status == 200, "\(vector.name)")
        }
        let lines = try Poll.until(timeout: 20) { () -> [[String: Any]]? in
            let lines = listener.stdout.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            return lines.count >= vectors.count ? lines : nil
        }
        for (vector, line) in zip(vectors, lines) {
            #expect(line["provider"] as? String == vector.provider, "\(vector.name): \(line)")
            let signature = line["signature"] as? [String: Any]
            #expect(signature?["status"] as? String == vector.expect, "\(vector.name): \(line)")
        }
    }

    /// Every kind with a header signature (`inbody`, Mailgun's layout, is signed into the body).
    static let signable = ["urlsigned", "listed", "parts", "routed", "edkey", "eckey", "tokened", "svixlike"]
    /// Headers the person sending gives: `parts` signs a nonce header hookscope cannot make up.
    static let givenHeaders = ["parts": ["--header", "X-Parts-Nonce: n-42"]]

    /// `hookscope sign` for every kind, each result checked by the Python verifier; `routed`
    /// is signed for a PUT (`--method`), which the verifier is told.
    @Test func signIsAcceptedByTheIndependentVerifier() throws {
        let config = try Self.write(Self.file.config)
        for provider in Self.signable {
            let template = try #require(Self.file.vectors.first { $0.provider == provider && $0.expect == "valid" })
            var arguments = ["sign", "--config", config, "--provider", provider, "--body-file", try Self.write(template.body), "--timestamp", "1700000000"]
            arguments += Self.givenHeaders[provider] ?? []
            let method = provider == "routed" ? "PUT" : "POST"
            arguments += ["--method", method]
            if let key = Self.file.private_keys[provider] {
                arguments += ["--private-key", try Self.write(key)]
            } else if let secret = template.secret {
                arguments += ["--secret", secret]
            }
            if let url = template.url { arguments += ["--url", url] }
            let run = try HookscopeCommand.run(arguments, environment: ProviderEndToEndTests.isolated)
            #expect(run.status == 0, "\(provider): \(run.stderr)")
            let headers = run.stdout.split(separator: "\n").map { line -> [String] in
                let colon = line.firstIndex(of: ":")!
                return [String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)]
            }
            let request: [String: Any?] = [
                "provider": provider, "headers": headers, "body": template.body, "secret": template.secret,
                "url": template.url, "public_key": Self.file.public_keys[provider], "method": method,
            ]
            let verdict = try Self.python(JSONSerialization.data(withJSONObject: request.compactMapValues { $0 }))
            #expect(verdict == "ok", "\(provider): \(verdict) for \(run.stdout)")
        }
    }

    /// `hookscope send` for every kind to a listener that only captures; the Python verifier
    /// checks what arrived (headers and body as the listener's JSON Lines give them).
    @Test func sendIsAcceptedByTheIndependentVerifier() throws {
        let config = try Self.write(Self.file.config)
        let signable = Self.signable
        let listener = try RunningHookscope(["--json"], environment: ProviderEndToEndTests.isolated)
        defer { _ = try? listener.stop() }
        for provider in signable {
            let template = try #require(Self.file.vectors.first { $0.provider == provider && $0.expect == "valid" })
            var arguments = ["send", provider, "\(listener.url)/hooks/\(provider)?x=1", "--config", config, "--body-file", try Self.write(template.body)]
            arguments += Self.givenHeaders[provider] ?? []
            if let key = Self.file.private_keys[provider] {
                arguments += ["--private-key", try Self.write(key)]
            } else if let secret = template.secret {
                arguments += ["--secret", secret]
            }
            let run = try HookscopeCommand.run(arguments, environment: ProviderEndToEndTests.isolated)
            #expect(run.status == 0, "\(provider): \(run.stdout) \(run.stderr)")
        }
        let lines = try Poll.until(timeout: 20) { () -> [[String: Any]]? in
            let lines = listener.stdout.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            return lines.count >= signable.count ? lines : nil
        }
        for line in lines {
            let path = try #require(line["path"] as? String)
            let provider = String(path.dropFirst("/hooks/".count))
            let template = try #require(Self.file.vectors.first { $0.provider == provider && $0.expect == "valid" })
            let request: [String: Any?] = [
                "provider": provider, "headers": line["headers"], "body": line["body"], "secret": template.secret,
                "url": "\(listener.url)\(path)?x=1", "public_key": Self.file.public_keys[provider],
            ]
            let verdict = try Self.python(JSONSerialization.data(withJSONObject: request.compactMapValues { $0 }))
            #expect(verdict == "ok", "\(provider): \(verdict) for \(line)")
        }
    }

    /// A URL- and a path-signed delivery captured under /app/…, then replayed with `--resign`
    /// to an app whose URL has the path /app: the replay goes to /app + the captured target
    /// (/app/app/…), and the app (a second listener) must receive signatures the independent
    /// verifier accepts for exactly that URL (a signature for /app/… alone once went with it).
    @Test func resignedReplayToATargetWithAPathSignsTheURLItGoesTo() throws {
        let config = try Self.write(Self.file.config)
        let save = HookscopeCommand.temporaryPath("replay-url.jsonl")
        let capture = try RunningHookscope(["--json", "--save", save, "--config", config], environment: ProviderEndToEndTests.isolated)
        let providers = ["urlsigned", "routed"]
        for provider in providers {
            let vector = try #require(Self.file.vectors.first { $0.provider == provider && $0.expect == "valid" })
            let status = try ProviderTestClient.post(
                port: capture.port, path: "/app/hooks/\(provider)?x=1", headers: vector.headers.map { ($0[0], $0[1]) }, body: Array(vector.body.utf8)
            )
            #expect(status == 200)
        }
        _ = try Poll.until(timeout: 20) { capture.stdout.split(separator: "\n").count >= providers.count ? true : nil }
        #expect(try capture.stop() == 0)

        let app = try RunningHookscope(["--json"], environment: ProviderEndToEndTests.isolated)
        defer { _ = try? app.stop() }
        var arguments = ["replay", "--from", save, "--to", "\(app.url)/app", "--resign", "--config", config]
        for provider in providers {
            let vector = try #require(Self.file.vectors.first { $0.provider == provider && $0.expect == "valid" })
            arguments += ["--secret", "\(provider)=\(vector.secret ?? "")"]
        }
        let run = try HookscopeCommand.run(arguments, environment: ProviderEndToEndTests.isolated)
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        let lines = try Poll.until(timeout: 20) { () -> [[String: Any]]? in
            let lines = app.stdout.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            return lines.count >= providers.count ? lines : nil
        }
        for line in lines {
            let path = try #require(line["path"] as? String)
            let provider = String(path.dropFirst("/app/app/hooks/".count))
            #expect(path == "/app/app/hooks/\(provider)" && providers.contains(provider), "\(line)")
            let vector = try #require(Self.file.vectors.first { $0.provider == provider && $0.expect == "valid" })
            let request: [String: Any?] = [
                "provider": provider, "headers": line["headers"], "body": line["body"], "secret": vector.secret,
                "url": "\(app.url)\(path)?x=1",
            ]
            let verdict = try Self.python(JSONSerialization.data(withJSONObject: request.compactMapValues { $0 }))
            #expect(verdict == "ok", "\(provider): \(verdict) for \(line)")
        }
    }

    static func python(_ input: Data, script: String = "scripts/verify-recipe-kinds.py") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent(script).path]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
