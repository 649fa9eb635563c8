import Yams

/// The config file: secrets, route pins, a tolerance, user-defined providers, and how to
/// answer.
///
/// ```yaml
/// respond: 500x3,200                      # as --respond
/// store: postgres://me@db.internal/hooks   # as --store (the password: better in HOOKSCOPE_STORE)
/// rules:                                  # as --rule, checked in order
///   - provider=teamwork -> 500
/// tolerance: 300
/// secrets:
///   teamwork: bea1ffc4e56d5056b6e0c7ee24b47b5
///   github: [old-secret, new-secret]      # rotation: all are tried
/// routes:
///   /hooks/tw: teamwork
///   /gh/*: github
/// providers:
///   acme:
///     name: Acme
///     recognise: { headers: [X-Acme-Signature], payload: [id, kind] }
///     signature:
///       header: X-Acme-Signature
///       prefix: "sha256="                # or list: {timestamp: t, signature: v1} / versioned: v1
///       message: "{timestamp}.{body}"
///       encoding: hex                    # or base64
///       secret_encoding: raw             # or base64, or base64:whsec_
///       timestamp_header: X-Acme-Timestamp
///       tolerance: 600
///     event: header:X-Acme-Event
///     delivery_id: body:id
/// ```
public struct ProviderConfiguration: Sendable, Equatable {
    public var secrets: [ProviderSecret] = []
    public var routes: [(path: String, provider: String)] = []
    public var toleranceSeconds: Int?
    public var profiles: [ProviderProfile] = []
    /// How to answer (`respond: 500x3,200`), in the language of `--respond`; checked by
    /// the listen command, which owns answers.
    public var respond: String?
    /// Answer rules (`rules: ["provider=teamwork -> 500"]`), in the language of `--rule`.
    public var rules: [String] = []
    /// The shared store (`store: postgres://...`), as `--store`; read by the listen command.
    public var store: String?

    /// Where each key is, for errors found after parsing (`problem(at:_:)`).
    var lines = ConfigLines()

    /// A problem in the file, with where it is: the key path and its line,
    /// `line 7: providers.acme.signature.encoding: expected hex, base64 or base64url`.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// The key's dotted path (`rules[1]`), empty for the file as a whole.
        public var path: String
        public var message: String
        /// The line the key starts on, when known.
        public var line: Int?

        init(_ path: String, _ message: String, line: Int? = nil) {
            self.path = path
            self.message = message
            self.line = line
        }

        public var description: String {
            [line.map { "line \($0)" }, path.isEmpty ? nil : path, message].compactMap { $0 }.joined(separator: ": ")
        }

