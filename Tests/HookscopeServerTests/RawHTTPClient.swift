import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A deliberately low-level HTTP/1.1 client over a blocking POSIX socket: it sends exactly
/// the bytes a test gives it (odd header case, duplicates, chunked framing, pipelining)
/// and reads responses back by their Content-Length.
final class RawHTTPClient {
    struct Response {
        var statusLine: String
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    private let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int, timeoutSeconds: Int = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw Failure(description: "connect() to port \(port) failed: errno \(errno)")
        }
    }

    deinit { close(fd) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "send failed: errno \(errno)") }
            offset += n
        }
    }

    /// Ends the sending side (`shutdown(SHUT_WR)`: the server reads end of stream after
    /// the bytes sent), keeping the receiving side open for the answers.
    func finishSending() throws {
        guard shutdown(fd, Int32(SHUT_WR)) == 0 else { throw Failure(description: "shutdown failed: errno \(errno)") }
    }

    /// Reads one response (status line, headers, Content-Length body; 1xx heads are returned too).
    func readResponse(isHEAD: Bool = false) throws -> Response {
        var response = try readHead()
        if response.status / 100 == 1 || isHEAD { return response }
        let length = Int(response.header("content-length") ?? "0") ?? 0
        try fill(atLeast: length)
        response.body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return response
    }

    /// Reads a response's status line and headers only (its body, if any, stays unread).
    func readHead() throws -> Response {
        let headEnd = try readUntil([13, 10, 13, 10])
        let headText = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw Failure(description: "bad status line: \(statusLine)") }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Response(statusLine: statusLine, status: status, headers: headers, body: [])
    }

    /// How the server ended the connection without answering.
    enum Ending: Equatable { case closed, reset, stillOpen }

    /// Waits for the connection to end (or the receive timeout) and says how it ended.
    func ending() -> Ending {
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, 0)
        if n == 0 { return .closed }
        if n < 0, errno == ECONNRESET { return .reset }
        if n > 0 { buffer.append(byte) }
        return .stillOpen
    }

    /// True when the server has closed the connection (reads return EOF).
    func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, 0)
        if n > 0 { buffer.append(byte) }
        return n == 0
    }

    private func readUntil(_ marker: [UInt8]) throws -> Int {
        while true {
            if buffer.count >= marker.count {
                for i in 0...(buffer.count - marker.count) where buffer[i..<(i + marker.count)].elementsEqual(marker) {
                    return i
                }
            }
            try readMore()
        }
    }

    private func fill(atLeast count: Int) throws {
        while buffer.count < count { try readMore() }
    }

    private func readMore() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { throw Failure(description: n == 0 ? "connection closed by server" : "recv failed: errno \(errno)") }
        buffer.append(contentsOf: chunk[..<n])
    }
}
