import Foundation
import HookscopeCore
import NIOCore
import PostgresNIO
import Synchronization

/// The listener's end of the self-hosted tunnel (issue #16): a delivery the plan would
/// answer by default, and that a forwarder attached to the store has a route for, is
/// offered in `hookscope_forward_offers`; one forwarder claims it, forwards it to its app and
/// writes the app's answer back, which the sender then gets.
///
/// Whether anyone forwards at all: forwarders register in `hookscope_forwarders` with
/// their routes and a heartbeat every second; this relay reads that list every second,
/// and at once when a forwarder registers or quits (their NOTIFY), and offers only what a
/// forwarder seen in the last 5 s has a route for. With none, nothing is offered and the
/// plan answers at once: a store without forwarders adds no latency. An offer whose
/// forwarders have all quit is taken back at that read, not at the claim timeout, and one
/// whose claimer quit mid-forward is answered by the plan then, not at the forward
/// timeout (RemoteForwardRelay+TakeBack.swift).
///
/// Deadlines: at `claimTimeout` after the offer, the relay takes an unclaimed offer back
/// (a DELETE that requires the state `offered`, so a claim and the take-back cannot both
/// win) and the plan answers (`unclaimed`); a claimed one has `forwardTimeout` from when
/// the claim was seen (and never more than both timeouts after the offer, even with the
/// database gone) before the plan answers (`forward_timeout`). The clocks are the relay's
/// own, so a lost database delays no sender past them: a take-back the store does not
/// confirm in time is answered `unclaimed` all the same, and recorded as unconfirmed
/// (RemoteForwardRelay+TakeBack.swift).
///
/// Two connections, so that offers and answers never queue behind each other: one inserts
/// offers (all waiting at once in one statement), takes unclaimed ones back and reads the
/// forwarders (RemoteForwardRelay+Offers.swift); the other reads and deletes answered rows
/// in one statement when a NOTIFY (`hookscope_forward_answers`) wakes it, and also looks
/// every 100 ms while something waits, so a lost notification costs latency only
/// (RemoteForwardRelay+Loop.swift).
public final class RemoteForwardRelay: RemoteForwarding, Sendable {
    public let connector: StoreConnector
    let run: UUID
    let claimTimeout: Duration
    let forwardTimeout: Duration
    /// How long a take-back's DELETE may go unanswered before the plan answers without
    /// knowing (`takeBackUnconfirmed`): a second, so the sender is not held for the
    /// database. Tests that are not about that path give it more (a loaded run is slow).
    let takeBackSeconds: Int
    /// Woken by new offers.
    let offerWakeup = StoreWakeup()
    /// Woken when a deadline is set before the one the clock task sleeps until.
    let clockWakeup = StoreWakeup()
    /// Woken by answers (their NOTIFY), rows to delete, and an insert of offers only when
    /// an answer may have come while it was in flight (RemoteForwardRelay+Offers.swift).
    let answerWakeup = StoreWakeup()
    let offerLink: StoreLink
    let answerLink: StoreLink
    let state = Mutex(State())
    /// The sweep's: a refusal is said once and keeps the connection.
    let housekeeping: StoreHousekeeping
    /// A line for the listener's log.
    let notice: @Sendable (String) -> Void

    struct Waiting {
        let exchange: Exchange
        let reply: @Sendable (RemoteForwardResult) -> Void
        /// The forwarders whose routes take it: only they may claim it.
        let candidates: [UUID]
        let offeredAt: ContinuousClock.Instant
        /// The row's id once it is inserted.
        var offerID: Int?
        /// The statement inserting it has been sent and has not returned yet.
        var inserting = false
        /// The claim deadline passed (or its forwarders quit) while the insert was in
        /// flight: the row is taken back as soon as its id is known, and this is why (a
        /// forwarder may claim it in between, which then wins).
        var takeBackOnInsert: RemoteForwardResult.Unclaimed?
        /// Its take-back has been sent: it is not sent twice.
        var takingBack = false
        /// user@host, once the claim has been seen.
        var claimedBy: String?
        /// The claiming forwarder's id, once the claim has been seen: when its row is gone
        /// (it quit), no answer can come (`takeBackDeserted`).
        var claimer: UUID?
        /// Its claimer quit: answered by the plan after the answer loop's next round,
        /// unless that round relays the answer the claimer wrote before it quit.
        var claimerGone = false
    }

