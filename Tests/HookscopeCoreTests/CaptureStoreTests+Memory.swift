import Testing
@testable import HookscopeCore

/// What the store does to keep the bytes it holds close to what it counts.
extension CaptureStoreTests {
    func answer(_ body: String) -> ExchangeResponse {
        // Built at run time, so each response has its own heap copies.
        ExchangeResponse(
            status: 200,
            headers: [HeaderField("Content-Type", ["application", "json; charset=utf-8"].joined(separator: "/")),
                      HeaderField("Content-Length", String(body.utf8.count))],
            body: Array(body.utf8), source: .default, durationMilliseconds: 1
        )
    }

    @Test func aBodyThatGrewIsStoredWithoutItsSpareRoom() {
        var grown = [UInt8](repeating: 0x41, count: 40_000)
        grown.reserveCapacity(80_000)
        var request = exchange()
        request.body = grown
        let stored = store(request)
        #expect(stored.body == grown)
        #expect(stored.body.capacity < 40_000 + 40_000 / 8 + 64)
    }

    func store(_ request: Exchange) -> Exchange {
        let store = CaptureStore()
        return store.exchange(id: store.append(request).id)!
    }

    @Test func equalAnswersAreStoredOnce() {
        let store = CaptureStore()
        for _ in 0..<3 {
            var completed = store.append(exchange())
            completed.response = answer(#"{"ok":true}"#)
            store.update(completed)
        }
        var different = store.append(exchange())
        different.response = answer(#"{"ok":false}"#)
        store.update(different)
        let responses = store.snapshot().map { $0.response! }
        let headerBlocks = responses.map { $0.headers.withUnsafeBufferPointer { $0.baseAddress } }
        let bodyBlocks = responses.map { $0.body.withUnsafeBufferPointer { $0.baseAddress } }
        #expect(headerBlocks[1] == headerBlocks[0] && headerBlocks[2] == headerBlocks[0])
        #expect(bodyBlocks[1] == bodyBlocks[0] && bodyBlocks[2] == bodyBlocks[0])
        #expect(bodyBlocks[3] != bodyBlocks[0])
        #expect(responses[3].body == Array(#"{"ok":false}"#.utf8))
        #expect(responses[0] == answer(#"{"ok":true}"#).withDuration(responses[0].durationMilliseconds))
    }

    @Test func headersRepeatedFromThePreviousRequestAreStoredOnce() {
        let store = CaptureStore()
        func request(_ id: String) -> Exchange {
            var request = exchange()
            // Built at run time, so each request has its own heap strings, as from the network.
            request.headers = [
                HeaderField("User-Agent", ["Sender-Hookshot", "2.0 (+https://sender.example)"].joined(separator: "/")),
                HeaderField(["X-Delivery", "Identifier"].joined(separator: "-"), "delivery-0123456789-" + id),
            ]
            return request
        }
        func block(_ text: String) -> UnsafePointer<UInt8>? { text.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil }
        let ids = ["1", "2", "2"].map { store.append(request($0)).id }
        let stored = ids.map { store.exchange(id: $0)! }
        #expect(stored.map(\.headers) == ["1", "2", "2"].map { request($0).headers })
        #expect(block(stored[0].headers[0].value) != nil)
        #expect(block(stored[1].headers[0].value) == block(stored[0].headers[0].value))
        #expect(block(stored[1].headers[1].name) == block(stored[0].headers[1].name))
        #expect(block(stored[1].headers[1].value) != block(stored[0].headers[1].value))
        let arrays = stored.map { $0.headers.withUnsafeBufferPointer { $0.baseAddress } }
        #expect(arrays[2] == arrays[1] && arrays[1] != arrays[0])
    }

    /// Canonically equivalent text is equal for `String ==` but not the same bytes: each
    /// request must keep its own (é as one scalar, then as e plus a combining accent).
    @Test func sharingIsByBytesNotByCanonicalEquivalence() {
        let store = CaptureStore()
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(composed == decomposed)   // why the store must not use ==
        func request(_ value: String, name: String) -> Exchange {
            Exchange(receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "r", method: "POST", target: "/",
                     headers: [HeaderField(name, value)], body: [],
                     response: ExchangeResponse(status: 200, headers: [HeaderField("X-Name", value)], source: .default, durationMilliseconds: 0))
        }
        let first = store.append(request(composed, name: "X-\u{C5}"))
        let second = store.append(request(decomposed, name: "X-A\u{30A}"))
        #expect(Array(store.exchange(id: first.id)!.headers[0].value.utf8) == Array(composed.utf8))
        #expect(Array(store.exchange(id: second.id)!.headers[0].value.utf8) == Array(decomposed.utf8))
        #expect(Array(store.exchange(id: second.id)!.headers[0].name.utf8) == Array("X-A\u{30A}".utf8))
        #expect(Array(store.exchange(id: second.id)!.response!.headers[0].value.utf8) == Array(decomposed.utf8))
    }

    @Test func releasedBytesAddUpWhatEvictionAndClearingTookOut() {
        let store = CaptureStore(limits: .init(capacity: 2, maxBytes: 1 << 30))
        let costs = (0..<5).map { store.append(exchange(body: 100 * ($0 + 1))).approximateByteCount }
        #expect(store.statistics.releasedBytes == costs[0] + costs[1] + costs[2])
        store.removeAll()
        #expect(store.statistics.releasedBytes == costs.reduce(0, +))
        #expect(store.statistics.bytes == 0)
    }
}

private extension ExchangeResponse {
    func withDuration(_ ms: Double) -> ExchangeResponse {
        var copy = self
        copy.durationMilliseconds = ms
        return copy
    }
}
