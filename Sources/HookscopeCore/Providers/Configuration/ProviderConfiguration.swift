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

    /// A problem in the file, with where it is: `providers.acme.signature.encoding: ...`.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        init(_ path: String, _ message: String) { description = path.isEmpty ? message : "\(path): \(message)" }
    }

    public init() {}

    public init(yaml text: String, origin: String = "config") throws {
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: text)
        } catch {
            throw Problem("", "not valid YAML (\(String(describing: error).prefix(200)))")
        }
        guard let loaded else { return }                     // an empty file configures nothing
        let root = try ConfigNode(loaded, path: "").map()
        try root.allowOnly(["tolerance", "secrets", "routes", "providers", "respond", "rules", "store"])
        toleranceSeconds = try root["tolerance"]?.int()
        respond = try root["respond"]?.string()
        rules = try root["rules"]?.strings() ?? []
        store = try root["store"]?.string()
        if let secrets = try root["secrets"]?.map() {
            for (name, node) in secrets.sortedEntries {
                try ProviderSettings.checkName(name, in: node.path, problem: Problem.init)
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
                try ProviderSettings.checkName(name, in: node.path, problem: Problem.init)
                profiles.append(try ProviderConfiguration.profile(named: name.lowercased(), from: node.map(), siblings: providers))
            }
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
    public mutating func apply(_ configuration: ProviderConfiguration) throws {
        addProfiles(configuration.profiles)
        for secret in configuration.secrets { secrets.add(secret) }
        pins.paths += configuration.routes
        if toleranceOverride == nil, let seconds = configuration.toleranceSeconds {
            try setTolerance(seconds: seconds, origin: "config file")
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
