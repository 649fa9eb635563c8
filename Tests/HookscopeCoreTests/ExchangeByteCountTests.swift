#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import HookscopeCore

/// The store's byte budget counts what exchanges cost malloc, and an exchange's inline slot
/// stays small (the rare parts live behind one reference).
@Suite struct ExchangeByteCountTests {
    /// glibc's `malloc_usable_size` (not in Swift's Glibc module): the block minus its header.
    static func usableSize(_ pointer: UnsafeRawPointer) -> Int {
        typealias UsableSize = @convention(c) (UnsafeRawPointer) -> Int
        let symbol = dlsym(nil, "malloc_usable_size")!
        return unsafeBitCast(symbol, to: UsableSize.self)(pointer)
    }

    @Test(arguments: [1, 15, 16, 100, 1000, 1024, 4096, 65_536, 200_000, 1_048_576])
    func arrayBlocksAreCountedAsMallocSizesThem(count: Int) {
        let bytes = [UInt8](repeating: 7, count: count)
        // An array is one reference to its heap block.
        let block = unsafeBitCast(bytes, to: UnsafeRawPointer.self)
        let usable = Self.usableSize(block)
        let counted = HeapCost.of(bytes)
        // A heap block is its usable size plus an 8-byte header; an mmapped one, 16 bytes
        // of header and the rest of its last page. Counted never below what malloc gave.
        #expect(counted >= usable + 8)
        #expect(counted <= usable + 16 + 4096)
        if usable < 128 * 1024 { #expect(counted == usable + 8) }
    }

    @Test func shortStringsCostNothingAndLongOnesTheirBlock() {
        #expect(HeapCost.of("application/js") == 0)
        #expect(HeapCost.of(String?.none) == 0)
        let long = String(repeating: "x", count: 100)
        #expect(HeapCost.of(long) == HeapCost.block(32 + 101))
    }

    @Test func aBodyIsCountedByItsCapacityNotItsCount() {
        var roomy = [UInt8](repeating: 1, count: 1000)
        roomy.reserveCapacity(64 * 1024)
        let exact = Exchange(receivedAt: .now(), remote: "", method: "POST", target: "/", headers: [], body: [UInt8](repeating: 1, count: 1000))
        var spacious = exact
        spacious.body = roomy
        #expect(spacious.approximateByteCount - exact.approximateByteCount >= 60 * 1024)
    }

    @Test func theSlotStaysSmall() {
        // Each stored exchange carries this inline, full or not; the rarely used parts
        // (version other than 1.1, rejection, upstream, replay) are behind one reference.
        // 304 since the verdict stopped keeping its header and scheme twice and the
        // response's and the verdict's one-byte fields fill padding (#18; 352 before).
        #expect(MemoryLayout<Exchange>.size <= 304)
        #expect(MemoryLayout<Exchange?>.stride <= 304)
    }

    @Test func rarePartsReadBackAndLeaveNoBoxWhenCleared() {
        var exchange = Exchange(receivedAt: .now(), remote: "", method: "GET", target: "/", headers: [], body: [])
        #expect(exchange.httpVersion == "HTTP/1.1")
        #expect(exchange.rareBox == nil)
        exchange.httpVersion = "HTTP/1.0"
        exchange.rejection = "too slow"
        exchange.replayOf = 7
        exchange.upstream = UpstreamResponse(url: "http://app", status: 201, durationMilliseconds: 1)
        exchange.upstream?.body = [1, 2]
        #expect(exchange.httpVersion == "HTTP/1.0")
        #expect(exchange.rejection == "too slow")
        #expect(exchange.replayOf == 7)
        #expect(exchange.upstream?.body == [1, 2])
        var copy = exchange
        copy.replayOf = 8
        #expect(exchange.replayOf == 7, "a copy's change does not reach the original")
        copy.replayOf = 7
        #expect(copy == exchange)
        exchange.httpVersion = "HTTP/1.1"
        exchange.rejection = nil
        exchange.replayOf = nil
        exchange.upstream = nil
        #expect(exchange.rareBox == nil)
    }
}