    struct State {
        /// Every live forwarder: its id, who it is and its routes.
        var forwarders: [(id: UUID, who: String, routes: ForwardRoutes)] = []
        /// Who they are (user@host), sorted.
        var forwarderNames: [String] = []
        /// Who every registered forwarder is, live or not, as last read.
        var registeredNames: [UUID: String] = [:]
        /// By the listener's own exchange id.
        var waiting: [Int: Waiting] = [:]
        var toInsert: [Int] = []
        /// Rows whose sender was answered otherwise (late, taken back, stopped): deleted.
        var toDelete: [Int] = []
        /// Offers answered `unclaimed` whose take-back the store did not confirm: the
        /// offer's row id and the listener's exchange id. Their rows are deleted as soon as
        /// nothing holds them, which says whether a forwarder had claimed them after all.
        var inDoubt: [Int: Int] = [:]
        /// Deleting them was refused: not tried again before this (RemoteForwardRelay+Loop.swift).
        var doubtsRetry: ContinuousClock.Instant?
        var doubtsBackoff = StoreBackoff()
        /// Offers whose take-back found no row, and why they were taken back: answered
        /// `unclaimed` after the answer loop's next round unless it relayed an answer.
        var rowsGone: [Int: RemoteForwardResult.Unclaimed] = [:]
        /// Claimed offers whose claimer quit (`Waiting.claimerGone`), by the listener's
        /// exchange id: settled by the answer loop's next round that starts after they are
        /// noted (RemoteForwardRelay+Loop.swift).
        var claimersGone: Set<Int> = []
        /// A forwarder registered or quit (its NOTIFY): the list is read again at once.
        var forwardersChanged = false
        /// Answers' NOTIFYs heard so far (RemoteForwardRelay+Offers.swift: whether an insert
        /// must wake the answer loop).
        var answersHeard = 0
        /// The answer loop waits its idle second (nothing waiting when it last looked).
        var answersIdle = true
        /// The deadlines of the deliveries waiting, for the clock task (RemoteForwardRelay+Clock.swift).
        var deadlines = RemoteForwardDeadlines()
        /// When the clock task looks next; nil while it looks or has nothing to wait for.
        var clockSleepsUntil: ContinuousClock.Instant?
        var tasks: [Task<Void, Never>] = []
        var stopping = false
    }

    /// How long a forwarder's heartbeat counts: it beats every second.
    static let forwarderLifetimeSeconds = 5

    /// - Parameter notice: a line for the log (a sweep the store refused, once).
    public init(connector: StoreConnector, run: UUID, claimTimeout: Duration, forwardTimeout: Duration, takeBackSeconds: Int = 1,
                notice: @escaping @Sendable (String) -> Void = { _ in }) {
        self.takeBackSeconds = takeBackSeconds
        self.connector = connector
        housekeeping = StoreHousekeeping(notice: { notice("remote forward: " + $0) })
        self.notice = notice
        self.run = run
        self.claimTimeout = claimTimeout
        self.forwardTimeout = forwardTimeout
        offerLink = StoreLink(connector: connector, settings: StoreLink.oneDeliveryRows)
        answerLink = StoreLink(connector: connector, settings: StoreLink.oneDeliveryRows)
    }

    /// Connects (the schema is brought up to date by the writer first); throws a failure
    /// that names the host and the reason. A role that may not DELETE offers cannot run the
    /// tunnel at all (answers are taken out of `hookscope_forward_offers` as they are read,
    /// unclaimed offers taken back): it is refused here, once and in words, rather than
    /// offering deliveries whose answers it could never read, so the plan answers at once
    /// (found with session 16 review M1; the sweeps alone are housekeeping).
    public func connect() async throws {
        let connection = try await offerLink.connect()
        let mayDelete: Bool
        do {
            mayDelete = try await StoreDeadline.run(seconds: 5) { _ in
                let rows = try await connection.query("SELECT has_table_privilege('hookscope_forward_offers', 'DELETE')", logger: self.connector.logger)
                for try await may in rows.decode(Bool.self) { return may }
                return false
            }
        } catch {
            StoreConnector.abandon(connection)
            throw StoreConnector.Failure(description: StoreConnector.reason(error))
        }
        guard mayDelete else {
            StoreConnector.abandon(connection)
            throw StoreConnector.Failure(description: "this role may not DELETE from hookscope_forward_offers, which the tunnel takes answered and unclaimed offers out of")
        }
        offerLink.adopt(connection)
    }

    public func begin() {
        let tasks = [Task { await self.offerLoop() }, Task { await self.answerLoop() }, Task { await self.clockLoop() }]
        state.withLock { $0.tasks = tasks }
    }

    // MARK: Offers (called on the event loop: a lock, nothing more)

