import Foundation
import HookscopeCore
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// The forwarder's end of the self-hosted tunnel (`attach --forward`): registers with its
/// routes and a heartbeat, claims the offered deliveries its routes take (an UPDATE that
/// requires the state `offered`, so each delivery is claimed once whoever else is
/// attached), forwards each to the app and writes the app's answer back for the listener
/// to relay (see `RemoteForwardRelay`).
///
/// A NOTIFY (`hookscope_forward_offers`) wakes it when a listener offers something; it also looks
/// every 250 ms, so a lost notification costs latency, never a delivery (within the
/// listener's claim timeout). Claims run on one connection, answers on another (all
/// answers ready at once in one statement), so an answer never waits behind a claim round
/// and the next claim never waits behind answers (RemoteForwardClaimer+Answers.swift).
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
    /// This forwarder's id in `hookscope_forwarders`, recorded with every delivery it
    /// forwards (`forward.forwarder`) so that its own UI can tell them apart.
    public var forwarderID: String { id.uuidString.lowercased() }
    let routes: ForwardRoutes
    let routeValues: [String]
    let forward: @Sendable (Exchange, ForwardRoute) async -> RemoteForwardAnswer
    let report: @Sendable (Forwarded) -> Void
    private let wakeup = StoreWakeup()
    let claimLink: StoreLink
    let answerLink: StoreLink
    /// Woken when an answer is ready to be written.
    let answerWakeup = StoreWakeup()
    /// Answers made and not written yet.
    let pendingAnswers = Mutex<[PendingAnswer]>([])
    /// Claims whose rows came back and whose commit has not been seen yet.
    let unconfirmed = Mutex<[Claim]>([])
    /// Forwards started whose answers have not been written (or given up on) yet: a
    /// forwarder that quits waits for them (RemoteForwardClaimer+Drain.swift).
    let inFlight = Mutex(0)
    /// Woken when one of them is done.
    let drained = StoreWakeup()
    /// How long quitting waits for the forwards in flight.
    let drainPatience: Duration
    /// Why quitting stopped waiting for them before that (a second stop signal).
    let drainStopped = Mutex<String?>(nil)
    /// A line for the user (stderr): quitting waits for forwards in flight.
    let notice: @Sendable (String) -> Void
    private let connected = Mutex(true)

    /// - Parameters:
    ///   - routeValues: the `--forward` values, registered for listeners to read.
    ///   - forward: calls the app and turns its answer (or why there is none) into the
    ///     answer for the sender.
    ///   - drainPatience: how long quitting waits for the app's answers to the forwards in
    ///     flight, so that they still reach their senders.
    ///   - notice: a line for the user (quitting waits for forwards in flight).
    public init(connector: StoreConnector, who: String, routeValues: [String], routes: ForwardRoutes,
                forward: @escaping @Sendable (Exchange, ForwardRoute) async -> RemoteForwardAnswer,
                report: @escaping @Sendable (Forwarded) -> Void,
                drainPatience: Duration = RemoteForwardClaimer.defaultDrainPatience,
                notice: @escaping @Sendable (String) -> Void = { _ in }) {
        self.drainPatience = drainPatience
        self.notice = notice
        self.connector = connector
        self.who = who
        self.routeValues = routeValues
        self.routes = routes
        self.forward = forward
        self.report = report
        claimLink = StoreLink(connector: connector, settings: Self.claimSettings)
        answerLink = StoreLink(connector: connector, settings: StoreLink.oneDeliveryRows)
    }

    /// `store: reconnecting` while the database cannot be reached; nil otherwise.
    public var statusSummary: String? {
        connected.withLock { $0 ? nil : "store: reconnecting (not forwarding)" }
    }

    /// Connects, checks the schema and registers; throws a failure that names the host and
    /// the reason (a role that may not write the remote forward's tables says so here).
    public func open() async throws {
        let connection = try await claimLink.connect()
        do {
            try await StoreMigrator.ensure(connection, connector: connector)
            try await heartbeat(on: connection)
            try await wakeListeners(on: connection)
        } catch {
            try? await connection.close()
            throw StoreConnector.Failure(description: "store at \(connector.url.endpoint): \(StoreConnector.reason(error))")
        }
        claimLink.adopt(connection)
    }

    /// Claims and forwards until cancelled, then waits (bounded) for the forwards in flight
    /// to be answered and written, then unregisters.
    public func run() async {
        let answers = Task { await self.answerLoop() }
        await claimLink.keep(while: { true }, setUp: { fresh in
            try await self.heartbeat(on: fresh)
            // Registered anew if the hourly sweep took the row while the store was away.
            try await self.wakeListeners(on: fresh)
            self.connected.withLock { $0 = true }
        }, lost: {
            self.connected.withLock { $0 = false }
        }) { connection in
            try await self.follow(on: connection)
        }
        // Before the answer loop stops: it writes what the drain waits for.
        //
        // UNFINISHED: a write still in flight when the drain ends (its deadline, a second
        // ^C) is abandoned and reported late, though it may still commit before the
        // unregister (which waits for it) and reach its sender.
        await drainForwards()
        answers.cancel()
        answerWakeup.signal()
        await answers.value
        await unregister()
    }

    /// Deletes this forwarder's row and wakes the listeners (`wakeListeners`), so that they
    /// read the list at once: they stop offering it deliveries, and take back at once the
    /// offers no other forwarder may claim (answered `unclaimed`, 'forwarder quit'), where
    /// each waited out the claim timeout before. A forwarder killed (SIGKILL) never gets
    /// here: for it the heartbeat's 5 s staleness stays the answer (listeners offer it
    /// nothing new after that; what it was offered waits out the claim timeout).
    ///
    /// `run()` gets here in a task that its caller has cancelled (`AttachForwarding.stop()`),
    /// and `StoreDeadline.run` in a cancelled task ends at once, before the statement is even
    /// sent: every forwarder that quit left its row (B1). The DELETE runs in a task of its
    /// own, which does not inherit the cancellation, and is awaited; its deadline alone
    /// bounds the wait when the database is gone.
    ///
    /// A listener that sees the row gone answers by its plan what it has read no answer for
    /// (RemoteForwardRelay+TakeBack.swift), so the DELETE must not commit before an answer
    /// still being written: one the drain counted once its rows came back (they can come
    /// before the commit: a NOTICE flushes them), or one whose write the drain's deadline
    /// abandoned, which may still commit on its connection. Before, it could (session 19
    /// review M2): the app's answer then committed for no one. So the DELETE first locks
    /// this forwarder's offers FOR SHARE, which waits for every transaction that is
    /// updating one (an answer's UPDATE holds its rows until it ends), and commits after
    /// them. At quit only: the answers' statement, the hot path, is unchanged. Not covered:
    /// an abandoned write that the server only begins after the DELETE (its connection that
    /// slow); reported late, its answer then reaches no one, as the drain's deadline says.
    /// When the DELETE's deadline passes first, the server still runs it (already sent,
    /// with its Sync) once the locks are free; the listeners see it at their next read.
    ///
    /// UNFINISHED (review session 20 C, L1): the DELETE waits as long as the locks are held.
    /// A lock cycle with another session is broken by PostgreSQL after its
    /// `deadlock_timeout`; on a server where that is over the 2 s deadline, the quitting
    /// forwarder's row stays until the listeners' heartbeat check (5 s). A limit on the
    /// DELETE's lock waits was tried (session 21) and reverted: a limited try still in
    /// flight at the deadline kept the waiting DELETE from being sent at all.
    private func unregister() async {
        if let answers = answerLink.take() { StoreConnector.abandon(answers) }
        guard let connection = claimLink.take() else { return }
        let (id, logger) = (id, connector.logger)
        let deleting = Task {
            _ = try? await StoreDeadline.run(seconds: 2) { _ in
                try await Self.unregister(id, on: connection, logger: logger)
                try await Self.wakeListeners(on: connection, logger: logger)
            }
        }
        await deleting.value
        StoreConnector.abandon(connection)
    }

    /// Listeners read the forwarders at once (RemoteForwardRelay's offer loop): when one
    /// registers, so it is offered deliveries without waiting for their next read; when
    /// one quits, so none is offered to it and those offered are taken back. In a statement
    /// of its own, after the row's change has committed: a transaction that NOTIFYs holds
    /// the cluster's notify-queue lock until its commit is flushed, which every offer's and
    /// answer's wake-up would wait behind (StoreWriter+Batch.swift).
    private func wakeListeners(on connection: PostgresConnection) async throws {
        try await Self.wakeListeners(on: connection, logger: connector.logger)
    }

    private static func wakeListeners(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("NOTIFY hookscope_forwarders", logger: logger)
    }

    private func heartbeat(on connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO hookscope_forwarders (id, who, routes) VALUES (\(id), \(who), \(RemoteForwardRoutes.encode(routeValues))::json)
            ON CONFLICT (id) DO UPDATE SET last_seen = now()
            """, logger: connector.logger)
    }

    private func follow(on connection: PostgresConnection) async throws {
        try await wakeup.listening(to: "hookscope_forward_offers", on: connection) {
            var lastBeat = ContinuousClock.now
            while !Task.isCancelled {
                if ContinuousClock.now - lastBeat >= .seconds(1) {
                    lastBeat = .now
                    try await StoreDeadline.run(seconds: 5) { _ in try await self.heartbeat(on: connection) }
                }
                try await StoreDeadline.run(seconds: 5) { _ in try await self.claimRound(on: connection) }
                claimLink.progressed()
                if connection.isClosed { throw StoreConnector.Failure(description: "the connection was closed") }
                await wakeup.wait(timeout: .milliseconds(250))
            }
        }
    }

    /// Claims every open offer that names this forwarder, in one statement, and starts
    /// the forwards of those whose claim has committed (RemoteForwardClaimer+Confirm.swift).
    /// A row another forwarder claims meanwhile is re-checked after its lock is released
    /// and no longer 'offered', so it is skipped; one past its claim deadline (the
    /// listener's, on the database's clock) is left to the listener.
    private func claimRound(on connection: PostgresConnection) async throws {
        // Claims a lost connection left unconfirmed come first: they may be the oldest.
        try await confirmClaims(on: connection)
        let claimed = try await connection.execute(ClaimOffers(forwarder: id, who: who), logger: connector.logger)
        var fresh: [Claim] = []
        for try await (offerID, json, body) in claimed {
            fresh.append(Claim(offerID: offerID, json: json, body: body))
        }
        guard !fresh.isEmpty else { return }
        unconfirmed.withLock { $0 += fresh }
        try await confirmClaims(on: connection)
    }

    /// The claim connection's session: commits that need not wait for the disk
    /// (`StoreLink.oneDeliveryRows`), and no bitmap scans. Every offer leaves a dead entry
    /// in the index of open offers once it is claimed (its row changes state), and only
    /// VACUUM removes them (autovacuum looks once a minute). A bitmap scan, the planner's
    /// choice for the claim, visits every one of them and their heap pages at every claim
    /// round and never marks them dead: at c=16 (700 deliveries/s) the claim read 7 500
    /// dead entries on 1 700 pages after 13 s, 4.6 ms a round, more as the run went on
    /// (docs/benchmarks.md, the tunnel's CPU). A plain index scan marks the entries it finds
    /// dead, so each one's heap page is visited once (their index entries are still read
    /// until VACUUM, but the claim's index condition on the deadline, schema version 8,
    /// keeps that to the offers of the last claim timeout). Neither helps while a long
    /// transaction anywhere in the cluster holds back the horizon: entries cannot be marked
    /// dead then. Only this connection's statements are affected: the claim, the read-back
    /// of claims by id, the heartbeat, the schema check at start, the forwarders' NOTIFY,
    /// withdrawing the routes and unregistering (none of which a bitmap scan serves better:
    /// by primary key, or `claimer`, which has no index). Check a statement added here.
    static let claimSettings = StoreLink.oneDeliveryRows + [("enable_bitmapscan", "off")]

    /// Forwards a claim that has committed.
    func start(_ claim: Claim) {
        let (offerID, json) = (claim.offerID, claim.json)
        // Counted until its answer is written or given up on (`finish`).
        inFlight.withLock { $0 += 1 }
        // The listener chose this forwarder by the same routes; a delivery they do not
        // take here after all (another version's JSON) is answered with why, not
        // dropped: why for the record, a neutral 502 for the sender (forSender).
        guard var exchange = try? ExchangeJSONLines.decode(json), let route = routes.route(for: exchange) else {
            let why = "the forwarder \(who) has no route for this delivery"
            let answer = RemoteForwardAnswer(
                answer: PlannedAnswer(status: 502, source: .error),
                upstream: UpstreamResponse(url: "via the shared store", status: nil, durationMilliseconds: 0, error: why,
                                           forwardedBy: who, forwarder: forwarderID)).forSender
            let exchange = (try? ExchangeJSONLines.decode(json)) ?? Exchange(
                receivedAt: .now(), remote: "", method: "?", target: "(unreadable offer #\(offerID))", headers: [], body: [])
            queueAnswer(PendingAnswer(offerID: offerID, exchange: exchange, answer: answer, madeAt: .now))
            return
        }
        exchange.body = Array(claim.body.readableBytesView)
        let whole = exchange
        Task { await self.forwardAndAnswer(offerID, whole, along: route) }
    }

    private func forwardAndAnswer(_ offerID: Int, _ exchange: Exchange, along route: ForwardRoute) async {
        var made = await forward(exchange, route)
        made.upstream.forwardedBy = who
        made.upstream.forwarder = forwarderID
        // The app's answer as it is; hookscope's own explanation stays in the record.
        made = made.forSender
        queueAnswer(PendingAnswer(offerID: offerID, exchange: exchange, answer: made, madeAt: .now))
    }

    private func queueAnswer(_ pending: PendingAnswer) {
        pendingAnswers.withLock { $0.append(pending) }
        answerWakeup.signal()
    }
}
