import HookscopeStore
import Testing

@Suite struct StoreRetentionTests {
    @Test func agesAndCounts() throws {
        #expect(try StoreRetention(parsing: "7d") == .age(seconds: 7 * 86_400))
        #expect(try StoreRetention(parsing: "12h") == .age(seconds: 12 * 3_600))
        #expect(try StoreRetention(parsing: "30m") == .age(seconds: 1_800))
        #expect(try StoreRetention(parsing: "90s") == .age(seconds: 90))
        #expect(try StoreRetention(parsing: "100000") == .count(100_000))
        #expect(StoreRetention.age(seconds: 7 * 86_400).description == "7d")
    }

    @Test(arguments: ["", "0", "-3", "7x", "d", "1.5h", "0d"])
    func nonsenseIsRefused(text: String) {
        #expect(throws: StoreRetention.Failure.self) { try StoreRetention(parsing: text) }
    }

    @Test func sinceReadsAnIdOrAnAge() throws {
        #expect(try StoreReader.Start(since: "1200") == .id(1200))
        #expect(try StoreReader.Start(since: "2h") == .age(seconds: 7200))
    }
}
