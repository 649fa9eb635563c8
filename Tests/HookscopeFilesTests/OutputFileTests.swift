import Foundation
import Synchronization
import Testing
@testable import HookscopeFiles

/// Issue #12, point 2: every kind of path an export, `w`, `x` or the editor may be given.
/// A class, so each test's temporary directory goes in `deinit`.
@Suite final class OutputFileTests {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-output-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func kind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    @Test func aNewFileIsCreatedAndAnExistingOneReplacedKeepingItsPermissions() throws {
        let path = directory + "/out.har"
        try OutputFile.write(Array("one".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one")
        chmod(path, 0o640)
        try OutputFile.write(Array("two".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        var info = stat()
        stat(path, &info)
        #expect(info.st_mode & 0o777 == 0o640)
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.har"])
    }

    @Test func aSymbolicLinkStaysALinkAndItsTargetGetsTheBytes() throws {
        let real = directory + "/real.har", link = directory + "/link.har"
        try OutputFile.write(Array("old".utf8), to: real)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.har")
        try OutputFile.write(Array("new".utf8), to: link)
        #expect(kind(link) == S_IFLNK)
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "new")
        // A dangling link creates its target.
        let dangling = directory + "/dangling.har"
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: directory + "/made.har")
        try OutputFile.write(Array("made".utf8), to: dangling)
        #expect(kind(dangling) == S_IFLNK)
        #expect(try String(contentsOfFile: directory + "/made.har", encoding: .utf8) == "made")
    }

    @Test func aFIFOIsWrittenInPlace() throws {
        let fifo = directory + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = FIFOReader(path: fifo)
        defer { received.release() }
        try OutputFile.write(Array("through the pipe".utf8), to: fifo)
        #expect(try received.wait() == "through the pipe")
        #expect(kind(fifo) == S_IFIFO)
    }

    /// F12: the terminal UI must not wait for a reader; with one, the bytes go through.
    @Test func withoutWaitingAFIFONobodyReadsIsRefusedAtOnce() throws {
        let fifo = directory + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: OutputFile.Failure(path: fifo, reason: "nobody is reading it (a FIFO: start the reader first)")) {
            try OutputFile.write(Array("x".utf8), to: fifo, waitForReader: false)
        }
        #expect(kind(fifo) == S_IFIFO)
        let received = FIFOReader(path: fifo)
        defer { received.release() }
        // The reader's open may come a moment after the thread starts: poll, with a limit.
        let limit = Date().addingTimeInterval(10)
        var sent = false
        while !sent, Date() < limit {
            do {
                try OutputFile.write(Array(repeating: UInt8(ascii: "a"), count: 200_000), to: fifo, waitForReader: false)
                sent = true
            } catch let failure as OutputFile.Failure where failure.reason.hasPrefix("nobody is reading") {
                usleep(10_000)
            }
        }
        #expect(sent)
        // More than a pipe's buffer: the write went on at the reader's pace, not EAGAIN.
        #expect(try received.wait().utf8.count == 200_000)
    }

    /// F13: /dev/full itself needs no root: written in place, the error says so, and the
    /// device stays a device.
    @Test func theFullDeviceIsAnErrorWithThePathAndTheReason() throws {
        #expect(throws: OutputFile.Failure(path: "/dev/full", reason: "No space left on device")) {
            try OutputFile.write(Array("x".utf8), to: "/dev/full")
        }
        #expect(kind("/dev/full") == S_IFCHR)
    }

    /// mknod needs root: skipped (not failed) without it (F13).
    @Test(.enabled(if: getuid() == 0, "mknod needs root"))
    func aFullDeviceIsAnErrorWithThePathAndTheReasonAndStaysADevice() throws {
        // A private node for /dev/full's device (1, 7): before the fix it was replaced.
        let full = directory + "/full"
        try #require(mknod(full, S_IFCHR | 0o600, dev_t((1 << 8) | 7)) == 0)
        #expect(throws: OutputFile.Failure(path: full, reason: "No space left on device")) {
            try OutputFile.write(Array("x".utf8), to: full)
        }
        #expect(kind(full) == S_IFCHR)
    }

    @Test func aDirectoryOrAMissingFolderIsAnErrorThatSaysSo() {
        #expect(throws: OutputFile.Failure(path: directory, reason: "it is a directory")) {
            try OutputFile.write([1], to: directory)
        }
        #expect(throws: OutputFile.Failure(path: directory + "/no/such.har", reason: "No such file or directory")) {
            try OutputFile.write([1], to: directory + "/no/such.har")
        }
    }
}

/// Reads a FIFO to its end on a thread of its own and hands the text over.
final class FIFOReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var text = ""
    private let path: String
    private let finished = Atomic<Bool>(false)

    init(path: String) {
        self.path = path
        // Plain blocking POSIX reads: Foundation's contents(atPath:) does not wait for a
        // FIFO's writer.
        Thread {
            var bytes: [UInt8] = []
            let fd = open(path, O_RDONLY)
            var chunk = [UInt8](repeating: 0, count: 4096)
            while fd >= 0 {
                let n = read(fd, &chunk, chunk.count)
                if n <= 0 { break }
                bytes += chunk[..<n]
            }
            if fd >= 0 { close(fd) }
            self.text = String(decoding: bytes, as: UTF8.self)
            self.finished.store(true, ordering: .sequentiallyConsistent)
            self.done.signal()
        }.start()
    }

    func wait() throws -> String {
        guard done.wait(timeout: .now() + 10) == .success else { throw CancellationError() }
        return text
    }

    /// Ends the thread when no writer came (a write that failed before opening the FIFO):
    /// a writer that opens and closes at once lets its blocked `open` return, then EOF.
    func release() {
        let limit = Date().addingTimeInterval(10)
        while !finished.load(ordering: .sequentiallyConsistent), Date() < limit {
            let fd = open(path, O_WRONLY | O_NONBLOCK)   // ENXIO until the thread is in its open
            if fd >= 0 { close(fd) }
            usleep(10_000)
        }
    }
}
