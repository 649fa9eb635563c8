import HookscopeCore

/// Work `update` asks the runner to do; results come back as `.effectFinished`.
public enum AppEffect: Sendable {
    case quit
    case suspend
    case clearStore
    /// Copy to the clipboard through OSC 52; `what` names it for the message.
    case copy(bytes: [UInt8], what: String)
    /// Write these exchanges as JSON Lines to `path`.
    case save(path: String, exchanges: DeliveryList)
    /// Write one body, all of it, to `path`; `reopen` is the prompt to show again when the
    /// file exists (and `overwrite` is false) or cannot be written.
    case saveBody(path: String, bytes: [UInt8], what: String, overwrite: Bool, reopen: TextInput)
    /// Put this answer (one: the default; several: a sequence) in force.
    case setAnswer([AnswerSpec])
    case setIntercept(Bool)
    /// Answer one intercepted request; nil drops it.
    case decide(id: Int, AnswerSpec?)
    /// Answer every intercepted request; nil drops them.
    case decideAll(AnswerSpec?)
    /// Send one intercepted request (or every one) to the app along the --forward route it
    /// matches; its sender gets the app's answer.
    case forward(ForwardOrder)
    case editRules(RuleEdit)
    /// Send these exchanges again, as `update` decided (checked, re-signed where asked);
    /// rows for the results appear in the store as they come back.
    case replay(ReplayOrder)
    /// Open the request in `$EDITOR`, then send what was saved (nothing for an empty file).
    case editAndReplay(id: Int, target: String)
    case export(ExportOrder)
}
