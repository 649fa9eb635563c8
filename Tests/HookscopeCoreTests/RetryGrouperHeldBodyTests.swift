import Testing
@testable import HookscopeCore

/// Attempt 1's body with a delivery id is held, not hashed (#18), and every note is what
/// it was: compared byte for byte while held, by digest once let go.
@Suite struct RetryGrouperHeldBodyTests {
    func delivery(id: String?, body: [UInt8], at seconds: Int64 = 0, path: String = "/hooks") -> Exchange {
        Exchange(
            receivedAt: Timestamp(nanosecondsSinceEpoch: seconds * 1_000_000_000), remote: "", method: "POST",
            target: path, headers: [], body: body,
            analysis: ExchangeAnalysis(provider: "teamwork", deliveryID: id, signature: SignatureVerdict(status: .unsigned))
        )
    }

    @Test func aFirstAttemptWithAnIDKeepsItsBodyUnhashed() throws {
        let grouper = RetryGrouper()
        let body = Array(repeating: UInt8(ascii: "x"), count: 70_000)
        var first = delivery(id: "d-1", body: body)
        grouper.assign(&first)
        let held = try #require(grouper.firstBody(key: "teamwork|id|d-1"))
        guard case .held(let bytes, _) = held else {
            Issue.record("attempt 1 was hashed: \(held)")
            return
        }
        #expect(bytes.withUnsafeBufferPointer { $0.baseAddress } == first.body.withUnsafeBufferPointer { $0.baseAddress }, "held without a copy")
        #expect(grouper.heldBodyBytes == 70_000)
        // Without an id the digest is the key, as before.
        var plain = delivery(id: nil, body: body)
        grouper.assign(&plain)
        #expect(plain.analysis.retryKey == "teamwork|POST|/hooks|\(RetryGrouper.digest(body))")
        #expect(grouper.heldBodyBytes == 70_000)
    }

    @Test(arguments: [64 * 1024 * 1024, 0])
    func aRetryWithAnIDWhoseBodyChangedGetsItsNote(maxHeldBodyBytes: Int) throws {
        let grouper = RetryGrouper(maxHeldBodyBytes: maxHeldBodyBytes)
        let one = Array("{\"id\":\"d-1\",\"n\":1}".utf8)
        var changedLast = one
        changedLast[changedLast.count - 2] = UInt8(ascii: "2")
        var series = [
            delivery(id: "d-1", body: one, at: 0), delivery(id: "d-1", body: Array(one), at: 10),
            delivery(id: "d-1", body: changedLast, at: 20), delivery(id: "d-1", body: one + [0x0A], at: 30),
            delivery(id: "d-1", body: [], at: 40), delivery(id: "d-1", body: one, at: 50),
        ]
        for i in series.indices { grouper.assign(&series[i]) }
        #expect(series.map(\.analysis.attempt) == [1, 2, 3, 4, 5, 6])
        #expect(series.map(\.analysis.retryChange) == [nil, nil, "body differs from attempt 1", "body differs from attempt 1", "body differs from attempt 1", nil])
        let first = try #require(grouper.firstBody(key: "teamwork|id|d-1"))
        if maxHeldBodyBytes == 0 {
            #expect(first == .digest(RetryGrouper.digest(one)), "let go at once, its digest kept")
            #expect(grouper.heldBodyBytes == 0)
        } else {
            #expect(grouper.heldBodyBytes == one.count)
        }
    }

