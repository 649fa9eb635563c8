import Foundation
import Testing
import TestSupport

/// The real binary, driven as a user or a script would drive it.
@Suite(.offThePool) struct ListenCommandTests {
    func post(_ url: String, body: String, headers: [String] = []) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10", "--data-binary", body]
            + headers.flatMap { ["-H", $0] } + [url]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Int(String(decoding: data, as: UTF8.self)) ?? -1
    }

    func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func sigtermFinishesTheSaveFileAndExitsZero() throws {
        let save = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-save-\(UUID()).jsonl").path
        let app = try RunningHookscope(["--json", "--save", save])
        for i in 0..<25 {
            #expect(try post("\(app.url)/hook/\(i)?n=\(i)", body: #"{"n":\#(i)}"#, headers: ["X-Seq: \(i)"]) == 200)
        }
        #expect(try app.stop(signal: SIGTERM) == 0)
        let saved = try jsonLines(String(contentsOfFile: save, encoding: .utf8))
        #expect(saved.count == 25)
        #expect(saved.map { $0["path"] as? String } == (0..<25).map { "/hook/\($0)" })
        #expect(saved.map { $0["body"] as? String } == (0..<25).map { #"{"n":\#($0)}"# })
        #expect(saved.allSatisfy { ($0["response"] as? [String: Any])?["status"] as? Int == 200 })
        // --json printed the same objects on stdout.
        let printed = try jsonLines(app.stdout)
        #expect(printed.map { $0["id"] as? Int } == saved.map { $0["id"] as? Int })
        #expect(app.stderr.contains("SIGTERM"))
        #expect(app.stderr.contains("captured 25 exchanges: 25 kept, 0 evicted; saved to \(save)"))
    }

    @Test func sigintAlsoStopsCleanly() throws {
        let app = try RunningHookscope(["--headless"])
        #expect(try post("\(app.url)/x", body: "a") == 200)
        #expect(try app.stop(signal: SIGINT) == 0)
        #expect(app.stdout.contains("POST /x"))
        #expect(app.stdout.contains("200"))
    }

    @Test func sighupFromAClosedTerminalAlsoStopsCleanly() throws {
        let save = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-hup-\(UUID()).jsonl").path
        let app = try RunningHookscope(["--headless", "--save", save])
        #expect(try post("\(app.url)/x", body: "a") == 200)
        #expect(try app.stop(signal: SIGHUP) == 0)
        #expect(app.stderr.contains("SIGHUP"))
        #expect(try String(contentsOfFile: save, encoding: .utf8).split(separator: "\n").count == 1)
    }

    @Test func savedExchangesLoadBackAndBadLinesAreReported() throws {
        let save = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-load-\(UUID()).jsonl").path
        let first = try RunningHookscope(["--json", "--save", save])
        #expect(try post("\(first.url)/one?q=1", body: #"{"a":1}"#, headers: ["X-A: 1", "x-a: 2"]) == 200)
        #expect(try post("\(first.url)/two", body: "plain") == 200)
        #expect(try first.stop() == 0)
        let original = try String(contentsOfFile: save, encoding: .utf8)
        // Damage the file: a broken line between two good ones.
        try (original.split(separator: "\n")[0] + "\n{broken\n" + original.split(separator: "\n")[1] + "\n")
            .write(toFile: save, atomically: true, encoding: .utf8)

        let copy = save + ".copy"
        let second = try RunningHookscope(["--json", "--load", save, "--save", copy])
        #expect(second.stderr.contains("\(save):2: skipped"))
        #expect(second.stderr.contains("loaded 2 exchanges"))
        // New captures continue after the loaded ones.
        #expect(try post("\(second.url)/three", body: "x") == 200)
        #expect(try second.stop() == 0)
        let continued = try jsonLines(String(contentsOfFile: copy, encoding: .utf8))
        #expect(continued.first?["id"] as? Int == 3)
    }

    @Test func answersComeFromTheConfigFileAndTheCommandLineWins() throws {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-answers-\(UUID()).yaml").path
        try "respond: 503\nrules:\n  - /special/** -> 418\n".write(toFile: config, atomically: true, encoding: .utf8)
        let fromFile = try RunningHookscope(["--headless", "--config", config])
        #expect(try post("\(fromFile.url)/x", body: "a") == 503)
        #expect(try post("\(fromFile.url)/special/y", body: "a") == 418)
        try fromFile.stop()
        let overridden = try RunningHookscope(["--headless", "--config", config, "--respond", "202", "--rule", "/special/** -> 409"])
        #expect(try post("\(overridden.url)/x", body: "a") == 202)
        #expect(try post("\(overridden.url)/special/y", body: "a") == 409)
        try overridden.stop()
    }

    @Test func portInUseIsAOneLineErrorAndExitCodeOne() throws {
        let first = try RunningHookscope([])
        let second = Process()
        second.executableURL = URL(fileURLWithPath: HookscopeBinary.path)
        second.arguments = ["--port", String(first.port), "--headless"]
        let err = Pipe()
        second.standardError = err
        second.standardOutput = FileHandle.nullDevice
        try second.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        second.waitUntilExit()
        #expect(second.terminationStatus == 1)
        #expect(message == "hookscope: cannot listen on 127.0.0.1:\(first.port): address already in use\n")
        try first.stop()
    }

    @Test func badFlagsAreUsageErrors() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: HookscopeBinary.path)
        process.arguments = ["listen", "--status", "42"]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(message.contains("--status: 42 is not a status code hookscope can answer with (200-999)"))
    }
}

@Suite(.offThePool) struct SaveFileCrashTests {
    /// Every exchange answered before a SIGKILL is in the save file, and every line parses:
    /// each line is written before its answer goes out.
    @Test func saveFileSurvivesSIGKILL() throws {
        let save = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-kill-\(UUID()).jsonl").path
        let app = try RunningHookscope(["--headless", "--save", save])
        var answered = 0
        for i in 0..<40 {
            let client = Process()
            client.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            client.arguments = ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10", "--data-binary", "payload-\(i)", "\(app.url)/k/\(i)"]
            let out = Pipe()
            client.standardOutput = out
            try client.run()
            let code = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            client.waitUntilExit()
            if code == "200" { answered += 1 }
        }
        #expect(try app.stop(signal: SIGKILL) == SIGKILL)
        let lines = try String(contentsOfFile: save, encoding: .utf8).split(separator: "\n")
        #expect(answered == 40)
        #expect(lines.count == answered)
        for (i, line) in lines.enumerated() {
            let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["body"] as? String == "payload-\(i)")
        }
    }
}
