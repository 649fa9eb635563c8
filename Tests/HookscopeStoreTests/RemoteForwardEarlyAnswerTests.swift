import Foundation
import HookscopeCore
@testable import HookscopeStore
import PostgresNIO
import Synchronization
import Testing

/// The forwarder's answer written while its claim has not committed yet, against a real
/// PostgreSQL server: the claim's rows stream back before its commit, and an app that
/// answers at once can have its answer in the database first. Here the claim is held open
/// by the test, in a transaction of its own.
@Suite struct RemoteForwardEarlyAnswerTests {
    /// The answer's statement waits for the claim in flight and is written when the claim
    /// was this forwarder's; it was reported late instead (and the sender waited for the
    /// listener's deadline: 12 of 16 senders at once at c=16).
    @Test func anAnswerBeforeItsOwnClaimCommitsIsWritten() async throws {
        let (late, state) = try await answerBeforeTheClaimCommits(claimedByItself: true)
        #expect(late == false)
        #expect(state == "answered")
    }

    /// A claim in flight by another forwarder wins: this forwarder's answer is not written.
    @Test func anAnswerWhileAnotherForwardersClaimCommitsIsNotWritten() async throws {
        let (late, state) = try await answerBeforeTheClaimCommits(claimedByItself: false)
        #expect(late == true)
        #expect(state == "claimed")
    }

    /// Whether the answer was reported late, and the row's state after.
    func answerBeforeTheClaimCommits(claimedByItself: Bool) async throws -> (late: Bool?, state: String) {
        let store = try await TestStore()
        let logger = store.connector.logger
        let reports = Mutex<[Bool]>([])
        let app = "http://127.0.0.1:9"
        let answer = RemoteForwardAnswer(
            answer: PlannedAnswer(status: 201, headers: [], body: Array("from the app".utf8), source: .forward),
            upstream: UpstreamResponse(url: app, status: 201, body: Array("from the app".utf8), durationMilliseconds: 1))
        let claimer = RemoteForwardClaimer(
            connector: store.connector, who: "early@laptop", routeValues: [app], routes: ForwardRoutes(upstream: app),
            forward: { _, _ in answer }, report: { forwarded in reports.withLock { $0.append(forwarded.late) } })
        try await claimer.open()
        let claiming = try await store.connector.connect()
        let answering = try await store.connector.connect()
        defer {
            StoreConnector.abandon(claiming)
            StoreConnector.abandon(answering)
            // Opened by open(), never run.
            if let registered = claimer.claimLink.take() { StoreConnector.abandon(registered) }
        }
        let claimant = claimedByItself ? claimer.id : UUID()
        var offerID = 0
        for try await id in try await claiming.query("""
            INSERT INTO hookscope_forward_offers (run, local_id, exchange, body, claim_until, candidates)
            VALUES (\(UUID()), 1, '{}', '', now() + interval '1 hour', ARRAY[\(claimer.id), \(claimant)]) RETURNING id
            """, logger: logger).decode(Int.self) {
            offerID = id
        }
        try await claiming.query("BEGIN", logger: logger)
        try await claiming.query("""
            UPDATE hookscope_forward_offers SET state = 'claimed', claimer = \(claimant), claimed_by = 'someone'
            WHERE id = \(offerID)
            """, logger: logger)

        claimer.pendingAnswers.withLock { $0.append(.init(offerID: offerID, exchange: delivery(1), answer: answer, madeAt: .now)) }
        let writing = Task { try await claimer.writeAnswers(on: answering) }
        try await eventually("the answer waits for the claim") {
            try store.psql("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%answered AS (UPDATE%'
                """) == "1"
        }
        try await claiming.query("COMMIT", logger: logger)
        try await writing.value
        let state = try store.psql("SELECT state FROM hookscope_forward_offers WHERE id = \(offerID)")
        return (reports.withLock { $0.first }, state)
    }
}
