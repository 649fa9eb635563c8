import Foundation
import Synchronization

/// A throwaway PostgreSQL server for the store's tests: `initdb` into a temporary
/// directory, listening only on a Unix socket inside it (no TCP port to collide with),
/// stopped when the test process exits. PostgreSQL refuses to run as root, so as root the
/// directory is handed to the `postgres` user and the server runs as that user.
///
/// Without the server binaries every store test fails with a message that says to install
/// `postgresql`: they never pass silently.
public final class PostgresTestServer: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The temporary directory: the cluster in `data/`, the socket and `log` beside it.
    public let directory: String
    public let binaries: String
    private let databaseCounter = Mutex(0)

    /// The user the tests connect as (the cluster's superuser, trusted on the socket).
    public static let user = "hookscope"

    /// One server for the whole test process, started on first use.
    public static func shared() throws -> PostgresTestServer {
        try started.withLock { server in
            if let server { return server }
            let new = try PostgresTestServer()
            server = new
            atexit { PostgresTestServer.stopShared() }
            return new
        }
    }

    private static let started = Mutex<PostgresTestServer?>(nil)

    /// Runs blocking work (initdb, pg_ctl, createdb: each waits for its process) on a
    /// thread of its own. On the test process's cooperative pool (as many threads as
    /// cores: two here) it held every other test's tasks meanwhile, and the store's
    /// database deadlines, whose next step could not run, expired all at once.
    public static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    /// A server of its own, for a test that stops and starts it; `stop()` it at the end.
    public static func dedicated() throws -> PostgresTestServer {
        try PostgresTestServer()
    }

    private static func stopShared() {
        started.withLock { $0?.stop() }
    }

    init() throws {
        guard let binaries = Self.findBinaries() else {
            throw Failure(description: "PostgreSQL's server binaries (initdb, pg_ctl) were not found: install postgresql (apt-get install postgresql) to run the store tests")
        }
        self.binaries = binaries
        // Short: a Unix socket path must stay under ~107 bytes.
        var template = Array("/tmp/hs-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure(description: "cannot create a temporary directory") }
        directory = String(cString: made)
        if getuid() == 0 {
            try Self.run("/bin/chown", ["postgres:postgres", directory])
            try Self.run("/bin/chmod", ["700", directory])
        }
        try runAsServerUser("initdb", ["-D", "\(directory)/data", "-U", Self.user, "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"])
        try runAsServerUser("pg_ctl", ["-D", "\(directory)/data", "-l", "\(directory)/log", "-w", "-t", "60", "start",
                                       "-o", "-c listen_addresses='' -k \(directory) -c fsync=off -c synchronous_commit=off -c max_connections=200"])
    }

    /// A store URL for a new, empty database on this server.
    /// `name`: a database of that name (once per server), else a fresh numbered one.
    public func newDatabase(named name: String? = nil) throws -> String {
        let n = databaseCounter.withLock { value -> Int in
            value += 1
            return value
        }
        let name = name ?? "t\(getpid())_\(n)"
        try runAsServerUser("createdb", ["-h", directory, "-U", Self.user, name])
        return url(database: name)
    }

    /// Every role is trusted on the socket: `user` needs no password.
    public func url(database: String, user: String = PostgresTestServer.user) -> String {
        "postgres://\(user)@localhost/\(database)?host=\(directory)"
    }

    /// Runs SQL with psql (for tests that arrange or inspect the database behind the code).
    @discardableResult
    public func psql(_ database: String, _ sql: String, as user: String = PostgresTestServer.user) throws -> String {
        try runAsServerUser("psql", ["-h", directory, "-U", user, "-d", database, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
    }

    /// Runs a script as `psql DATABASE <<'SQL' … SQL` would: statement by statement, each in
    /// a transaction of its own, stopping at the first error.
    @discardableResult
    public func psqlScript(_ database: String, _ script: String) throws -> String {
        // In the server's directory, which the server's user may read when the tests run as root.
        let path = "\(directory)/script-\(UUID().uuidString).sql"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = chmod(path, 0o644)
        return try runAsServerUser("psql", ["-h", directory, "-U", Self.user, "-d", database, "-X", "-v", "ON_ERROR_STOP=1", "-f", path])
    }

    /// Stops the server (fast: connections are closed) and starts it again, as a restart
    /// in production would.
    public func stopServer() throws {
        try runAsServerUser("pg_ctl", ["-D", "\(directory)/data", "-m", "fast", "-w", "stop"])
    }

    public func startServer() throws {
        try runAsServerUser("pg_ctl", ["-D", "\(directory)/data", "-l", "\(directory)/log", "-w", "-t", "60", "start",
                                       "-o", "-c listen_addresses='' -k \(directory) -c fsync=off -c synchronous_commit=off -c max_connections=200"])
    }

    /// Stops the server at once and removes its directory.
    public func stop() {
        _ = try? runAsServerUser("pg_ctl", ["-D", "\(directory)/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    @discardableResult
    func runAsServerUser(_ tool: String, _ arguments: [String]) throws -> String {
        let path = "\(binaries)/\(tool)"
        if getuid() == 0 {
            return try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", path] + arguments)
        }
        return try Self.run(path, arguments)
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        // pg_ctl leaves a server running: it is started with CleanSpawn (a clean signal
        // mask, nothing of Foundation's inherited) and its output read from a file.
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("hs-pg-run-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let status = try CleanSpawn.run([executable] + arguments, stdoutPath: outputPath, stderrPath: outputPath)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw Failure(description: "\(([executable] + arguments).joined(separator: " ")) failed (\(status)): \(text)")
        }
        return text
    }

    /// The newest installed server's bin directory (Debian: /usr/lib/postgresql/N/bin), or
    /// one on PATH.
    static func findBinaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        where FileManager.default.isExecutableFile(atPath: "\(dir)/initdb") && FileManager.default.isExecutableFile(atPath: "\(dir)/pg_ctl") {
            return String(dir)
        }
        return nil
    }
}