    public func offer(_ exchange: Exchange, only forwarder: String? = nil, reply: @escaping @Sendable (RemoteForwardResult) -> Void) -> Bool {
        // A forwarder named by its user is offered the delivery even while its heartbeat
        // is not seen (the claim deadline answers for one that is gone); its own routes
        // were checked where it was decided, and it checks them again when it claims.
        var chosen: UUID?
        if let forwarder {
            guard let id = UUID(uuidString: forwarder) else { return false }
            chosen = id
        }
        let (accepted, wakeClock) = state.withLock { state -> (Bool, Bool) in
            let candidates = chosen.map { [$0] } ?? state.forwarders.filter { $0.routes.route(for: exchange) != nil }.map(\.id)
            guard !state.stopping, !candidates.isEmpty else { return (false, false) }
            let now = ContinuousClock.now
            state.waiting[exchange.id] = Waiting(exchange: exchange, reply: reply, candidates: candidates, offeredAt: now)
            state.toInsert.append(exchange.id)
            let claimDue = now + claimTimeout
            state.deadlines.add(.claim, id: exchange.id, at: claimDue)
            state.deadlines.add(.backstop, id: exchange.id, at: claimDue + forwardTimeout)
            return (true, Self.clockSleepsPast(claimDue, in: state))
        }
        guard accepted else { return false }
        offerWakeup.signal()
        if wakeClock { clockWakeup.signal() }
        return true
    }

    /// Why `offer(_:only:)` would not take a delivery for `forwarder` alone now (a held
    /// request forwarded from an attached terminal UI), in words; nil when it would. Its
    /// caller settles such a request as its own instead of confirming a forward that never
    /// went out (session 16 review M2); the connection answers by the plan (`unclaimed`).
    public func whyNotOffered(only forwarder: String) -> String? {
        guard UUID(uuidString: forwarder) != nil else { return "'\(forwarder)' is no forwarder's id" }
        return isStopping ? "this listener is stopping" : nil
    }

    /// The live forwarders (user@host, sorted), as last read: empty while the database is
    /// away, since nothing is offered then.
    public var forwarderNames: [String] { state.withLock { $0.forwarderNames } }

    /// Answers whatever still waits by the plan (`unclaimed` as 'the listener stopped', not
    /// as a claim timeout that never came), refuses new offers, and deletes this listener's
    /// rows.
    public func stop() async {
        let (waiting, tasks) = state.withLock { state in
            state.stopping = true
            defer { state.waiting = [:] }
            return (state.waiting, state.tasks)
        }
        for entry in waiting.values {
            entry.reply(entry.claimedBy.map { RemoteForwardResult.timedOut(by: $0) } ?? .unclaimed(.listenerStopping))
        }
        for task in tasks { task.cancel() }
        offerWakeup.signal()
        answerWakeup.signal()
        clockWakeup.close()
        for task in tasks { await task.value }
        if let answers = answerLink.take() { StoreConnector.abandon(answers) }
        if let connection = offerLink.take() {
            _ = try? await StoreDeadline.run(seconds: 2) { _ in
                try await connection.query("DELETE FROM hookscope_forward_offers WHERE run = \(self.run)", logger: self.connector.logger)
            }
            StoreConnector.abandon(connection)
        }
    }

    /// Takes `waiting[id]` out and answers its sender; the row (if any) is deleted later
    /// unless it was answered.
    func resolve(_ id: Int, _ result: RemoteForwardResult, deleteRow: Bool = true) {
        let entry = state.withLock { state -> Waiting? in
            guard let entry = state.waiting.removeValue(forKey: id) else { return nil }
            if deleteRow, let offerID = entry.offerID { state.toDelete.append(offerID) }
            return entry
        }
        entry?.reply(result)
        if entry != nil, deleteRow { answerWakeup.signal() }
    }

    func answerTimeIsUp(_ id: Int) {
        let by = state.withLock { $0.waiting[id]?.claimedBy }
        resolve(id, .timedOut(by: by))
    }

    /// A claim seen: the answer has `forwardTimeout` from now (the backstop set at the offer
    /// still holds too). `claimer`: the forwarder's id, when the row said it (a claim read
    /// from an older snapshot may not have): learned later if not now.
    func markClaimed(_ id: Int, by: String, claimer: UUID?) {
        let first = state.withLock { state -> Bool in
            guard state.waiting[id] != nil else { return false }
            if state.waiting[id]?.claimer == nil { state.waiting[id]?.claimer = claimer }
            guard state.waiting[id]?.claimedBy == nil else { return false }
            state.waiting[id]?.claimedBy = by
            return true
        }
        guard first else { return }
        let wakeClock = state.withLock { state -> Bool in
            let due = ContinuousClock.now + forwardTimeout
            state.deadlines.add(.forward, id: id, at: due)
            return Self.clockSleepsPast(due, in: state)
        }
        if wakeClock { clockWakeup.signal() }
    }

    var isStopping: Bool { state.withLock { $0.stopping } }
}
