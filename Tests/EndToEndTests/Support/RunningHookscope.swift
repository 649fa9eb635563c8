import Foundation

/// The real `hookscope` binary running as a child process with its output captured;
/// started on port 0 and told apart by the port it reports.
final class RunningHookscope: @unchecked Sendable {
    let process = Process()
    let stdoutPath: String
    let stderrPath: String
    private(set) var port = 0

    var url: String { "http://127.0.0.1:\(port)" }

    /// Starts `hookscope listen --port 0 <arguments>` and waits for its banner.
    convenience init(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60,
                     file: StaticString = #fileID, line: UInt = #line) throws {
        try self.init(command: ["listen", "--port", "0"] + arguments, environment: environment, timeout: timeout, listens: true,
                      file: file, line: line)
    }

    /// Starts `hookscope attach <arguments>` and waits until it says it is attached.
    convenience init(attach arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60,
                     file: StaticString = #fileID, line: UInt = #line) throws {
        try self.init(command: ["attach"] + arguments, environment: environment, timeout: timeout, listens: false,
                      file: file, line: line)
    }

    /// `file`, `line`: the caller's place, which a start that times out names.
    private init(command: [String], environment: [String: String], timeout: TimeInterval, listens: Bool,
                 file: StaticString, line: UInt) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hookscope-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        stdoutPath = dir.appendingPathComponent("stdout").path
        stderrPath = dir.appendingPathComponent("stderr").path
        FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: HookscopeBinary.path)
        process.arguments = command
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardInput = FileHandle.nullDevice
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        try process.run()
        guard listens else {
            let stderrPath = self.stderrPath
            _ = try Poll.until(timeout: timeout, file: file, line: line) { () -> Bool? in
                ((try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "").contains("attached to ") ? true : nil
            }
            return
        }
        let found = try Poll.until(timeout: timeout, file: file, line: line) { () -> Int? in
            guard let text = try? String(contentsOfFile: stderrPath, encoding: .utf8),
                  let range = text.range(of: #"listening on https?://[^\s]+:(\d+)"#, options: .regularExpression)
            else { return nil }
            return Int(text[range].split(separator: ":").last ?? "")
        }
        port = found
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Sends a signal and waits for the process to exit; returns its exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM, timeout: TimeInterval = 60, file: StaticString = #fileID, line: UInt = #line) throws -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        let pid = process.processIdentifier
        return try Poll.until(timeout: timeout, file: file, line: line) { () -> Int32? in
            if !self.process.isRunning { return self.process.terminationStatus }
            // Exited but not yet reaped by Foundation (its monitor can lag in a loaded full
            // run, where hookscope had long exited): the kernel's record says how it ended.
            return Self.exitOfZombie(pid)
        }
    }

    /// How a child that has exited but is not reaped yet ended, as `terminationStatus`
    /// gives it (the exit code, or the signal that ended it); nil while it runs.
    static func exitOfZombie(_ pid: Int32) -> Int32? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command's closing parenthesis: state is field 3, exit_code 52.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.first == "Z", let raw = Int32(fields.last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") else { return nil }
        let signal = raw & 0x7F
        return signal == 0 ? (raw >> 8) & 0xFF : signal
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

struct PollTimeout: Error, CustomStringConvertible {
    var description: String
}

/// Polls a condition until it yields a value or the timeout passes; never sleep-and-hope.
enum Poll {
    /// The timeout names the poll's place (`file`:`line`): a full run's log says which of a
    /// test's waits ran out.
    static func until<T>(timeout: TimeInterval, interval: TimeInterval = 0.02, file: StaticString = #fileID, line: UInt = #line,
                         _ check: () throws -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let value = try check() { return value }
            if Date() > deadline { throw PollTimeout(description: "condition at \(file):\(line) not met within \(timeout) s") }
            Thread.sleep(forTimeInterval: interval)
        }
    }
}
