import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `GET /api/tunnels` from ngrok's local API (documented at http://127.0.0.1:4040), done
/// with a plain blocking socket on the tunnel supervisor's thread: one small answer on
/// loopback, asked every half second until the URL is known, needs no event loop. One
/// request takes at most `deadline` in all, however slowly the answer trickles in: the
/// supervisor's thread (and stopping it) waits for it.
enum NgrokAPIRequest {
    static let deadline: Duration = .seconds(2)

    /// The body of a 200 answer, or nil (not listening yet, another answer, a timeout).
    static func tunnels(host: String, port: Int) -> [UInt8]? {
        let giveUp = ContinuousClock.now + deadline
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { return nil }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return nil }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        // HTTP/1.0: the server closes after its answer, so the end of the answer is EOF.
        let request = Array("GET /api/tunnels HTTP/1.0\r\nHost: \(host):\(port)\r\nAccept: application/json\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else { return nil }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while answer.count < 1024 * 1024 {
            let left = giveUp - ContinuousClock.now
            guard left > .zero else { return nil }
            var ready = [pollfd(fd: socket, events: Int16(POLLIN), revents: 0)]
            let milliseconds = Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000) + 1
            guard poll(&ready, 1, milliseconds) > 0 else { return nil }
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            answer.append(contentsOf: buffer[0..<count])
        }
        return body(ofOKAnswer: answer)
    }

    /// The body after the head, when the status line says 200.
    static func body(ofOKAnswer answer: [UInt8]) -> [UInt8]? {
        guard let end = answer.indices.dropLast(3).first(where: {
            answer[$0] == 13 && answer[$0 + 1] == 10 && answer[$0 + 2] == 13 && answer[$0 + 3] == 10
        }) else { return nil }
        let statusLine = String(decoding: answer.prefix { $0 != 13 }, as: UTF8.self)
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), parts[1] == "200" else { return nil }
        return Array(answer[(end + 4)...])
    }
}
