import AsyncHTTPClient
import Foundation
import HookscopeCore
import NIOCore
import NIOHTTP1
import Synchronization

/// `listen --source smee:URL`: one channel of a smee server (smee.io or any server speaking
/// probot/smee.io's protocol), read as Server-Sent Events, each delivery handed to `record`.
/// Reconnects with backoff (1, 2, 4, … 60 s); events sent while disconnected are lost
/// (smee does not replay them), and the state says when that can have happened.
public final class SmeeSubscription: Sendable {
    /// The channel URL, `https://smee.io/CHANNEL`.
    public let channel: String
    private let client: HTTPClient
    /// The state, nil before the first.
    private let shared = Mutex<IngressState?>(nil)

    /// Seconds without a byte (smee pings every ~30 s) before the stream is taken for dead.
    public static let silenceLimitSeconds: Int64 = 90

    public init(channel: String, eventLoopGroup: any EventLoopGroup) {
        self.channel = channel
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 3, allowCycles: false),
            timeout: .init(connect: .seconds(10), read: .seconds(Self.silenceLimitSeconds)),
            // Never decompressed: the stream is read as the server sent it (smee sends it plain;
            // hookscope sends no Accept-Encoding), so no setting of ours changes the events' bytes.
            decompression: .disabled
        )
        configuration.httpVersion = .http1Only
        // The pool would otherwise retry a refused connection until the request's deadline,
        // which for a stream is never: the backoff here does the retrying, and says so.
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: configuration)
    }

    /// `smee: starting`, `smee: up URL`, `smee: down (REASON); reconnecting in N s`.
    public var state: IngressState { shared.withLock { $0 ?? .starting } }

    /// The state in words: `smee: up https://smee.io/abc`, `smee https://smee.io/abc: down
    /// (the server closed the stream); reconnecting in 2 s`.
    public var summary: String {
        let state = self.state
        let label = state.url == nil ? "smee \(TerminalSafeText.string(channel))" : "smee"
        return state.summary(label: label, restarting: "reconnecting")
    }

    /// Reads the channel until the task is cancelled. `record` gets each delivery in order;
    /// `onChange` each new state.
    public func run(record: @escaping @Sendable (SmeeDelivery) async -> Void, onChange: @escaping @Sendable (IngressState) -> Void) async {
        var backoff = RestartBackoff()
        publish(.starting, onChange)
        while !Task.isCancelled {
            let started = ContinuousClock.now
            let reason = await readOnce(record: record, onChange: onChange)
            guard !Task.isCancelled else { break }
            let ran = ContinuousClock.now - started
            let delay = backoff.delayAfterExit(ranSeconds: Double(ran.components.seconds))
            publish(.down(reason: reason, retryInSeconds: delay), onChange)
            try? await Task.sleep(for: .seconds(delay))
            if !Task.isCancelled { publish(.starting, onChange) }
        }
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    /// One connection: the reason it ended.
    private func readOnce(record: @escaping @Sendable (SmeeDelivery) async -> Void, onChange: @escaping @Sendable (IngressState) -> Void) async -> String {
        var request = HTTPClientRequest(url: channel)
        request.headers.add(name: "Accept", value: "text/event-stream")
        request.headers.add(name: "Cache-Control", value: "no-cache")
        do {
            let response = try await client.execute(request, deadline: .distantFuture)
            guard response.status == .ok else {
                return "the server answered \(response.status.code) \(response.status.reasonPhrase)"
            }
            let type = response.headers.first(name: "Content-Type") ?? ""
            guard type.lowercased().hasPrefix("text/event-stream") else {
                return "the server did not answer with an event stream (Content-Type: \(TerminalSafeText.string(type)))"
            }
            var parser = ServerSentEventParser()
            for try await buffer in response.body {
                for event in parser.feed(buffer.readableBytesView) {
                    switch event.name {
                    case "ready":
                        publish(.up(url: channel), onChange)
                    case "message":
                        if let delivery = SmeeDelivery(eventData: event.data) { await record(delivery) }
                    default:
                        break   // ping: the silence limit restarts with every byte
                    }
                }
            }
            return "the server closed the stream"
        } catch let error as HTTPClientError where error == .readTimeout {
            return "nothing heard for \(Self.silenceLimitSeconds) s"
        } catch {
            return TerminalSafeText.string("\(OutgoingHTTPClient.classify(error, timeout: .seconds(Self.silenceLimitSeconds)))")
        }
    }

    private func publish(_ state: IngressState, _ onChange: @Sendable (IngressState) -> Void) {
        let changed: Bool = shared.withLock { current in
            defer { current = state }
            return current != state
        }
        if changed { onChange(state) }
    }
}
