import Foundation
import HookscopeCore
import Testing
import TestSupport

/// `hookscope export` and `--load` of a HAR archive, through the real binary.
@Suite(.serialized, .offThePool) struct ExportCommandTests {
    /// Captures two deliveries (text with duplicate headers, binary) into a --save file.
    func capture() throws -> (save: String, exchanges: [Exchange]) {
        let save = HookscopeCommand.temporaryPath("captures.jsonl")
        let listener = try RunningHookscope(["--json", "--save", save])
        let binary = HookscopeCommand.temporaryPath("body.bin")
        try Data([0x00, 0xFF, 0x10, 0x41, 0x0A, 0x00]).write(to: URL(fileURLWithPath: binary))
        _ = try ProviderTestClient.post(
            port: listener.port, path: "/hooks/a?x=1", headers: [("X-Dup", "1"), ("x-dup", "2"), ("Content-Type", "application/json")],
            body: Array(#"{"text":"it's"}"#.utf8)
        )
        _ = try ProviderTestClient.post(port: listener.port, path: "/bin", headers: [], body: [0x00, 0xFF, 0x10, 0x41, 0x0A, 0x00])
        _ = try Poll.until(timeout: 20) { listener.stdout.split(separator: "\n").count >= 2 ? true : nil }
        #expect(try listener.stop() == 0)
        let exchanges = ExchangeFile.decode(try String(contentsOfFile: save, encoding: .utf8)).exchanges
        #expect(exchanges.count == 2)
        return (save, exchanges)
    }

    @Test func harExportLoadsBackWithTheSameRequests() throws {
        let (save, originals) = try capture()
        let har = HookscopeCommand.temporaryPath("out.har")
        let result = try HookscopeCommand.run(["export", save, "--har", har])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: har, encoding: .utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((root["log"] as? [String: Any])?["version"] as? String == "1.2")
        let loaded = ExchangeFile.decode(text)
        #expect(loaded.format == .har)
        #expect(loaded.exchanges == originals)

        // --load takes the archive, and new captures continue after it.
        let copy = HookscopeCommand.temporaryPath("copy.jsonl")
        let listener = try RunningHookscope(["--json", "--load", har, "--save", copy])
        #expect(listener.stderr.contains("loaded 2 exchanges from \(har) (HAR)"))
        _ = try ProviderTestClient.post(port: listener.port, path: "/three", headers: [], body: Array("x".utf8))
        _ = try Poll.until(timeout: 20) { listener.stdout.isEmpty ? nil : true }
        #expect(try listener.stop() == 0)
        #expect(try ExchangeJSONLines.decode(String(contentsOfFile: copy, encoding: .utf8).trimmingCharacters(in: .newlines)).id == 3)
    }

    @Test func curlScriptSendsTheSameRequestsAgain() throws {
        let (save, originals) = try capture()
        let target = try RunningHookscope(["--json"])
        defer { _ = try? target.stop() }
        let script = HookscopeCommand.temporaryPath("replay.sh")
        let result = try HookscopeCommand.run(["export", save, "--curl", script, "--url", target.url])
        #expect(result.status == 0, "\(result.stderr)")
        // The binary body went to a file beside the script.
        #expect(FileManager.default.fileExists(atPath: script + ".2.body"))
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = [script]
        shell.standardOutput = FileHandle.nullDevice
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        let lines = try Poll.until(timeout: 20) { () -> [Substring]? in
            let lines = target.stdout.split(separator: "\n")
            return lines.count >= 2 ? lines : nil
        }
        let resent = try lines.map { try ExchangeJSONLines.decode(String($0)) }
        for (got, want) in zip(resent, originals) {
            #expect(got.method == want.method)
            #expect(got.target == want.target)
            #expect(got.headers == want.headers)
            #expect(got.body == want.body)
        }
    }

    @Test func rawExportIsTheWireFormat() throws {
        let (save, originals) = try capture()
        let result = try HookscopeCommand.run(["export", save, "--raw", "-", "--id", "2"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("POST /bin HTTP/1.1\r\nHost: 127.0.0.1:"))
        let missing = try HookscopeCommand.run(["export", save, "--raw", "-", "--id", "9"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no exchange #9"))
        #expect(originals.count == 2)
    }
}

extension ExportCommandTests {
    /// Issue #12, point 2: the export writes into a link's target and a device, and a write
    /// that fails says which path and why, with exit 1 instead of `exported`.
    @Test func exportWritesThroughLinksAndReportsAFullDevice() throws {
        let (save, _) = try capture()
        let dir = HookscopeCommand.temporaryPath("links")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir + "/real.har"))
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.har", withDestinationPath: "real.har")
        let linked = try HookscopeCommand.run(["export", save, "--har", dir + "/link.har"])
        #expect(linked.status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.har") == "real.har")
        #expect(try String(contentsOfFile: dir + "/real.har", encoding: .utf8).contains("\"log\""))
        try? FileManager.default.removeItem(atPath: dir)

        // /dev/full itself needs no root (F13): in place, the reason, exit 1.
        let device = try HookscopeCommand.run(["export", save, "--har", "/dev/full"])
        #expect(device.status == 1)
        #expect(device.stderr.contains("cannot write /dev/full: No space left on device"), "\(device.stderr)")
        #expect(!device.stderr.contains("exported"))
    }

    /// A private node for /dev/full's device: mknod needs root, so skipped (not failed) without it.
    @Test(.enabled(if: getuid() == 0, "mknod needs root"))
    func exportLeavesADeviceNodeADevice() throws {
        let (save, _) = try capture()
        let dir = HookscopeCommand.temporaryPath("device")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try #require(mknod(dir + "/full", S_IFCHR | 0o600, dev_t((1 << 8) | 7)) == 0)
        let full = try HookscopeCommand.run(["export", save, "--har", dir + "/full"])
        #expect(full.status == 1)
        #expect(full.stderr.contains("cannot write \(dir)/full: No space left on device"), "\(full.stderr)")
        #expect(!full.stderr.contains("exported"))
        var info = stat()
        lstat(dir + "/full", &info)
        #expect(info.st_mode & S_IFMT == S_IFCHR)
    }
}
