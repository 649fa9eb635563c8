import Foundation
import HookscopeCore
import HookscopeServer
import Synchronization

/// A real capture server on 127.0.0.1 with an ephemeral port, collecting what it completes.
final class TestServer: Sendable {
    let server: CaptureServer
    let completed: CompletedExchanges
    var store: CaptureStore { server.store }
    var port: Int { server.boundPort }
    var url: String { server.url }

    init(
        maxBody: Int = 10 * 1024 * 1024,
        plan: ResponsePlan = ResponsePlan(),
        limits: CaptureStore.Limits = .init(),
        analyzer: @escaping ExchangeAnalyzer = { _ in .none },
        interceptor: InterceptController = InterceptController(),
        timeouts: ConnectionTimeouts = ConnectionTimeouts(),
        maxConnections: Int = 1024,
        forwarder: Forwarder? = nil
    ) async throws {
        let completed = CompletedExchanges()
        self.completed = completed
        server = try await CaptureServer(
            configuration: CaptureServerConfiguration(
                host: "127.0.0.1", port: 0, maxBodyBytes: maxBody, timeouts: timeouts, maxConnections: maxConnections
            ),
            store: CaptureStore(limits: limits),
            plan: ResponsePlanHolder(plan),
            interceptor: interceptor,
            forwarder: forwarder,
            analyzer: analyzer,
            onComplete: { exchange in completed.items.withLock { $0.append(exchange) } }
        )
    }

    /// Waits until `count` exchanges have completed (bounded) and returns them in order.
    func waitForCompleted(_ count: Int, timeout: TimeInterval = 10) throws -> [Exchange] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let done = completed.items.withLock { $0 }
            if done.count >= count { return done.sorted { $0.id < $1.id } }
            if Date() > deadline {
                throw RawHTTPClient.Failure(description: "only \(done.count) of \(count) exchanges completed within \(timeout) s")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// The same wait without blocking a thread of Swift's shared pool, for tests whose
    /// server runs tasks on that pool (forwarding).
    func completedExchanges(_ count: Int, timeout: TimeInterval = 10) async throws -> [Exchange] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let done = completed.items.withLock { $0 }
            if done.count >= count { return done.sorted { $0.id < $1.id } }
            if Date() > deadline {
                throw RawHTTPClient.Failure(description: "only \(done.count) of \(count) exchanges completed within \(timeout) s")
            }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
    }

    func stop() async { await server.shutdown() }
}

final class CompletedExchanges: Sendable {
    let items = Mutex<[Exchange]>([])
}

/// Runs curl (a real, independent HTTP client) and returns its stdout and exit status.
enum Curl {
    static func run(_ arguments: [String], stdin: Data? = nil) throws -> (output: Data, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-sS", "--max-time", "20"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (data, process.terminationStatus)
    }
}

func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
}