        /// `config.yaml:7: providers.acme.signature.encoding: expected hex, base64 or base64url`,
        /// as compilers write it, so an editor can jump there.
        public func located(in file: String) -> String {
            "\(file)\(line.map { ":\($0)" } ?? ""): " + [path.isEmpty ? nil : path, message].compactMap { $0 }.joined(separator: ": ")
        }
    }

    /// The file it was read from, set by whoever read it, for `located(_:_:)`.
    public var file: String?

    /// A problem with the value at `path` found after parsing (an answer rule, the store
    /// URL, a provider name), with its line.
    public func problem(at path: String, _ message: String) -> Problem {
        Problem(path, message, line: lines.line(of: path))
    }

    /// `config.yaml:3: respond: MESSAGE`, for a problem the command finds in a value of
    /// the file (answers, the store URL).
    public func located(_ path: String, _ message: String) -> String {
        problem(at: path, message).located(in: file ?? "config file")
    }

    public init() {}

    public init(yaml text: String, origin: String = "config") throws {
        lines = ConfigLines(yaml: text)
        do {
            try parse(yaml: text, origin: origin)
        } catch var problem as Problem {
            if problem.line == nil { problem.line = lines.line(of: problem.path) }
            throw problem
        }
    }

    private mutating func parse(yaml text: String, origin: String) throws {
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: text)
        } catch let error as YamlError {
            throw Problem("", "not valid YAML (\(Self.words(error).prefix(200)))", line: Self.line(of: error))
        } catch {
            throw Problem("", "not valid YAML (\(String(describing: error).prefix(200)))")
        }
        guard let loaded else { return }                     // an empty file configures nothing
        let root = try ConfigNode(loaded, path: "").map()
        try root.allowOnly(["tolerance", "secrets", "routes", "providers", "respond", "rules", "store"])
        toleranceSeconds = try root["tolerance"]?.int()
        if let seconds = toleranceSeconds, seconds < 0 { throw Problem("tolerance", "must not be negative") }
        respond = try root["respond"]?.string()
        rules = try root["rules"]?.strings() ?? []
        store = try root["store"]?.string()
        if let secrets = try root["secrets"]?.map() {
            for (name, node) in secrets.sortedEntries {
                try ProviderSettings.checkName(name, in: node.path, problem: { Problem($0, $1) })
                for value in try node.strings() where !value.isEmpty {
                    self.secrets.append(ProviderSecret(provider: name, value: value, origin: origin))
                }
            }
        }
        if let routes = try root["routes"]?.map() {
            for (path, node) in routes.sortedEntries {
                guard path.hasPrefix("/") else { throw Problem(node.path, "a route is a path starting with /") }
                self.routes.append((path, try node.string().lowercased()))
            }
        }
        if let providers = try root["providers"]?.map() {
            for (name, node) in providers.sortedEntries {
                try ProviderSettings.checkName(name, in: node.path, problem: { Problem($0, $1) })
                profiles.append(try ProviderConfiguration.profile(named: name.lowercased(), from: node.map(), siblings: providers))
            }
        }
    }

    /// Yams' own words for a syntax error, without its copy of the line.
    private static func words(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        default:
            return String(describing: error)
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    public static func == (lhs: ProviderConfiguration, rhs: ProviderConfiguration) -> Bool {
        lhs.secrets == rhs.secrets && lhs.toleranceSeconds == rhs.toleranceSeconds && lhs.profiles == rhs.profiles
            && lhs.respond == rhs.respond && lhs.rules == rhs.rules && lhs.store == rhs.store
            && lhs.routes.count == rhs.routes.count
            && zip(lhs.routes, rhs.routes).allSatisfy { $0.path == $1.path && $0.provider == $1.provider }
    }
}

extension ProviderSettings {
    /// Adds what a config file says, after anything given on the command line or in the
    /// environment (so those come first in rotation order and `--tolerance` wins).
    /// - Throws: `ProviderConfiguration.Problem` (with its line) for a secret or route that
    ///   names no provider (`ProviderNames.problem`).
    public mutating func apply(_ configuration: ProviderConfiguration) throws {
        addProfiles(configuration.profiles)
        for secret in configuration.secrets { secrets.add(secret) }
        pins.paths += configuration.routes
        if toleranceOverride == nil, let seconds = configuration.toleranceSeconds {
            toleranceOverride = TimestampTolerance(seconds: seconds, origin: "config file")
        }
        let names = self.names
        for secret in configuration.secrets {
            if let problem = names.problem(with: secret.provider, hasSecrets: true, needsProfile: false) {
                throw configuration.problem(at: "secrets.\(secret.provider)", problem)
            }
        }
        for route in configuration.routes {
            if let problem = names.problem(with: route.provider, hasSecrets: !secrets.secrets(for: route.provider).isEmpty, needsProfile: false) {
                throw configuration.problem(at: "routes.\(route.path)", problem)
            }
        }
    }

    static func checkName<E: Error>(_ name: String, in path: String, problem: (String, String) -> E) throws {
        do {
            try checkName(name, in: path)
        } catch {
            throw problem(path, "'\(TerminalSafeText.string(name))' is not a provider name (letters, digits, - _ .)")
        }
    }
}
