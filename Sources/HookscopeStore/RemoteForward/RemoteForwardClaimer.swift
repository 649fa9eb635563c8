import Foundation
import HookscopeCore
import NIOCore
import PostgresNIO
import Synchronization

/// The forwarder's end of the self-hosted tunnel (`attach --forward`): registers with its
/// routes and a heartbeat, claims the offered deliveries its routes take (an UPDATE that
/// requires the state `offered`, so each delivery is claimed once whoever else is
/// attached), forwards each to the app and writes the app's answer back for the listener
/// to relay (see `RemoteForwardRelay`).
///
/// A NOTIFY (`hookscope_tunnel`) wakes it when a listener offers something; it also looks
/// every 250 ms, so a lost notification costs latency, never a delivery (within the
/// listener's claim timeout).
public final class RemoteForwardClaimer: Sendable {
    /// One delivery forwarded: what came in, what went back, and whether the listener was
    /// still waiting for it (`late`: it had answered by its plan already).
    public struct Forwarded: Sendable {
        public var exchange: Exchange
        public var answer: RemoteForwardAnswer
        public var late: Bool
    }

    public let connector: StoreConnector
    /// user@host, recorded with every delivery it forwards.
    public let who: String
    let id = UUID()
    let routes: ForwardRoutes
    let routeValues: [String]
    let forward: @Sendable (Exchange, ForwardRoute) async -> RemoteForwardAnswer
    let report: @Sendable (Forwarded) -> Void
    private let wakeup = StoreWakeup()
    private let current = Mutex<PostgresConnection?>(nil)
    private let connected = Mutex(true)

    /// - Parameters:
    ///   - routeValues: the `--forward` values, registered for listeners to read.
    ///   - forward: calls the app and turns its answer (or why there is none) into the
    ///     answer for the sender.
    public init(connector: StoreConnector, who: String, routeValues: [String], routes: ForwardRoutes,
                forward: @escaping @Sendable (Exchange, ForwardRoute) async -> RemoteForwardAnswer,
                report: @escaping @Sendable (Forwarded) -> Void) {
        self.connector = connector
        self.who = who
        self.routeValues = routeValues
        self.routes = routes
        self.forward = forward
        self.report = report
    }

    /// `store: reconnecting` while the database cannot be reached; nil otherwise.
    public var statusSummary: String? {
        connected.withLock { $0 ? nil : "store: reconnecting (not forwarding)" }
    }

    /// Connects, checks the schema and registers; throws a failure that names the host and
    /// the reason (a role that may not write the tunnel's tables says so here).
    public func open() async throws {
        let connection = try await connector.connect()
        do {
            try await StoreMigrator.ensure(connection, connector: connector)
            try await heartbeat(on: connection)
        } catch {
            try? await connection.close()
            throw StoreConnector.Failure(description: "store at \(connector.url.endpoint): \(StoreConnector.reason(error))")
        }
        current.withLock { $0 = connection }
    }

    /// Claims and forwards until cancelled, then unregisters.
    public func run() async {
        var backoff = StoreBackoff()
        while !Task.isCancelled {
            guard let connection = current.withLock({ $0 }), !connection.isClosed else {
                if let old = current.withLock({ connection in defer { connection = nil }; return connection }) { StoreConnector.abandon(old) }
                do {
                    let fresh = try await connector.connect()
                    try await heartbeat(on: fresh)
                    current.withLock { $0 = fresh }
                    connected.withLock { $0 = true }
                    backoff.connected()
                } catch {
                    connected.withLock { $0 = false }
                    await backoff.wait()
                }
                continue
            }
            do {
                try await follow(on: connection)
            } catch {
                if Task.isCancelled { break }
                connected.withLock { $0 = false }
                StoreConnector.abandon(connection)
                current.withLock { if $0 === connection { $0 = nil } }
            }
        }
        await unregister()
    }

    private func unregister() async {
        guard let connection = current.withLock({ connection in defer { connection = nil }; return connection }) else { return }
        _ = try? await StoreDeadline.run(seconds: 2) { _ in
            try await connection.query("DELETE FROM hookscope_forwarders WHERE id = \(self.id)", logger: self.connector.logger)
        }
        StoreConnector.abandon(connection)
    }

