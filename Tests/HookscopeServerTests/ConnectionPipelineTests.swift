import HookscopeCore
@testable import HookscopeServer
import NIOCore
import NIOEmbedded
import Synchronization
import Testing
import TestSupport

/// The connection pipeline (tap, HTTP handlers, capture handler) on an `EmbeddedChannel`:
/// no sockets and no waiting, the event loop's clock is moved by hand, so the read and
/// answer deadlines are checked to the millisecond. The real-socket tests beside these
/// check the same behaviour end to end.
@Suite(.offThePool) struct ConnectionPipelineTests {
    /// One embedded connection, set up exactly as the server sets up an accepted one.
    struct Connection {
        let channel = EmbeddedChannel()
        let store = CaptureStore()
        let completed: (@Sendable () -> [Exchange])

        init(
            plan: ResponsePlan = ResponsePlan(),
            timeouts: ConnectionTimeouts = ConnectionTimeouts(),
            analyzer: @escaping ExchangeAnalyzer = { _ in .none }
        ) throws {
            let done = CompletedExchanges()
            completed = { done.items.withLock { $0 } }
            let shared = CaptureShared(
                store: store, plan: ResponsePlanHolder(plan), interceptor: InterceptController(), forwarder: nil,
                analyzer: analyzer, retries: RetryGrouper(), onComplete: { exchange in done.items.withLock { $0.append(exchange) } }, onCapture: { _ in },
                maxBodyBytes: 1024, maxURIBytes: 1024, timeouts: timeouts
            )
            try CaptureServer.addConnectionHandlers(to: channel, tls: nil, shared: shared)
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 40000)).wait()
        }

        func send(_ text: String) throws {
            try channel.writeInbound(ByteBuffer(string: text))
        }

        /// Everything written to the sender so far. The loop's tasks due now run first, as
        /// a real loop runs them at the end of its tick: a keep-alive answer is flushed there.
        func written() throws -> String {
            channel.embeddedEventLoop.run()
            var text = ""
            while let buffer = try channel.readOutbound(as: ByteBuffer.self) {
                text += String(buffer: buffer)
            }
            return text
        }

        func advance(milliseconds: Int64) {
            channel.embeddedEventLoop.advanceTime(by: .milliseconds(milliseconds))
        }

        func end() {
            _ = try? channel.finish()
        }
    }

    @Test func aWholeRequestIsAnalysedStoredOnceAndAnswered() throws {
        let connection = try Connection(analyzer: { _ in ExchangeAnalysis(provider: "teamwork") })
        defer { connection.end() }
        try connection.send("POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
        #expect(try connection.written().hasPrefix("HTTP/1.1 200 OK\r\n"))
        let stored = Array(connection.store.snapshot())
        #expect(stored.count == 1)
        #expect(stored.first?.analysis.provider == "teamwork")
        #expect(stored.first?.remote == "127.0.0.1:40000")
        #expect(connection.completed().map { $0.response?.status } == [200])
    }

    @Test func aStalledHeadGets408AtTheHeaderDeadlineAndNotBefore() throws {
        let connection = try Connection(timeouts: ConnectionTimeouts(headerMilliseconds: 300))
        defer { connection.end() }
        try connection.send("POST /slow HTTP/1.1\r\nHost: x\r\nX-Sl")
        connection.advance(milliseconds: 299)
        #expect(try connection.written() == "")
        #expect(connection.channel.isActive)
        connection.advance(milliseconds: 1)
        #expect(try connection.written().hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        #expect(!connection.channel.isActive)
        let stored = try #require(connection.completed().first)
        #expect(stored.rejection?.contains("--header-timeout") == true)
        #expect(stored.analysis.provider == nil)
    }

    @Test func eachBodyPieceMovesTheBodyDeadlineLater() throws {
        let connection = try Connection(timeouts: ConnectionTimeouts(bodyMilliseconds: 500))
        defer { connection.end() }
        try connection.send("POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
        connection.advance(milliseconds: 400)
        try connection.send("de")
        // The first timer wakes at 500 ms, finds the deadline moved to 900 and sleeps again.
        connection.advance(milliseconds: 499)
        #expect(try connection.written() == "")
        connection.advance(milliseconds: 1)
        #expect(try connection.written().hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        let stored = try #require(connection.completed().first)
        #expect(stored.body == Array("abcde".utf8))
        #expect(stored.rejection?.contains("--body-timeout") == true)
        #expect(stored.rejection?.contains("after 5 of 10 bytes") == true)
    }

    @Test func aKeptAliveConnectionClosesAtTheIdleDeadline() throws {
        let connection = try Connection(timeouts: ConnectionTimeouts(idleMilliseconds: 1000))
        defer { connection.end() }
        try connection.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        #expect(try connection.written().hasPrefix("HTTP/1.1 200 OK\r\n"))
        connection.advance(milliseconds: 999)
        #expect(connection.channel.isActive)
        connection.advance(milliseconds: 1)
        #expect(!connection.channel.isActive)
    }

    @Test func aDelayedAnswerIsRecordedAndWrittenWhenItsTimeComes() throws {
        let delayed = try AnswerSpecParser.parseSequence("202/delay=400")[0]
        let connection = try Connection(plan: ResponsePlan(defaultAnswer: delayed))
        defer { connection.end() }
        try connection.send("POST /d HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        connection.advance(milliseconds: 399)
        #expect(try connection.written() == "")
        #expect(connection.completed().isEmpty)
        connection.advance(milliseconds: 1)
        #expect(try connection.written().hasPrefix("HTTP/1.1 202 Accepted\r\n"))
        #expect(connection.completed().map { $0.response?.status } == [202])
    }

    @Test func aSenderThatLeavesDuringADelayIsRecordedAsDisconnected() throws {
        let delayed = try AnswerSpecParser.parseSequence("202/delay=400")[0]
        let connection = try Connection(plan: ResponsePlan(defaultAnswer: delayed))
        defer { connection.end() }
        try connection.send("POST /d HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        connection.advance(milliseconds: 100)
        try connection.channel.close().wait()
        connection.advance(milliseconds: 400)
        let stored = try #require(connection.completed().first)
        #expect(stored.response?.status == nil)
        #expect(stored.response?.source == .disconnected)
        #expect(connection.completed().count == 1)
    }

    @Test func noReadDeadlineCutsAnAnswerThatHangs() throws {
        let hang = try AnswerSpecParser.parseSequence("hang")[0]
        let connection = try Connection(
            plan: ResponsePlan(defaultAnswer: hang),
            timeouts: ConnectionTimeouts(idleMilliseconds: 100, headerMilliseconds: 100, bodyMilliseconds: 100)
        )
        defer { connection.end() }
        try connection.send("POST /h HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        connection.advance(milliseconds: 60_000)
        #expect(try connection.written() == "")
        #expect(connection.channel.isActive)
    }
}
