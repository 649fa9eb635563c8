/// A value from the config file with its path, so every error says where it is.
struct ConfigNode {
    let value: Any
    let path: String

    init(_ value: Any, path: String) {
        self.value = value
        self.path = path
    }

    typealias Problem = ProviderConfiguration.Problem

    func map() throws -> ConfigMap {
        guard let dictionary = value as? [AnyHashable: Any] else { throw Problem(path, "expected a mapping") }
        var entries: [String: ConfigNode] = [:]
        for (key, value) in dictionary {
            let name = "\(key)"
            entries[name] = ConfigNode(value, path: path.isEmpty ? name : "\(path).\(name)")
        }
        return ConfigMap(entries: entries, path: path)
    }

    func string() throws -> String {
        switch value {
        case let text as String: return text
        case let number as Int: return String(number)
        default: throw Problem(path, "expected text")
        }
    }

    func int() throws -> Int {
        if let number = value as? Int { return number }
        if let text = value as? String, let number = Int(text) { return number }
        throw Problem(path, "expected a whole number")
    }

    func bool() throws -> Bool {
        if let flag = value as? Bool { return flag }
        throw Problem(path, "expected true or false")
    }

    /// One string or a list of strings.
    func strings() throws -> [String] {
        if let list = value as? [Any] {
            return try list.enumerated().map { try ConfigNode($1, path: "\(path)[\($0)]").string() }
        }
        return [try string()]
    }

    /// A list of strings, or a list of such lists.
    func stringLists() throws -> [[String]] {
        guard let list = value as? [Any] else { return [try strings()] }
        if list.allSatisfy({ $0 is [Any] }) {
            return try list.enumerated().map { try ConfigNode($1, path: "\(path)[\($0)]").strings() }
        }
        return [try strings()]
    }
}

struct ConfigMap {
    let entries: [String: ConfigNode]
    let path: String

    subscript(key: String) -> ConfigNode? { entries[key] }

    var sortedEntries: [(String, ConfigNode)] { entries.sorted { $0.key < $1.key } }

    func required(_ key: String) throws -> ConfigNode {
        guard let node = entries[key] else { throw ConfigNode.Problem(path, "missing '\(key)'") }
        return node
    }

    /// Unknown keys are errors: a typo must not silently disable a check.
    func allowOnly(_ keys: Set<String>) throws {
        if let unknown = entries.keys.sorted().first(where: { !keys.contains($0) }), let node = entries[unknown] {
            // Named by its own path, so the error has the line of the misspelt key.
            throw ConfigNode.Problem(node.path, "unknown key (expected one of: \(keys.sorted().joined(separator: ", ")))")
        }
    }
}
