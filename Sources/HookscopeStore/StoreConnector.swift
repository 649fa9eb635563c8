import Foundation
import HookscopeCore
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// Opens connections to the store a `StoreURL` names, with its TLS mode, and says why one
/// failed in words (postgres-nio's errors print nothing useful on purpose).
public struct StoreConnector: Sendable {
    public let url: StoreURL
    /// Who this session is for the other hookscopes on the store (`StorePresence`), sent as
    /// its `application_name`; nil: the driver's default.
    public private(set) var applicationName: String?
    /// postgres-nio's log goes nowhere: hookscope reports store trouble itself.
    let logger = Logger(label: "hookscope.store", factory: { _ in SwiftLogNoOpLogHandler() })

    public init(url: StoreURL) {
        self.url = url
    }

    /// The same store, its sessions named `name` (see `StorePresence`).
    public func named(_ name: String) -> StoreConnector {
        var named = self
        named.applicationName = name
        return named
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        /// The cause alone, for a line that already says what failed: an attached client's
        /// `store: reconnecting (Connection refused)`, not `(cannot reach the store at …: …)`.
        var cause: String?
    }

    /// What every session of hookscope's asks of the server (issue #16, docs/benchmarks.md):
    ///
    /// - No parallel workers. Every statement of the store reads a few rows by an index,
    ///   and a parallel plan costs the launch of worker processes each time. The planner
    ///   picked one for the attached readers' `change > $1` while the exchanges had no
    ///   statistics yet (a store's first minute, before autovacuum's first ANALYZE): two
    ///   workers launched for every read of a few rows, 12 ms a read at c=16.
    /// - A plan for each execution's own values, for the statements prepared once per
    ///   connection (the tunnel's and the writer's): PostgreSQL otherwise keeps a generic
    ///   plan after five executions, and one made while a table was a page or two, in a
    ///   store's first seconds, is a sequential scan it kept as the table grew (measured:
    ///   3 300 blocks a statement for the forwarder's answers, 6 600 for the relay's, where
    ///   the index takes 20 to 80). A prepared statement still saves the parsing.
    static let everySession = [("max_parallel_workers_per_gather", "0"), ("plan_cache_mode", "force_custom_plan")]

    /// `settings`: server parameters for the session, sent in the startup packet (no round
    /// trip of their own), e.g. the writer's timeouts.
    public func connect(timeout: TimeAmount = .seconds(5), settings: [(String, String)] = []) async throws -> PostgresConnection {
        var configuration: PostgresConnection.Configuration
        if let socketPath = url.socketPath {
            configuration = .init(unixSocketPath: socketPath, username: url.user, password: url.password, database: url.database)
        } else {
            configuration = .init(host: url.host, port: url.port, username: url.user, password: url.password,
                                  database: url.database, tls: try tls())
        }
        configuration.options.connectTimeout = timeout
        configuration.options.additionalStartupParameters = Self.everySession + settings
            + (applicationName.map { [("application_name", $0)] } ?? [])
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            let cause = Self.reason(error)
            throw Failure(description: "cannot reach the store at \(url.endpoint): \(cause)", cause: cause)
        }
    }

    private func tls() throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch url.sslMode {
        case .disable: return .disable
        case .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: break
        }
        let context = try NIOSSLContext(configuration: tls)
        return url.sslMode == .prefer ? .prefer(context) : .require(context)
    }

    /// Closes a connection without waiting: closing one the server dropped mid-query may
    /// not finish either.
    static func abandon(_ connection: PostgresConnection) {
        Task { try? await connection.close() }
    }

    /// The server answered the statement with an error (a permission, a constraint, a
    /// timeout it enforced), as opposed to a connection that was lost: the connection
    /// still works, and the same statement at once would fail the same way.
    /// Not one that ends the session (FATAL or PANIC: a shutdown, a crash, a terminated
    /// backend), which arrives before the connection is seen closed.
    static func isRefusal(_ error: any Error) -> Bool {
        guard let psql = innermost(error) as? PSQLError, psql.code == .server else { return false }
        let severity = psql.serverInfo?[.severity] ?? ""
        return severity != "FATAL" && severity != "PANIC"
    }

    /// The error a transaction wrapper carries: the statement's, or the commit's.
    static func innermost(_ error: any Error) -> any Error {
        guard let transaction = error as? PostgresTransactionError else { return error }
        return transaction.closureError ?? transaction.commitError ?? transaction.beginError ?? transaction.rollbackError ?? error
    }

    /// `reason`, without the words a failure to connect puts before it.
    public static func cause(_ error: any Error) -> String {
        (innermost(error) as? Failure)?.cause ?? reason(error)
    }

    /// The server's message, or the cause underneath, in one line.
    public static func reason(_ error: any Error) -> String {
        let error = innermost(error)
        if let failure = error as? Failure { return failure.description }
        if let psql = error as? PSQLError {
            // The server's words may quote what the user typed (a database name): one safe line.
            if let message = psql.serverInfo?[.message] { return TerminalSafeText.string(message) }
            if let underlying = psql.underlying { return reason(underlying) }
            switch psql.code {
            case .serverClosedConnection: return "the server closed the connection"
            case .clientClosedConnection: return "the connection was closed"
            case .sslUnsupported: return "the server does not offer TLS (sslmode asks for it)"
            default: return "\(psql.code)"
            }
        }
        // NIO's connect error lists each address it tried (localhost is ::1 and 127.0.0.1)
        // in its own terms: 'Connection errors: SingleConnectionFailure(target: [IPv4]…'.
        // The system's words for each, once.
        if let connect = error as? NIOConnectionError {
            if let lookup = connect.dnsAError ?? connect.dnsAAAAError { return reason(lookup) }
            var reasons: [String] = []
            for failure in connect.connectionErrors where !reasons.contains(reason(failure.error)) {
                reasons.append(reason(failure.error))
            }
            if !reasons.isEmpty { return reasons.joined(separator: "; ") }
        }
        if let unknown = error as? SocketAddressError.UnknownHost { return "no such host (\(unknown.errorDescription))" }
        // The system's words alone: IOError's description names NIO's call and may end
        // in a line break.
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        // NIO-SSL's descriptions carry BoringSSL's source paths: only their words go on.
        if let ssl = error as? NIOSSLError { return "TLS: " + TLSErrorText.describe("\(ssl)") }
        return TLSErrorText.withoutSourceLocations("\(error)")
    }
}
