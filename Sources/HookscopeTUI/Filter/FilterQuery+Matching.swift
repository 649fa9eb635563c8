import HookscopeCore

extension FilterQuery {
    /// Whether an exchange satisfies every term.
    public func matches(_ exchange: Exchange) -> Bool {
        terms.allSatisfy { $0.matches(exchange) }
    }

    /// Whether the answer could still change the result: terms about the response are
    /// rechecked when a pending exchange completes.
    public var dependsOnResponse: Bool {
        terms.contains { $0.dependsOnResponse }
    }

    /// Whether the app's answer could still change the result after the sender's answer:
    /// with "forward and override" it is attached later.
    public var dependsOnUpstream: Bool {
        terms.contains { $0.dependsOnUpstream }
    }
}

extension FilterQuery.Term {
    func matches(_ exchange: Exchange) -> Bool {
        switch self {
        case .text(let word):
            return TextSearch.contains(exchange, word)
        case .method(let method):
            return exchange.method.uppercased() == method
        case .status(let pattern):
            guard let response = exchange.response else { return false }
            return pattern.matches(response.status)
        case .provider(let glob):
            return glob.matches(exchange.analysis.provider)
        case .event(let glob):
            return glob.matches(exchange.analysis.event)
        case .signature(let status):
            return exchange.analysis.signature.status == status
        case .kind(.replay):
            return exchange.replayOf != nil
        case .kind(.forwarded):
            return exchange.upstream != nil && exchange.replayOf == nil
        case .kind(.error):
            return exchange.upstream?.error != nil
        case .not(let term):
            return !term.matches(exchange)
        }
    }

    var dependsOnResponse: Bool {
        switch self {
        case .status, .kind(.forwarded), .kind(.error): return true
        case .not(let term): return term.dependsOnResponse
        default: return false
        }
    }

    var dependsOnUpstream: Bool {
        switch self {
        case .kind(.forwarded), .kind(.error): return true
        case .not(let term): return term.dependsOnUpstream
        default: return false
        }
    }
}

/// Case-insensitive (ASCII) substring search over the path, headers and body bytes.
enum TextSearch {
    /// Bodies are searched up to this many bytes so one huge body cannot stall typing.
    static let bodySearchLimit = 1 << 20

    static func contains(_ exchange: Exchange, _ word: String) -> Bool {
        let needle = Array(word.utf8).map(lowercase)
        guard !needle.isEmpty else { return true }
        if contains(exchange.target.utf8, needle) { return true }
        for header in exchange.headers {
            if contains(header.name.utf8, needle) || contains(header.value.utf8, needle) { return true }
        }
        return contains(exchange.body.prefix(bodySearchLimit), needle)
    }

    static func contains<C: Collection>(_ haystack: C, _ needle: [UInt8]) -> Bool where C.Element == UInt8 {
        if let found = haystack.withContiguousStorageIfAvailable({ search($0, needle) }) { return found }
        return Array(haystack).withUnsafeBufferPointer { search($0, needle) }
    }

    private static func search(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        let first = needle[0]
        var i = 0
        let last = bytes.count - needle.count
        while i <= last {
            if lowercase(bytes[i]) == first {
                var j = 1
                while j < needle.count, lowercase(bytes[i + j]) == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    @inline(__always) static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte | 0x20 : byte
    }
}
