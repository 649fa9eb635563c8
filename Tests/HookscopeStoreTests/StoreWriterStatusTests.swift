import HookscopeStore
import Testing

/// The store's lines count in words: `1 write`, never `1 writes`.
@Suite struct StoreWriterStatusTests {
    @Test func theFinalLineCountsInWords() {
        let one = StoreWriter.Status(connected: true, waiting: 0, lost: 0, written: 1)
        #expect(one.finalLine(patience: .seconds(10)) == "store: 1 write stored")
        #expect(one.missingSummary == nil)
        let some = StoreWriter.Status(connected: false, waiting: 2, lost: 3, written: 0, reason: "the server closed the connection")
        #expect(some.finalLine(patience: .seconds(10))
            == "store: 0 writes stored, 2 not written (gave up after 10 s without progress: the server closed the connection), 3 lost (--store-queue was full)")
        #expect(some.missingSummary == "5 writes missing from the store (2 not written, 3 lost)")
        let single = StoreWriter.Status(connected: true, waiting: 1, lost: 0, written: 7)
        #expect(single.missingSummary == "1 write missing from the store (1 not written, 0 lost)")
    }
}
