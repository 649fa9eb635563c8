import Foundation
import HookscopeCore
import NIOCore
import PostgresNIO
import Synchronization

/// The relay's loop on its own connection: inserts offers, reads claims and answers, and
/// follows the forwarders attached (RemoteForwardRelay.swift has the offers and deadlines).
extension RemoteForwardRelay {
    func loop() async {
        var backoff = StoreBackoff()
        while !Task.isCancelled, !isStopping {
            guard let connection = state.withLock({ $0.connection }), !connection.isClosed else {
                // Nothing is offered while the database is away: the plan answers at once.
                let old = state.withLock { state -> PostgresConnection? in
                    state.forwarders = []
                    state.forwarderNames = []
                    defer { state.connection = nil }
                    return state.connection
                }
                if let old { StoreConnector.abandon(old) }
                do {
                    let fresh = try await connector.connect()
                    state.withLock { $0.connection = fresh }
                    backoff.connected()
                } catch {
                    await backoff.wait()
                }
                continue
            }
            do {
                try await follow(on: connection)
            } catch {
                if Task.isCancelled || isStopping { break }
                state.withLock { $0.forwarders = []; $0.forwarderNames = [] }
                StoreConnector.abandon(connection)
                state.withLock { state in if state.connection === connection { state.connection = nil } }
            }
        }
    }

    func follow(on connection: PostgresConnection) async throws {
        try await wakeup.listening(to: "hookscope_tunnel_answers", on: connection) {
            var lastRefresh = ContinuousClock.now - .seconds(60)
            var lastSweep = ContinuousClock.now - .seconds(3600)
            while !Task.isCancelled, !isStopping {
                if ContinuousClock.now - lastRefresh >= .seconds(1) {
                    lastRefresh = .now
                    try await StoreDeadline.run(seconds: 5) { _ in try await self.refreshForwarders(on: connection) }
                }
                if ContinuousClock.now - lastSweep >= .seconds(60) {
                    lastSweep = .now
                    try await StoreDeadline.run(seconds: 10) { _ in try await self.sweep(on: connection) }
                }
                try await StoreDeadline.run(seconds: 5) { _ in try await self.round(on: connection) }
                if connection.isClosed { throw StoreConnector.Failure(description: "the connection was closed") }
                let busy = state.withLock { !$0.waiting.isEmpty }
                await wakeup.wait(timeout: busy ? .milliseconds(100) : .seconds(1))
            }
        }
    }

    /// Inserts new offers, deletes rows done with, and reads claims and answers.
    func round(on connection: PostgresConnection) async throws {
        try await insertOffers(on: connection)
        var done = state.withLock { state -> [Int] in
            defer { state.toDelete = [] }
            return state.toDelete
        }
        let watched = state.withLock { state in state.waiting.compactMap { id, entry in entry.tunnelID.map { ($0, id) } } }
        if !watched.isEmpty {
            let localByTunnel = Dictionary(uniqueKeysWithValues: watched)
            let rows = try await connection.query("""
                SELECT id, state, claimed_by, answer::text, answer_body, upstream_body FROM hookscope_tunnel
                WHERE id = ANY(\(watched.map { $0.0 })) AND state <> 'offered'
                """, logger: connector.logger)
            for try await (tunnelID, rowState, by, answer, answerBody, upstreamBody)
                in rows.decode((Int, String, String?, String?, ByteBuffer?, ByteBuffer?).self) {
                guard let local = localByTunnel[tunnelID] else { continue }
                if rowState == "answered", let answer {
                    done.append(tunnelID)
                    do {
                        let decoded = try RemoteForwardAnswer.decode(
                            answer, answerBody: answerBody.map { Array($0.readableBytesView) } ?? [],
                            upstreamBody: upstreamBody.map { Array($0.readableBytesView) } ?? [])
                        resolve(local, .answered(decoded), deleteRow: false)
                    } catch {
                        resolve(local, .timedOut(by: by), deleteRow: false)
                    }
                } else if let by {
                    markClaimed(local, by: by)
                }
            }
        }
        if !done.isEmpty {
            try await connection.query("DELETE FROM hookscope_tunnel WHERE id = ANY(\(done))", logger: connector.logger)
        }
    }

    func insertOffers(on connection: PostgresConnection) async throws {
        let offers = state.withLock { state -> [Exchange] in
            defer { state.toInsert = [] }
            return state.toInsert.compactMap { state.waiting[$0]?.exchange }
        }
        guard !offers.isEmpty else { return }
        var bindings = PostgresBindings(capacity: offers.count * 4)
        // The offers and the forwarders' wake-up in one round trip.
        var sql = "WITH offered AS (INSERT INTO hookscope_tunnel (run, local_id, exchange, body) VALUES "
        for (index, exchange) in offers.enumerated() {
            let base = index * 4
            if index > 0 { sql += "," }
            sql += "($\(base + 1),$\(base + 2),$\(base + 3)::json,$\(base + 4))"
            var head = exchange
            head.body = []
            bindings.append(run)
            bindings.append(exchange.id)
            bindings.append(ExchangeJSONLines.encode(head))
            bindings.append(ByteBuffer(bytes: exchange.body))
        }
        sql += " RETURNING id, local_id) SELECT offered.id, offered.local_id FROM offered,"
        sql += " LATERAL (SELECT pg_notify('hookscope_tunnel', '')) AS woken"
        let rows: PostgresRowSequence
        do {
            rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: connector.logger)
        } catch {
            // Tried again on the next connection, for those still waiting.
            state.withLock { $0.toInsert = offers.map(\.id) + $0.toInsert }
            throw error
        }
        for try await (tunnelID, local) in rows.decode((Int, Int).self) {
            state.withLock { state in
                if state.waiting[local] != nil {
                    state.waiting[local]?.tunnelID = tunnelID
                } else {
                    state.toDelete.append(tunnelID)   // answered by the clock meanwhile
                }
            }
        }
    }

    /// Every live forwarder's routes, as its `--forward` values.
    func refreshForwarders(on connection: PostgresConnection) async throws {
        let rows = try await connection.query("""
            SELECT who, routes::text FROM hookscope_forwarders
            WHERE last_seen > now() - make_interval(secs => \(Double(Self.forwarderLifetimeSeconds)))
            """, logger: connector.logger)
        var live: [ForwardRoutes] = []
        var names: [String] = []
        for try await (who, text) in rows.decode((String, String).self) {
            guard let routes = RemoteForwardRoutes.decode(text) else { continue }
            live.append(routes)
            names.append(who)
        }
        state.withLock { $0.forwarders = live; $0.forwarderNames = names.sorted() }
    }

    /// Rows and forwarders left by processes that died long ago.
    func sweep(on connection: PostgresConnection) async throws {
        try await connection.query("DELETE FROM hookscope_tunnel WHERE offered_at < now() - interval '1 hour'", logger: connector.logger)
        try await connection.query("DELETE FROM hookscope_forwarders WHERE last_seen < now() - interval '1 hour'", logger: connector.logger)
    }
}
