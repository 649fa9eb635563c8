import Foundation
import Testing
import TestSupport

/// `hookscope verify` and `hookscope sign` as a user runs them: arguments, stdin, exit codes.
@Suite(.offThePool) struct ProviderCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: HookscopeBinary.path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = FileManager.default.temporaryDirectory.path   // no stray default config file
        env["XDG_CONFIG_HOME"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    static func temporaryFile(_ contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-\(UUID().uuidString)").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    // HMAC-SHA256("bea1ffc4e56d5056b6e0c7ee24b47b5", #"{"id":1}"#), computed with openssl dgst -sha256 -hmac.
    static let teamworkSecret = "bea1ffc4e56d5056b6e0c7ee24b47b5"
    static let teamworkSignature = "8f5ce9f5dd32c87c9d7c9adeaa0d873d6a48ffa994c14003ab00752a415d40d5"

    @Test func verifyValidFromABodyFileExitsZero() throws {
        let body = try Self.temporaryFile(#"{"id":1}"#)
        let run = try Self.run(["verify", "--provider", "teamwork", "--secret", Self.teamworkSecret,
                                "--header", "Signature: \(Self.teamworkSignature)", "--body-file", body])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("signature: ✓ valid (hmac-sha256-hex, header Signature)"))
        #expect(run.stdout.contains("matches secret be…b5"))
        #expect(!run.stdout.contains(Self.teamworkSecret))
    }

    @Test func verifyExplainsATrailingNewlineFromStdinAndExitsOne() throws {
        let run = try Self.run(["verify", "--provider", "teamwork", "--secret", Self.teamworkSecret,
                                "--header", "Signature: \(Self.teamworkSignature)"], stdin: "{\"id\":1}\n")
        #expect(run.status == 1)
        #expect(run.stdout.contains("✗ invalid"))
        #expect(run.stdout.contains("without the trailing newline"))
    }

    @Test func verifyReadsARawRequestFile() throws {
        let request = try Self.temporaryFile(
            "POST /hooks HTTP/1.1\r\nEvent: deals.created\r\nSignature: \(Self.teamworkSignature)\r\nDelivery: d-9\r\nContent-Length: 8\r\n\r\n{\"id\":1}"
        )
        let run = try Self.run(["verify", "--secret", "teamwork=\(Self.teamworkSecret)", "--request-file", request])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("provider:  teamwork"))
        #expect(run.stdout.contains("event:     deals.created"))
        #expect(run.stdout.contains("delivery:  d-9"))
    }

    @Test func verifyUsageErrorsExitTwo() throws {
        let body = try Self.temporaryFile("{}")
        #expect(try Self.run(["verify", "--secret", "plain", "--body-file", body]).status == 2)
        #expect(try Self.run(["verify", "--provider", "nosuch", "--body-file", body]).status == 2)
        #expect(try Self.run(["verify", "--provider", "teamwork", "--header", "no colon", "--body-file", body]).status == 2)
        #expect(try Self.run(["verify", "--provider", "teamwork", "--body-file", "/nonexistent/file"]).status == 2)
        // Errors ArgumentParser finds itself, too.
        let unknown = try Self.run(["verify", "--no-such-option"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Unknown option '--no-such-option'"))
        #expect(try Self.run(["verify", "--provider"]).status == 2)
        // Other commands keep ArgumentParser's usage code.
        #expect(try Self.run(["listen", "--status", "5"]).status == 64)
    }

    @Test func signPrintsWhatVerifyAccepts() throws {
        let body = try Self.temporaryFile(#"{"type":"developer.added"}"#)
        let signed = try Self.run(["sign", "--provider", "productive", "--secret", "prod-secret-123456", "--timestamp", "1629793288", "--body-file", body])
        #expect(signed.status == 0, "\(signed.stderr)")
        let header = signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(header.hasPrefix("Productive-Signature: t=1629793288,s="))
        let verified = try Self.run(["verify", "--provider", "productive", "--header", header, "--body-file", body, "--now", "1629793300"],
                                    environment: ["HOOKSCOPE_SECRET_PRODUCTIVE": "prod-secret-123456"])
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(verified.stdout.contains("from HOOKSCOPE_SECRET_PRODUCTIVE"))
        let late = try Self.run(["verify", "--provider", "productive", "--secret", "prod-secret-123456", "--header", header,
                                 "--body-file", body, "--now", "1629794288"])
        #expect(late.status == 1)
        #expect(late.stdout.contains("⏱ expired"))
        #expect(late.stdout.contains("16 min 40 s old; tolerance 5 min (hookscope default; the Productive documentation gives none)"))
    }

    @Test func signRefusesToInventProductLiftsRecipe() throws {
        let run = try Self.run(["sign", "--provider", "productlift", "--secret", "x"], stdin: "{}")
        #expect(run.status == 2)
        #expect(run.stderr.contains("does not say how it signs"))
    }

    /// The help's paragraph for one option: from its line to the next option's.
    static func helpParagraph(_ option: String, in help: String) -> String {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(option + " ") }) else { return "" }
        let rest = lines[(start + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("-") && !$0.isEmpty }
        return ([lines[start]] + rest).joined(separator: "\n")
    }

    /// One declaration of --secret and --config (SecretOptions) for every command that
    /// verifies or signs: the same words in each command's help.
    @Test func everyCommandDescribesSecretAndConfigTheSameWay() throws {
        let commands = ["listen", "replay", "verify", "sign", "send"]
        for option in ["--secret", "--config"] {
            let paragraphs = try commands.map { Self.helpParagraph(option, in: try Self.run([$0, "--help"]).stdout) }
            #expect(!paragraphs[0].isEmpty)
            for (command, paragraph) in zip(commands, paragraphs) {
                #expect(paragraph == paragraphs[0], "\(command) --help describes \(option) as:\n\(paragraph)")
            }
        }
    }
}
