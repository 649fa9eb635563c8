import Foundation
import HookscopeServer
import Synchronization
import Testing

/// The line printer under a writer that cannot keep up: deferred work beyond the limit is
/// done by the caller, and every line still comes out once, in order.
@Suite struct LinePrinterTests {
    @Test func workBeyondTheLimitIsDoneByTheCallerAndOrderIsKept() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        // A long batch window keeps everything waiting, as a busy writer would.
        let printer = LinePrinter(fd: fds[1], batchWindowMicroseconds: 200_000)
        let caller = pthread_self()
        let renderedHere = Mutex<[Int]>([])
        let half = LinePrinter.maxDeferredCost / 2 + 1
        for index in 0..<4 {
            printer.print(cost: half) {
                if pthread_equal(pthread_self(), caller) != 0 { renderedHere.withLock { $0.append(index) } }
                return "line \(index)"
            }
        }
        printer.print("plain")
        printer.flush()
        close(fds[1])
        let output = String(decoding: FileHandle(fileDescriptor: fds[0]).readDataToEndOfFile(), as: UTF8.self)
        #expect(output == "line 0\nline 1\nline 2\nline 3\nplain\n")
        // The first fits (nothing waits yet); each later one would pass the limit.
        #expect(renderedHere.withLock { $0 } == [1, 2, 3])
    }

    @Test func smallWorkWaitsForTheWriter() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let printer = LinePrinter(fd: fds[1], batchWindowMicroseconds: 50_000)
        let caller = pthread_self()
        let renderedHere = Mutex(0)
        for index in 0..<100 {
            printer.print(cost: 1024) {
                if pthread_equal(pthread_self(), caller) != 0 { renderedHere.withLock { $0 += 1 } }
                return "\(index)"
            }
        }
        printer.flush()
        close(fds[1])
        let output = String(decoding: FileHandle(fileDescriptor: fds[0]).readDataToEndOfFile(), as: UTF8.self)
        #expect(output == (0..<100).map { "\($0)\n" }.joined())
        #expect(renderedHere.withLock { $0 } == 0)
    }
}
