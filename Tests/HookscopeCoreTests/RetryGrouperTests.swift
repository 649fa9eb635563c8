import Testing
@testable import HookscopeCore

@Suite struct RetryGrouperTests {
    func delivery(provider: String?, id: String?, body: String = #"{"a":1}"#, path: String = "/hooks", at seconds: Int64 = 0, signature: String? = nil) -> Exchange {
        var headers: [HeaderField] = []
        if let signature { headers.append(HeaderField("Signature", signature)) }
        return Exchange(
            receivedAt: Timestamp(nanosecondsSinceEpoch: seconds * 1_000_000_000), remote: "", method: "POST",
            target: path, headers: headers, body: Array(body.utf8),
            analysis: ExchangeAnalysis(
                provider: provider, deliveryID: id,
                signature: SignatureVerdict(status: .valid, header: signature == nil ? nil : "Signature")
            )
        )
    }

    func attempts(_ grouper: RetryGrouper, _ exchanges: [Exchange]) -> [Int] {
        exchanges.map { e in
            var e = e
            grouper.assign(&e)
            return e.analysis.attempt
        }
    }

    @Test(arguments: ["teamwork", "standard", "github", "gitproductivity", "productlift", "stripe"])
    func attemptsOfOneDeliveryCountUp(provider: String) {
        let grouper = RetryGrouper()
        let series = [delivery(provider: provider, id: "d1", at: 0), delivery(provider: provider, id: "d1", at: 60), delivery(provider: provider, id: "d1", at: 360)]
        #expect(attempts(grouper, series) == [1, 2, 3])
    }

    @Test func differentDeliveriesDoNotMerge() {
        let grouper = RetryGrouper()
        let series = [
            delivery(provider: "teamwork", id: "a"), delivery(provider: "teamwork", id: "b"),
            delivery(provider: "github", id: "a"), delivery(provider: "teamwork", id: "a"),
        ]
        #expect(attempts(grouper, series) == [1, 1, 1, 2])
    }

    @Test func withoutAnIDTheSameBytesToTheSamePathAreRetries() {
        let grouper = RetryGrouper()
        let series = [
            delivery(provider: "productive", id: nil, body: "x"), delivery(provider: "productive", id: nil, body: "y"),
            delivery(provider: "productive", id: nil, body: "x"), delivery(provider: "productive", id: nil, body: "x", path: "/other"),
            delivery(provider: nil, id: nil, body: ""), delivery(provider: nil, id: nil, body: ""),
        ]
        #expect(attempts(grouper, series) == [1, 1, 2, 1, 1, 1])
    }

    @Test func aGapLongerThanTheWindowStartsOver() {
        let grouper = RetryGrouper(windowSeconds: 100)
        let series = [delivery(provider: "teamwork", id: "a", at: 0), delivery(provider: "teamwork", id: "a", at: 90), delivery(provider: "teamwork", id: "a", at: 300)]
        #expect(attempts(grouper, series) == [1, 2, 1])
    }

    @Test func aChangedBodyOrSignatureIsPointedOut() {
        let grouper = RetryGrouper()
        var first = delivery(provider: "teamwork", id: "a", body: "one", signature: "aa")
        var same = delivery(provider: "teamwork", id: "a", body: "one", signature: "aa")
        var changed = delivery(provider: "teamwork", id: "a", body: "two", signature: "bb")
        grouper.assign(&first)
        grouper.assign(&same)
        grouper.assign(&changed)
        #expect(first.analysis.retryChange == nil)
        #expect(same.analysis.retryChange == nil)
        #expect(changed.analysis.retryChange == "body differs from attempt 1; signature differs from attempt 1")
        #expect(changed.analysis.retryKey == first.analysis.retryKey)
    }

    @Test func theTableStaysBounded() {
        let grouper = RetryGrouper(maxGroups: 100)
        for i in 0..<1000 {
            var e = delivery(provider: "teamwork", id: "id-\(i)", at: Int64(i))
            grouper.assign(&e)
        }
        var recent = delivery(provider: "teamwork", id: "id-999", at: 1000)
        grouper.assign(&recent)
        #expect(recent.analysis.attempt == 2)
        var forgotten = delivery(provider: "teamwork", id: "id-0", at: 1000)
        grouper.assign(&forgotten)
        #expect(forgotten.analysis.attempt == 1)
    }

    @Test func attemptsOfOneEventShareOneKey() {
        let grouper = RetryGrouper()
        let id = "delivery-" + String(repeating: "7", count: 30)
        let keys: [String] = (0..<2).map { _ in
            var e = delivery(provider: "teamwork", id: id)
            grouper.assign(&e)
            return e.analysis.retryKey!
        }
        #expect(keys[0] == keys[1])
        let blocks = keys.map { key in key.utf8.withContiguousStorageIfAvailable { $0.baseAddress } }
        #expect(blocks[0] != nil && blocks[1] == blocks[0], "the retry keeps the first attempt's string")
    }
}
