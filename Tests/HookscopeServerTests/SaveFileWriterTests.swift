import Foundation
import HookscopeCore
import HookscopeServer
import Testing
import TestSupport

/// Issue #12, point 3: a save file that cannot be written is counted, retried, and never
/// claimed as saved.
@Suite(.offThePool) struct SaveFileWriterTests {
    func exchange(_ id: Int) -> Exchange {
        var exchange = Exchange(receivedAt: .now(), remote: "", method: "POST", target: "/\(id)", headers: [], body: [])
        exchange.id = id
        return exchange
    }

    @Test func aFullDeviceIsReportedOnceAndEveryLineCounted() throws {
        let writer = try SaveFileWriter(path: "/dev/full")
        let first = writer.append(exchange(1))
        guard case .failed(first: true, let reason) = first else { Issue.record("\(first)"); return }
        #expect(reason == String(cString: strerror(ENOSPC)))
        #expect(writer.append(exchange(2)) == .failed(first: false, reason: reason))
        #expect(writer.status == SaveFileWriter.Status(unsaved: 2, reason: reason))
        #expect(writer.close().unsaved == 2)
    }

    /// The path is pointed at a writable file while lines wait: the next exchange writes
    /// the kept lines first, in order, and the count goes back to zero.
    @Test func keptLinesAreWrittenInOrderWhenTheFileTakesThemAgain() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let link = dir.appendingPathComponent("save.jsonl").path
        let real = dir.appendingPathComponent("real.jsonl").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/full")
        let writer = try SaveFileWriter(path: link)
        #expect(writer.append(exchange(1)) != .saved)
        #expect(writer.append(exchange(2)) != .saved)
        try FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        #expect(writer.append(exchange(3)) == .recovered(late: 2))
        #expect(writer.append(exchange(4)) == .saved)
        #expect(writer.close() == SaveFileWriter.Status(unsaved: 0, reason: nil))
        let lines = try String(contentsOfFile: real, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(try lines.map { try ExchangeJSONLines.decode(String($0)).id } == [1, 2, 3, 4])
    }
}
