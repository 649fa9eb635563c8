/// The request as it went over the wire: request line, header lines in arrival order, a
/// blank line and the body. A chunked request's body is kept de-chunked by the server, so
/// it is written back as a single chunk: the output is still a valid request that
/// `nc host port < file` can send again.
public enum RawHTTPExport {
    /// The request line and headers, up to and including the blank line.
    public static func head(of exchange: Exchange) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + exchange.headers.approximateByteCount)
        out.append(contentsOf: "\(exchange.method) \(exchange.target) \(exchange.httpVersion)\r\n".utf8)
        for header in exchange.headers {
            out.append(contentsOf: header.name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: header.value.utf8)
            out.append(contentsOf: [13, 10])
        }
        out.append(contentsOf: [13, 10])
        return out
    }

    /// The whole request.
    public static func bytes(of exchange: Exchange) -> [UInt8] {
        var out = head(of: exchange)
        if isChunked(exchange.headers) {
            if !exchange.body.isEmpty {
                out.append(contentsOf: String(exchange.body.count, radix: 16).utf8)
                out.append(contentsOf: [13, 10])
                out.append(contentsOf: exchange.body)
                out.append(contentsOf: [13, 10])
            }
            out.append(contentsOf: "0\r\n\r\n".utf8)
        } else {
            out.append(contentsOf: exchange.body)
        }
        return out
    }

    /// Several requests one after the other, as a pipelining client would send them.
    public static func bytes(of exchanges: [Exchange]) -> [UInt8] {
        exchanges.reduce(into: []) { $0.append(contentsOf: bytes(of: $1)) }
    }

    static func isChunked(_ headers: [HeaderField]) -> Bool {
        headers.all(named: "Transfer-Encoding").contains { $0.lowercased().contains("chunked") }
    }
}
