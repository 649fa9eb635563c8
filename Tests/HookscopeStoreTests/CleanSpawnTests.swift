import Foundation
import PostgresTestServer
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The tests' way of starting daemons (pg_ctl's PostgreSQL server, tmux servers).
@Suite struct CleanSpawnTests {
    /// A daemon left running by a program CleanSpawn started holds none of the test
    /// process's descriptors. It used to hold all of them: among them, for a moment while
    /// another test launched a process, the socket whose end tells Foundation's `Process`
    /// that its child has ended, so that child's exit was never seen (the store's restart
    /// test waited 180 s for a listener that had long exited).
    @Test func aDaemonItStartsHoldsNoneOfOurDescriptors() throws {
        var ends: [Int32] = [0, 0]
        // Not close-on-exec, as Foundation's socket is not.
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("clean-spawn-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let status = try CleanSpawn.run(["/bin/sh", "-c", "sleep 60 & echo $! > '\(pidFile)'"], stdoutPath: "/dev/null")
        #expect(status == 0)
        let daemon = try #require(pid_t((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        defer { kill(daemon, SIGKILL) }
        close(ends[1])
        // Ours was the only write end: the reader sees the end now, not when the daemon exits.
        var reader = pollfd(fd: ends[0], events: Int16(POLLIN), revents: 0)
        let ready = poll(&reader, 1, 20_000)
        #expect(ready == 1 && reader.revents & Int16(POLLHUP) != 0, "the daemon still holds the pipe's write end")
    }
}
