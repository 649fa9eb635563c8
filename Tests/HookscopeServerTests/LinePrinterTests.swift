import Foundation
import HookscopeServer
import Synchronization
import Testing
import TestSupport

/// The line printer under a writer that cannot keep up: deferred work beyond the limit is
/// done by the caller, and every line still comes out once, in order.
@Suite(.offThePool) struct LinePrinterTests {
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

    /// Lines written into the printer's own buffer, which it keeps between drains: a long
    /// line, then short ones, then one beyond the limit (rendered by the caller): each comes
    /// out whole, once, in order, and nothing of an earlier line shows in a later one.
    @Test func appendedLinesReuseTheBufferWithoutLeaking() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let printer = LinePrinter(fd: fds[1], batchWindowMicroseconds: 1_000)
        let long = String(repeating: "L", count: 600_000)
        let output = Mutex(Data())
        let done = DispatchSemaphore(value: 0)
        // The pipe holds 64 KB: read while the printer writes.
        let readEnd = fds[0]
        DispatchQueue.global().async {
            let data = FileHandle(fileDescriptor: readEnd).readDataToEndOfFile()
            output.withLock { $0 = data }
            done.signal()
        }
        printer.print(cost: long.utf8.count, appending: { $0.append(contentsOf: long.utf8) })
        printer.flush()
        for index in 0..<3 {
            printer.print(cost: 1, appending: { $0.append(contentsOf: "short \(index)".utf8) })
        }
        printer.flush()
        let half = LinePrinter.maxDeferredCost / 2 + 1
        for index in 0..<3 {
            printer.print(cost: half, appending: { $0.append(contentsOf: "big \(index)".utf8) })
        }
        printer.print("plain")
        printer.flush()
        close(fds[1])
        done.wait()
        let text = String(decoding: output.withLock { $0 }, as: UTF8.self)
        #expect(text == long + "\nshort 0\nshort 1\nshort 2\nbig 0\nbig 1\nbig 2\nplain\n")
    }
}
