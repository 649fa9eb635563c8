import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

/// Issue #12, point 12, with the real binary: past --max-connections the sender gets 503
/// with Retry-After, the headless log says so (a line a second at most), and so does the
/// exit summary.
@Suite(.offThePool) struct ConnectionLimitCommandTests {
    @Test func refusedConnectionsAreAnsweredLoggedAndCounted() throws {
        let app = try RunningHookscope(["--headless", "--threads", "1", "--max-connections", "1"])
        // The only slot: a connection that sends nothing. hookscope accepts in order, so
        // curl's connection, made after it, is the one over the limit.
        let holder = try Self.connect(port: app.port)
        defer { close(holder) }
        let headers = try TerminalUITests.curl(["-s", "-D", "-", "-o", "/dev/null", "-d", "x", "\(app.url)/refused"])
        #expect(headers.hasPrefix("HTTP/1.1 503"), "\(headers)")
        #expect(headers.contains("Retry-After: 1"), "\(headers)")
        _ = try Poll.until(timeout: 10) { app.stderr.contains("refused 1 connection over --max-connections 1") ? true : nil }
        try app.stop()
        #expect(app.stderr.contains("; 1 connection refused over --max-connections 1"), "\(app.stderr)")
    }

    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, result == 0 else { throw PollTimeout(description: "cannot connect to 127.0.0.1:\(port)") }
        return fd
    }
}
