/// Reads the compact answer language of `--respond` and `--rule`:
///
///     500                 answer 500
///     500,500,200         a sequence: 500, 500, then 200 for good (the last repeats)
///     500x3,200           fail the next 3, then 200
///     429/retry-after=30  429 with a Retry-After header
///     200/delay=2000      answer 200 after 2 s
///     200/trickle=16:100  send the body 16 bytes every 100 ms
///     hang | close | reset
///
/// and rules: `[METHOD] [/path/glob] [provider=NAME] -> SPEC` (the same conditions pick a
/// `--forward` route: `ForwardRoute`).
public enum AnswerSpecParser {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// A sequence of answers (one or more).
    public static func parseSequence(_ text: String, headers: [HeaderField] = [], body: String? = nil) throws -> [AnswerSpec] {
        let steps = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
        guard !steps.isEmpty, !steps.contains(where: \.isEmpty) else {
            throw Failure(message: "empty answer in '\(text)'; expected e.g. 500 or 500,500,200")
        }
        var answers: [AnswerSpec] = []
        for step in steps {
            var item = step
            var repeats = 1
            if let x = step.lastIndex(where: { $0 == "x" || $0 == "X" }), let n = Int(step[step.index(after: x)...]) {
                guard (1...1000).contains(n) else { throw Failure(message: "repeat count \(n) in '\(step)' must be 1...1000") }
                repeats = n
                item = String(step[..<x])
            }
            let spec = try parseStep(item, headers: headers, body: body)
            answers += Array(repeating: spec, count: repeats)
        }
        return answers
    }

    /// One answer: `503`, `429/retry-after=30`, `hang`, ...
    public static func parseStep(_ text: String, headers: [HeaderField] = [], body: String? = nil) throws -> AnswerSpec {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
        let head = parts[0].lowercased()
        var spec = AnswerSpec(status: 200, headers: headers, body: body)
        switch head {
        case "hang": spec.delivery = .hang
        case "close": spec.delivery = .close
        case "reset": spec.delivery = .reset
        default:
            guard let status = Int(head) else {
                throw Failure(message: "'\(parts[0])' is not a status code (200-999) nor hang, close or reset")
            }
            if let problem = AnswerStatus.problem(with: status) { throw Failure(message: problem) }
            spec.status = status
        }
        for option in parts.dropFirst() {
            let pair = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { throw Failure(message: "option '\(option)' needs a value, e.g. delay=2000") }
            switch pair[0].lowercased() {
            case "delay":
                guard let ms = Int(pair[1]), ms >= 0 else { throw Failure(message: "delay needs milliseconds, got '\(pair[1])'") }
                if let problem = WaitLimit.problem("delay", milliseconds: ms) { throw Failure(message: problem) }
                spec.delivery = .delayed(milliseconds: ms)
            case "retry-after":
                guard !pair[1].isEmpty, !pair[1].contains(where: { $0 == "\r" || $0 == "\n" }) else {
                    throw Failure(message: "retry-after needs a value")
                }
                spec.headers.append(HeaderField("Retry-After", pair[1]))
            case "trickle":
                let numbers = pair[1].split(separator: ":").compactMap { Int($0) }
                guard numbers.count == 2, numbers[0] > 0, numbers[1] >= 0 else {
                    throw Failure(message: "trickle needs BYTES:MILLISECONDS, e.g. trickle=16:100")
                }
                if let problem = WaitLimit.problem("trickle's interval", milliseconds: numbers[1]) { throw Failure(message: problem) }
                spec.delivery = .trickle(bytesPerChunk: numbers[0], intervalMilliseconds: numbers[1])
            default:
                throw Failure(message: "unknown option '\(pair[0])'; known: delay, retry-after, trickle")
            }
        }
        return spec
    }

    /// A rule: `POST /teamwork/** provider=teamwork -> 500,200`.
    public static func parseRule(_ text: String) throws -> ResponseRule {
        guard let arrow = text.range(of: "->") else {
            throw Failure(message: "a rule needs '->', e.g. 'provider=teamwork -> 500'")
        }
        var rule = ResponseRule(answers: try parseSequence(String(text[arrow.upperBound...])))
        rule.conditions = try parseConditions(text[..<arrow.lowerBound], of: "rule")
        return rule
    }

    /// The conditions before a rule's or a forward route's `->`: `[METHOD] [/path/glob]
    /// [provider=NAME]` (or `method=`, `path=`). `kind` names what they belong to in errors.
    public static func parseConditions(_ text: Substring, of kind: String) throws -> RequestConditions {
        var conditions = RequestConditions()
        for token in text.split(separator: " ").map(String.init) {
            let pair = token.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 {
                switch pair[0].lowercased() {
                case "method": conditions.method = pair[1].uppercased()
                case "path": conditions.pathGlob = pair[1]
                case "provider": conditions.provider = pair[1].lowercased()
                default: throw Failure(message: "unknown \(kind) condition '\(pair[0])'; known: method, path, provider")
                }
            } else if token.hasPrefix("/") {
                conditions.pathGlob = token
            } else if token.allSatisfy({ $0.isLetter || $0 == "-" }) {
                conditions.method = token.uppercased()
            } else {
                throw Failure(message: "cannot read '\(token)' in the \(kind); use METHOD, /path/glob or provider=NAME")
            }
        }
        return conditions
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
