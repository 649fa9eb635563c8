/// The signed message as a sequence of literal text and placeholders, e.g.
/// `{timestamp}.{body}` (Stripe), `{url}{params}` (Twilio), `{timestamp}{field:signature.token}`
/// (Mailgun). The catalogue and the config file write it as text.
public struct MessageTemplate: Sendable, Equatable, CustomStringConvertible {
    public enum Part: Sendable, Equatable {
        case literal(String)
        case body
        case timestamp
        case id
        /// The request method, e.g. `POST`.
        case method
        /// The full URL the sender signed (`SignedURL`).
        case url
        /// The request target's path without the query.
        case path
        /// Form parameters sorted by name, each name followed by its value (Twilio's rule).
        case params
        /// A request header's value.
        case header(String)
        /// A value in the JSON body (or a form parameter of a form body).
        case field(String)
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }

    public static let body = MessageTemplate(parts: [.body])

    /// Parses `{timestamp}.{body}`-style text; nil on an unknown placeholder, an unclosed
    /// brace, or an empty template.
    public init?(parsing text: String) {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { return nil }
            let name = rest[rest.index(after: open)..<close]
            guard let part = Self.part(named: name) else { return nil }
            if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
            parts.append(part)
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.literal(literal)) }
        guard parts.contains(where: { if case .literal = $0 { return false } else { return true } }) else { return nil }
        self.parts = parts
    }

    private static func part(named name: Substring) -> Part? {
        switch name {
        case "body": return .body
        case "timestamp": return .timestamp
        case "id": return .id
        case "method": return .method
        case "url": return .url
        case "path": return .path
        case "params": return .params
        default:
            if name.hasPrefix("header:"), name.count > 7 { return .header(String(name.dropFirst(7))) }
            if name.hasPrefix("field:"), name.count > 6 { return .field(String(name.dropFirst(6))) }
            return nil
        }
    }

    /// `{timestamp}.{body}`: the form used in reasons and the config file.
    public var description: String {
        parts.map { part in
            switch part {
            case .literal(let text): return text
            case .body: return "{body}"
            case .timestamp: return "{timestamp}"
            case .id: return "{id}"
            case .method: return "{method}"
            case .url: return "{url}"
            case .path: return "{path}"
            case .params: return "{params}"
            case .header(let name): return "{header:\(name)}"
            case .field(let path): return "{field:\(path)}"
            }
        }.joined()
    }

    public func uses(_ part: Part) -> Bool { parts.contains(part) }

    /// The bytes to sign in one array: `body` in place of `{body}`, everything else from
    /// `inputs`. Signing and the tests use it; verification feeds the MAC `message`'s
    /// pieces instead.
    public func render(body: [UInt8], inputs: MessageInputs) -> [UInt8] {
        message(body: body, inputs: inputs).bytes
    }

    /// The message to sign as the bytes before `{body}`, the body itself and the bytes after
    /// it (`SignedMessage`): a MAC is fed the pieces, so the body is not copied (#18; most
    /// senders sign the body alone, Stripe and Standard Webhooks put a timestamp and an id
    /// before it). A template that signs the body more than once, or not at all, is
    /// rendered whole into the head.
    public func message(body: [UInt8], inputs: MessageInputs) -> SignedMessage {
        if parts.count == 1, parts[0] == .body { return SignedMessage(body: body) }
        let bodyIndex = parts.firstIndex(of: .body)
        guard let bodyIndex, parts.lastIndex(of: .body) == bodyIndex else {
            var whole: [UInt8] = []
            for part in parts { append(part, body: body, inputs: inputs, to: &whole) }
            return SignedMessage(head: whole, body: [])
        }
        var head: [UInt8] = [], tail: [UInt8] = []
        for part in parts[..<bodyIndex] { append(part, body: body, inputs: inputs, to: &head) }
        for part in parts[(bodyIndex + 1)...] { append(part, body: body, inputs: inputs, to: &tail) }
        return SignedMessage(head: head, body: body, tail: tail)
    }

    private func append(_ part: Part, body: [UInt8], inputs: MessageInputs, to out: inout [UInt8]) {
        switch part {
        case .literal(let text): out.append(contentsOf: text.utf8)
        case .body: out.append(contentsOf: body)
        case .timestamp: out.append(contentsOf: (inputs.timestamp ?? "").utf8)
        case .id: out.append(contentsOf: (inputs.id ?? "").utf8)
        case .method: out.append(contentsOf: inputs.method.utf8)
        case .url: out.append(contentsOf: (inputs.url?.url ?? "").utf8)
        case .path: out.append(contentsOf: inputs.path.utf8)
        case .params: for (name, value) in inputs.sortedParams { out.append(contentsOf: name.utf8); out.append(contentsOf: value.utf8) }
        case .header(let name): out.append(contentsOf: (inputs.headers.first(named: name) ?? "").utf8)
        case .field(let path): out.append(contentsOf: (inputs.field(path) ?? "").utf8)
        }
    }

    /// The bytes to sign for a recipe that uses only the body, a timestamp and an id.
    public func render(body: [UInt8], timestamp: String?, id: String?) -> [UInt8] {
        render(body: body, inputs: MessageInputs(timestamp: timestamp, id: id))
    }
}

/// Everything a message template may need besides the body. Built once per verification;
/// the form parameters and JSON payload are read only when the template asks for them.
public struct MessageInputs: Sendable {
    public var timestamp: String?
    public var id: String?
    public var method: String
    public var url: SignedURL?
    public var path: String
    public var headers: [HeaderField]
    /// Form parameters (`application/x-www-form-urlencoded`), decoded, sorted by name.
    public var sortedParams: [(String, String)]
    /// The body read as JSON, for `{field:...}`; set by the verifier when the template needs it.
    var payload: JSONPayload?

    public init(
        timestamp: String? = nil, id: String? = nil, method: String = "POST", url: SignedURL? = nil, path: String = "/",
        headers: [HeaderField] = [], sortedParams: [(String, String)] = []
    ) {
        self.timestamp = timestamp
        self.id = id
        self.method = method
        self.url = url
        self.path = path
        self.headers = headers
        self.sortedParams = sortedParams
    }

    /// A JSON path into the body, or a form parameter of that name.
    func field(_ path: String) -> String? {
        if let value = payload?.string(at: path) { return value }
        return sortedParams.first { $0.0 == path }?.1
    }
}
