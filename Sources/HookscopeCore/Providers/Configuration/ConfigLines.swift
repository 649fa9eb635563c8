import Yams

/// Where each key of the config file is: its dotted path (`providers.acme.signature`,
/// `rules[1]`, as `ConfigNode` names them) to the line it starts on, from Yams' marks, so
/// an error can say `config.yaml:7: providers.acme.signature.encoding: ...`.
struct ConfigLines: Sendable, Equatable {
    private var lines: [String: Int] = [:]

    init() {}

    init(yaml text: String) {
        guard let root = try? Yams.compose(yaml: text) else { return }
        record(root, path: "")
    }

    /// The line of `path`, else of its nearest enclosing key that has one.
    func line(of path: String) -> Int? {
        var path = Substring(path)
        while !path.isEmpty {
            if let line = lines[String(path)] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            path = path[..<cut]
        }
        return nil
    }

    private mutating func record(_ node: Node, path: String) {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                let name = key.string ?? "\(key)"
                let child = path.isEmpty ? name : "\(path).\(name)"
                // The key's line: a value on the lines below still belongs to it.
                if let line = key.mark?.line { lines[child] = line }
                record(value, path: child)
            }
        case .sequence(let sequence):
            for (index, element) in sequence.enumerated() {
                let child = "\(path)[\(index)]"
                if let line = element.mark?.line { lines[child] = line }
                record(element, path: child)
            }
        case .scalar:
            break
        }
    }
}
