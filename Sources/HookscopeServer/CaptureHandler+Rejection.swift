import HookscopeCore
import NIOCore
import NIOHTTP1

extension CaptureHandler {
    /// The HTTP parser gave up on the bytes: the protocol error handler has sent 400.
    /// Record what arrived as a rejected exchange with the reason, then close.
    func errorCaught(context: ChannelHandlerContext, error: Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        let reason = Self.explain(parserError)
        var exchange: Exchange
        if case .receiving(let request) = state {
            // The head was fine; the body's framing was not (bad chunk size, ...).
            exchange = request.makeExchange(truncated: true)
        } else {
            exchange = Self.exchange(fromRawBytes: tap.lastRead, remote: remote)
        }
        state = .idle
        exchange.rejection = reason
        let stored = shared.storeNew(exchange)
        let answer = PlannedAnswer(status: 400, headers: [HeaderField("Connection", "close"), HeaderField("Content-Length", "0")], source: .error)
        record(stored, answer: answer, sentStatus: 400, finishedAt: .now())
        context.close(promise: nil)
    }

    /// A request target over --max-uri: answered 414, listed with the first part of the
    /// target, and the connection closed (its body, if any, is not read).
    func rejectLongURI(_ request: PendingRequest, context: ChannelHandlerContext) {
        let limit = shared.maxURIBytes
        var exchange = request.makeExchange(truncated: false)
        let length = exchange.target.utf8.count
        exchange.target = String(decoding: exchange.target.utf8.prefix(limit), as: UTF8.self)
        exchange.rejection = "request target of \(length) bytes is over the \(limit)-byte limit (--max-uri); the first \(limit) bytes are kept"
        let stored = shared.storeNew(exchange)
        state = .idle
        readDeadline.enter(.answering)
        let answer = PlannedAnswer(status: 414, headers: [HeaderField("Content-Type", "text/plain; charset=utf-8")], body: Array("request target too long\n".utf8), source: .error)
        execute(answer, for: stored, finishedAt: .now(), keepAlive: false, context: context)
        context.close(promise: nil)
    }

    /// A best-effort exchange from bytes the parser refused: the first line's method and
    /// target when they look like one, and the bytes themselves as the body.
    static func exchange(fromRawBytes buffer: ByteBuffer?, remote: String) -> Exchange {
        let bytes = buffer.map { Array($0.readableBytesView.prefix(64 * 1024)) } ?? []
        let firstLine = bytes.prefix { $0 != 10 && $0 != 13 }
        let words = firstLine.split(separator: UInt8(ascii: " "), maxSplits: 2)
        let printable: (ArraySlice<UInt8>) -> String? = { word in
            word.count <= 2048 && word.allSatisfy({ $0 > 32 && $0 < 127 }) ? String(decoding: word, as: UTF8.self) : nil
        }
        return Exchange(
            receivedAt: .now(),
            remote: remote,
            method: words.first.flatMap(printable) ?? "-",
            target: words.count > 1 ? (printable(words[1]) ?? "-") : "-",
            headers: [],
            body: bytes,
            bodySize: buffer?.readableBytes ?? 0,
            bodyTruncated: (buffer?.readableBytes ?? 0) > bytes.count
        )
    }

    static func explain(_ error: HTTPParserError) -> String {
        switch error {
        case .invalidMethod: return "malformed HTTP: the method is not a known HTTP method token"
        case .invalidURL, .invalidPath, .invalidQueryString, .invalidFragment, .invalidHost, .invalidPort:
            return "malformed HTTP: the request target has bytes outside the URI character set"
        case .invalidCharactersUsed: return "malformed HTTP: bytes outside the HTTP token set"
        case .invalidHeaderToken: return "malformed HTTP: a header name or value has a forbidden byte"
        case .invalidContentLength: return "malformed HTTP: Content-Length is invalid, repeated with different values, or sent with Transfer-Encoding"
        case .unexpectedContentLength: return "malformed HTTP: Content-Length repeated, or together with Transfer-Encoding (request smuggling shape)"
        case .invalidChunkSize: return "malformed HTTP: a chunk size is not hexadecimal"
        case .headerOverflow: return "malformed HTTP: headers larger than the 80 KB limit"
        case .lfExpected, .strictModeAssertion, .invalidConstant: return "malformed HTTP: line endings are not CRLF (bare LF or CR)"
        case .invalidVersion: return "malformed HTTP: unknown HTTP version"
        case .closedConnection: return "malformed HTTP: the connection closed mid-request"
        case .unknown: return "malformed HTTP: refused by the parser without a specific reason; conflicting framing (Content-Length with Transfer-Encoding) is the usual cause"
        default: return "malformed HTTP: \(error)"
        }
    }
}