    @Test func theOldestBodiesAreLetGoPastTheBoundAndKeepTheirNotes() throws {
        let grouper = RetryGrouper(maxHeldBodyBytes: 3_000)
        func body(_ i: Int) -> [UInt8] { Array(repeating: UInt8(truncatingIfNeeded: i), count: 1_000) }
        for i in 0..<10 {
            var e = delivery(id: "d-\(i)", body: body(i), at: Int64(i))
            grouper.assign(&e)
            #expect(grouper.heldBodyBytes <= 3_000)
        }
        #expect(grouper.heldBodyBytes == 3_000)
        for i in 0..<10 {
            let first = try #require(grouper.firstBody(key: "teamwork|id|d-\(i)"))
            if i < 7 {
                #expect(first == .digest(RetryGrouper.digest(body(i))), "d-\(i)")
            } else if case .held(let bytes, _) = first {
                #expect(bytes == body(i))
            } else {
                Issue.record("d-\(i) is not held: \(first)")
            }
        }
        var sameAsLetGo = delivery(id: "d-0", body: body(0), at: 20)
        var changedLetGo = delivery(id: "d-1", body: body(2), at: 20)
        var changedHeld = delivery(id: "d-9", body: body(8), at: 20)
        grouper.assign(&sameAsLetGo)
        grouper.assign(&changedLetGo)
        grouper.assign(&changedHeld)
        #expect(sameAsLetGo.analysis.retryChange == nil)
        #expect(changedLetGo.analysis.retryChange == "body differs from attempt 1")
        #expect(changedHeld.analysis.retryChange == "body differs from attempt 1")
    }

    @Test func forgottenAndRestartedGroupsGiveTheirBytesBack() throws {
        let grouper = RetryGrouper(windowSeconds: 100, maxGroups: 10)
        for i in 0..<100 {
            var e = delivery(id: "d-\(i)", body: Array(repeating: 7, count: 100), at: Int64(i))
            grouper.assign(&e)
        }
        // At most maxGroups groups are kept, so at most their bodies are held.
        #expect(grouper.heldBodyBytes <= 10 * 100)
        var late = delivery(id: "d-99", body: Array(repeating: 8, count: 50), at: 1_000)
        grouper.assign(&late)
        #expect(late.analysis.attempt == 1, "past the window it starts over")
        var retry = delivery(id: "d-99", body: Array(repeating: 8, count: 50), at: 1_010)
        grouper.assign(&retry)
        #expect(retry.analysis.retryChange == nil, "compared with the new attempt 1, not the old")
        let held = try #require(grouper.firstBody(key: "teamwork|id|d-99"))
        guard case .held(let bytes, _) = held else {
            Issue.record("the new attempt 1 is not held: \(held)")
            return
        }
        #expect(bytes == Array(repeating: 8, count: 50))
    }

    /// Random series (few ids and bodies, so retries and changed bodies are common) give
    /// the same attempts, keys and notes whatever the bound on held bodies, as a model that
    /// remembers every attempt 1's body says they must.
    @Test func anyBoundGivesTheModelsNotes() {
        var rng = SplitMix64(seed: 1818)
        let bodies: [[UInt8]] = (0..<5).map { i in i == 0 ? [] : Array(repeating: UInt8(i), count: i * 300) }
        for round in 0..<40 {
            let series: [Exchange] = (0..<200).map { step in
                let id = Int.random(in: 0..<12, using: &rng)
                let body = bodies[Int.random(in: 0..<bodies.count, using: &rng)]
                return delivery(id: id < 10 ? "d-\(id)" : nil, body: body, at: Int64(step))
            }
            var firstBodies: [String: [UInt8]] = [:]
            var attempts: [String: Int] = [:]
            let expected: [(Int, String?)] = series.map { e in
                guard let id = e.analysis.deliveryID else {
                    if e.body.isEmpty { return (1, nil) }
                    let key = "plain|\(e.body.count)"
                    attempts[key, default: 0] += 1
                    return (attempts[key]!, nil)
                }
                attempts[id, default: 0] += 1
                if firstBodies[id] == nil { firstBodies[id] = e.body }
                return (attempts[id]!, firstBodies[id] == e.body ? nil : "body differs from attempt 1")
            }
            for bound in [0, 700, 2_000, 1 << 30] {
                let grouper = RetryGrouper(maxHeldBodyBytes: bound)
                let got: [(Int, String?)] = series.map { e in
                    var e = e
                    grouper.assign(&e)
                    return (e.analysis.attempt, e.analysis.retryChange)
                }
                #expect(got.map(\.0) == expected.map(\.0), "round \(round), bound \(bound)")
                #expect(got.map(\.1) == expected.map(\.1), "round \(round), bound \(bound)")
                #expect(grouper.heldBodyBytes <= bound)
            }
        }
    }
}