    private func heartbeat(on connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO hookscope_forwarders (id, who, routes) VALUES (\(id), \(who), \(RemoteForwardRoutes.encode(routeValues))::json)
            ON CONFLICT (id) DO UPDATE SET last_seen = now()
            """, logger: connector.logger)
    }

    private func follow(on connection: PostgresConnection) async throws {
        try await wakeup.listening(to: "hookscope_tunnel", on: connection) {
            var lastBeat = ContinuousClock.now
            // Offers this forwarder's routes do not take, so their exchanges are not read again.
            var passed = Set<Int>()
            while !Task.isCancelled {
                if ContinuousClock.now - lastBeat >= .seconds(1) {
                    lastBeat = .now
                    try await StoreDeadline.run(seconds: 5) { _ in try await self.heartbeat(on: connection) }
                }
                passed = try await StoreDeadline.run(seconds: 5) { [passed] _ in try await self.claimRound(on: connection, passed: passed) }
                if connection.isClosed { throw StoreConnector.Failure(description: "the connection was closed") }
                await wakeup.wait(timeout: .milliseconds(250))
            }
        }
    }

    /// Reads the open offers, claims those its routes take and starts their forwards;
    /// returns the offers passed over that are still open.
    private func claimRound(on connection: PostgresConnection, passed: Set<Int>) async throws -> Set<Int> {
        let rows = try await connection.query("""
            SELECT id, CASE WHEN id = ANY(\(Array(passed))) THEN NULL ELSE exchange::text END FROM hookscope_tunnel
            WHERE state = 'offered' ORDER BY id
            """, logger: connector.logger)
        var stillPassed = Set<Int>()
        var candidates: [(Int, Exchange, ForwardRoute)] = []
        for try await (tunnelID, json) in rows.decode((Int, String?).self) {
            guard let json else {
                stillPassed.insert(tunnelID)
                continue
            }
            guard let exchange = try? ExchangeJSONLines.decode(json), let route = routes.route(for: exchange) else {
                stillPassed.insert(tunnelID)
                continue
            }
            candidates.append((tunnelID, exchange, route))
        }
        guard !candidates.isEmpty else { return stillPassed }
        // One statement for every candidate: a row another forwarder claims meanwhile is
        // re-checked after its lock is released and no longer 'offered', so it is skipped.
        let claimed = try await connection.query("""
            UPDATE hookscope_tunnel SET state = 'claimed', claimer = \(id), claimed_by = \(who), claimed_at = clock_timestamp()
            WHERE id = ANY(\(candidates.map { $0.0 })) AND state = 'offered' RETURNING id, body
            """, logger: connector.logger)
        var bodies: [Int: [UInt8]] = [:]
        for try await (tunnelID, bytes) in claimed.decode((Int, ByteBuffer).self) { bodies[tunnelID] = Array(bytes.readableBytesView) }
        for (tunnelID, exchange, route) in candidates {
            // Another forwarder claimed it first, or the listener took it back.
            guard let body = bodies[tunnelID] else { continue }
            var whole = exchange
            whole.body = body
            Task { await self.forwardAndAnswer(tunnelID, whole, along: route) }
        }
        return stillPassed
    }

    private func forwardAndAnswer(_ tunnelID: Int, _ exchange: Exchange, along route: ForwardRoute) async {
        var made = await forward(exchange, route)
        made.upstream.forwardedBy = who
        let answer = made
        var late = true
        if let connection = current.withLock({ $0 }) {
            let written = try? await StoreDeadline.run(seconds: 10) { _ -> Bool in
                // The answer and the listener's wake-up in one round trip.
                let rows = try await connection.query("""
                    WITH answered AS (
                        UPDATE hookscope_tunnel SET state = 'answered', answer = \(answer.encoded())::json,
                            answer_body = \(ByteBuffer(bytes: answer.answer.body)), upstream_body = \(ByteBuffer(bytes: answer.upstream.body))
                        WHERE id = \(tunnelID) AND claimer = \(self.id) AND state = 'claimed' RETURNING id)
                    SELECT answered.id FROM answered, LATERAL (SELECT pg_notify('hookscope_tunnel_answers', '')) AS woken
                    """, logger: self.connector.logger)
                var found = false
                for try await _ in rows.decode(Int.self) { found = true }
                return found
            }
            late = written != true
        }
        report(Forwarded(exchange: exchange, answer: answer, late: late))
    }
}
