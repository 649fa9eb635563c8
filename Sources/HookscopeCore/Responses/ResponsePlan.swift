/// How hookscope answers deliveries: the default answer, an optional sequence that is
/// used up first, and rules. An immutable value; `ResponsePlanHolder` keeps the one in
/// force and the positions in its sequences.
public struct ResponsePlan: Sendable, Equatable {
    public var defaultAnswer: AnswerSpec
    /// Answered in turn before the default applies; the last one repeats.
    /// Empty means no sequence.
    public var sequence: [AnswerSpec]
    /// Checked in order before the sequence and the default; first match wins.
    public var rules: [ResponseRule]

    public init(defaultAnswer: AnswerSpec = AnswerSpec(), sequence: [AnswerSpec] = [], rules: [ResponseRule] = []) {
        self.defaultAnswer = defaultAnswer
        self.sequence = sequence
        self.rules = rules
    }

    /// The plain form: every delivery gets this status, headers and body.
    public init(status: Int, headers: [HeaderField] = [], body: String? = nil) {
        self.init(defaultAnswer: AnswerSpec(status: status, headers: headers, body: body))
    }

    /// The statuses in the plan whose answers carry no body (1xx, 204, 304), in order and
    /// once each: a `--response-body` given with them is not sent.
    public var bodylessStatuses: [Int] {
        var seen: [Int] = []
        let specs = [defaultAnswer] + sequence + rules.flatMap(\.answers)
        for spec in specs where spec.sendsResponse && !AnswerStatus.allowsBody(spec.status) && !seen.contains(spec.status) {
            seen.append(spec.status)
        }
        return seen
    }

    /// For the top bar: `answer 200`, `sequence 500,500,200`, `answer hang · 2 rules`.
    public var summary: String {
        var text = sequence.isEmpty
            ? "answer \(defaultAnswer.summary)"
            : "sequence \(sequence.map(\.summary).joined(separator: ","))"
        let active = rules.filter(\.enabled).count
        if active > 0 { text += " · \(CountWords.format(active, "rule"))" }
        return text
    }
}

/// What the server is to send for one exchange.
public struct PlannedAnswer: Sendable, Equatable {
    public var status: Int
    public var headers: [HeaderField]
    public var body: [UInt8]
    public var source: ExchangeResponse.Source
    public var delivery: AnswerSpec.Delivery

    public init(status: Int, headers: [HeaderField] = [], body: [UInt8] = [], source: ExchangeResponse.Source, delivery: AnswerSpec.Delivery = .now) {
        self.status = status
        self.headers = headers
        self.body = body
        self.source = source
        self.delivery = delivery
    }
}
