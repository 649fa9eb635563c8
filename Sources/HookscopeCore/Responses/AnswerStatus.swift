/// Which status codes hookscope can send as its answer, and which answers carry no body.
///
/// RFC 9110 §15.2: a 1xx status is interim, sent before the final answer and never as the
/// answer itself (101 switches protocols, which an inspector does not do). NIO's server
/// pipeline traps when a 1xx head is followed by a body and an end, so an answer spec that
/// names one is refused when it is read, never on the event loop.
/// RFC 9110 §6.4.1: answers to HEAD, and 1xx, 204 and 304 answers, have no content;
/// §15.3.6: a server MUST NOT generate content in a 205 (Reset Content) either.
public enum AnswerStatus {
    /// Every status an answer spec accepts: the final ones, including the unregistered
    /// 6xx-9xx a sender's error handling may need to meet.
    public static let sendable: ClosedRange<Int> = 200...999

    /// Why `status` cannot be an answer, or nil when it can.
    public static func problem(with status: Int) -> String? {
        if sendable.contains(status) { return nil }
        if (100...199).contains(status) {
            return "\(status) is an interim (1xx) status: HTTP sends it before a final answer, never as the answer; use 200-999"
        }
        return "\(status) is not a status code hookscope can answer with (200-999)"
    }

    /// Whether an answer with this status may have a body at all.
    public static func allowsBody(_ status: Int) -> Bool {
        !hasNoBodyByDefinition(status) && status != 205
    }

    /// Whether the message has no body by definition (1xx, 204, 304), so it states no
    /// length. A 205's empty body is framed like any other (`Content-Length: 0`): a client
    /// reads a 205 without a length until the connection closes.
    public static func hasNoBodyByDefinition(_ status: Int) -> Bool {
        (100...199).contains(status) || status == 204 || status == 304
    }

    /// Whether the answer to a request with `method` carries its body on the wire.
    public static func carriesBody(status: Int, requestMethod method: String) -> Bool {
        method != "HEAD" && allowsBody(status)
    }
}
