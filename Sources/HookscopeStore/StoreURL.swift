import HookscopeCore

/// Where the shared store lives: `postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=MODE]`.
///
/// `postgresql://` is accepted too, and `?host=/some/dir` names a Unix socket directory
/// instead of a TCP host (as libpq reads it). The password is kept for connecting and never
/// shown: `description` masks it (`postgres://user:***@host:5432/db`).
public struct StoreURL: Sendable, Equatable, CustomStringConvertible {
    public enum SSLMode: String, Sendable, CaseIterable {
        /// No TLS at all.
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// TLS or no connection; the certificate is not checked (as libpq's `require`).
        case require
        /// TLS with a certificate signed by a trusted authority, any host name.
        case verifyCA = "verify-ca"
        /// TLS with a trusted certificate for this host name.
        case verifyFull = "verify-full"
    }

    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode
    /// A directory holding the server's socket (`.s.PGSQL.PORT`), from `?host=/dir`.
    public var socketDirectory: String?

    /// The socket file when connecting through a Unix socket.
    public var socketPath: String? {
        socketDirectory.map { "\($0.hasSuffix("/") ? String($0.dropLast()) : $0)/.s.PGSQL.\(port)" }
    }

    /// Where it connects, for messages: `db.example.com:5432` or the socket path, with
    /// control characters escaped (the host and directory are percent-decoded).
    public var endpoint: String {
        if let socketPath { return Self.shown(socketPath[...]) }
        let shownHost = Self.shown(host[...])
        return "\(host.contains(":") ? "[\(shownHost)]" : shownHost):\(port)"
    }

    public var description: String {
        // Shown in messages and the top bar: decoded parts may hold control characters.
        var text = "postgres://\(Self.shown(user[...]))"
        if password != nil { text += ":***" }
        let shownHost = Self.shown(host[...])
        text += "@\(host.contains(":") ? "[\(shownHost)]" : shownHost):\(port)/\(Self.shown(database[...]))"
        var query: [String] = []
        if let socketDirectory { query.append("host=\(Self.shown(socketDirectory[...]))") }
        if sslMode != .prefer { query.append("sslmode=\(sslMode.rawValue)") }
        if !query.isEmpty { text += "?" + query.joined(separator: "&") }
        return text
    }

    public init(user: String, password: String? = nil, host: String = "localhost", port: Int = 5432,
                database: String, sslMode: SSLMode = .prefer, socketDirectory: String? = nil) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.sslMode = sslMode
        self.socketDirectory = socketDirectory
    }

    /// Reads a store URL; the failure's message never contains the password.
    public init(parsing text: String) throws {
        let schemes = ["postgres://", "postgresql://"]
        guard let scheme = schemes.first(where: { text.hasPrefix($0) }) else {
            throw Failure(description: "a store URL starts with postgres://, e.g. postgres://user:password@localhost:5432/hookscope")
        }
        var rest = Substring(text.dropFirst(scheme.count))
        var queryText: Substring = ""
        if let q = rest.firstIndex(of: "?") {
            queryText = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        guard let slash = rest.firstIndex(of: "/") else {
            throw Failure(description: "the store URL names no database: add /DATABASE after the host")
        }
        let authority = rest[..<slash]
        let databaseText = rest[rest.index(after: slash)...]
        // The last @ separates the user part: a password may contain @ only percent-encoded,
        // but be lenient with a raw one.
        guard let at = authority.lastIndex(of: "@") else {
            throw Failure(description: "the store URL names no user: postgres://USER[:PASSWORD]@HOST/DATABASE")
        }
        let userInfo = authority[..<at]
        let hostPort = authority[authority.index(after: at)...]
        if let colon = userInfo.firstIndex(of: ":") {
            user = try Self.decode(userInfo[..<colon], part: "user")
            password = try Self.decode(userInfo[userInfo.index(after: colon)...], part: "password")
        } else {
            user = try Self.decode(userInfo, part: "user")
            password = nil
        }
        guard !user.isEmpty else { throw Failure(description: "the store URL names no user") }
        (host, port) = try Self.hostAndPort(hostPort)
        database = try Self.decode(databaseText, part: "database")
        guard !database.isEmpty else { throw Failure(description: "the store URL names no database: add /DATABASE after the host") }
        sslMode = .prefer
        socketDirectory = nil
        for pair in queryText.split(separator: "&") where !pair.isEmpty {
            // `?=`, `?=x` and `?sslmode` are all a parameter without a name or a value.
            guard let equals = pair.firstIndex(of: "="), equals > pair.startIndex else {
                throw Failure(description: "the store URL's query needs NAME=VALUE pairs, got '\(Self.shown(pair))'")
            }
            let key = String(pair[..<equals])
            let value = try Self.decode(pair[pair.index(after: equals)...], part: "parameter \(Self.shown(key[...]))")
            switch key {
            case "sslmode":
                guard let mode = SSLMode(rawValue: value) else {
                    throw Failure(description: "sslmode must be one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", ")), got '\(Self.shown(value[...]))'")
                }
                sslMode = mode
            case "host":
                guard value.hasPrefix("/") else { throw Failure(description: "host= in the query names a socket directory and starts with /") }
                socketDirectory = value
            default:
                throw Failure(description: "the store URL has an unknown parameter '\(Self.shown(key[...]))' (known: sslmode, host)")
            }
        }
    }

    private static func hostAndPort(_ text: Substring) throws -> (String, Int) {
        var hostText = text
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw Failure(description: "the store URL's IPv6 host lacks its ]") }
            hostText = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw Failure(description: "the store URL has something after its IPv6 host")
            }
        } else if let colon = text.lastIndex(of: ":") {
            hostText = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        var port = 5432
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw Failure(description: "the store URL's port must be a number from 1 to 65535, got '\(shown(portText))'")
            }
            port = value
        }
        let host = try decode(hostText, part: "host")
        return (host.isEmpty ? "localhost" : host, port)
    }

    /// Percent-decoding; a bad escape is an error that names the part, never its value.
    private static func decode(_ text: Substring, part: String) throws -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var i = text.utf8.startIndex
        let utf8 = text.utf8
        while i < utf8.endIndex {
            let byte = utf8[i]
            if byte == UInt8(ascii: "%") {
                let h = utf8.index(i, offsetBy: 1, limitedBy: utf8.endIndex)
                let l = h.flatMap { utf8.index($0, offsetBy: 1, limitedBy: utf8.endIndex) }
                guard let h, let l, l < utf8.endIndex, let high = hexValue(utf8[h]), let low = hexValue(utf8[l]) else {
                    throw Failure(description: "the store URL's \(part) has a bad %-escape")
                }
                bytes.append(high << 4 | low)
                i = utf8.index(after: l)
            } else {
                bytes.append(byte)
                i = utf8.index(after: i)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw Failure(description: "the store URL's \(part) is not UTF-8 once decoded")
        }
        return decoded
    }

    /// A piece of the URL quoted in a message: control characters escaped, so a message
    /// is always one line and never drives the terminal. Never used for the password.
    private static func shown(_ text: Substring) -> String {
        TerminalSafeText.string(String(text))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
