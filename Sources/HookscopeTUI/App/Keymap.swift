/// One row of the key table: keys, where they apply, what they do and how to say it.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var context: KeyContext
    public var action: AppAction
    /// The help screen's sentence.
    public var help: String
    /// The footer's short word; nil keeps the binding out of the footer.
    public var hint: String?

    public init(_ keys: [Key], _ context: KeyContext, _ action: AppAction, _ help: String, hint: String? = nil) {
        self.keys = keys
        self.context = context
        self.action = action
        self.help = help
        self.hint = hint
    }

    /// How keys are written in help and footer: `j/Down`.
    public var keyLabel: String { keys.map(\.displayName).joined(separator: "/") }
}

/// The one key table (like mitmproxy's keymap): `update` looks keys up here, and the help
/// screen and footer are generated from it, so they cannot disagree.
public struct Keymap: Sendable {
    public var bindings: [KeyBinding]

    public init(_ bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// The action for a key in the first of `contexts` that binds it.
    public func action(for key: Key, in contexts: [KeyContext]) -> AppAction? {
        for context in contexts {
            if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
                return binding.action
            }
        }
        return nil
    }

    public func bindings(in context: KeyContext) -> [KeyBinding] {
        bindings.filter { $0.context == context }
    }

    /// Footer hints for the live contexts, most specific first, each action once.
    public func hints(in contexts: [KeyContext]) -> [(keys: String, hint: String)] {
        var seen = Set<AppAction>()
        var result: [(String, String)] = []
        for context in contexts {
            for binding in bindings(in: context) {
                guard let hint = binding.hint, seen.insert(binding.action).inserted else { continue }
                result.append((binding.keys[0].displayName, hint))
            }
        }
        return result
    }
}

extension Keymap {
    public static let standard = Keymap([
        KeyBinding([.character("q"), .control("c")], .global, .quit, "Quit (restores the terminal)", hint: "quit"),
        KeyBinding([.character("?")], .global, .help, "Show this help", hint: "help"),
        KeyBinding([.control("z")], .global, .suspend, "Suspend to the shell (fg resumes)"),
        KeyBinding([.character("U")], .global, .copyPublicURL, "Copy the public URL senders use (--tunnel, --public-url; OSC 52)"),

        KeyBinding([.character("j"), .down], .list, .moveDown, "Select the next delivery (pauses follow)"),
        KeyBinding([.character("k"), .up], .list, .moveUp, "Select the previous delivery (pauses follow)"),
        KeyBinding([.pageDown, .control("f")], .list, .pageDown, "One page down"),
        KeyBinding([.pageUp, .control("b")], .list, .pageUp, "One page up"),
        KeyBinding([.character("g"), .home], .list, .first, "First delivery"),
        KeyBinding([.enter], .list, .open, "Open the selected delivery", hint: "open"),
        KeyBinding([.character("/")], .list, .startFilter, "Filter: words, method: status: provider: sig: event: is:replay", hint: "filter"),
        KeyBinding([.escape], .list, .clearFilter, "Clear the filter"),
        KeyBinding([.character("r")], .list, .replay, "Replay the marked (or selected) deliveries, in order, to the replay target", hint: "replay"),
        KeyBinding([.character("e")], .list, .editAndReplay, "Edit the selected request in $EDITOR, then replay it (an empty file cancels)"),
        KeyBinding([.character("T")], .list, .setReplayTarget, "Set the replay target URL (default: the --forward target)"),
        KeyBinding([.character("x")], .list, .export, "Export the marked (or selected) deliveries: HAR, curl or raw HTTP", hint: "export"),
        KeyBinding([.character("X")], .list, .exportShown, "Export every delivery shown (the filtered list)"),
        KeyBinding([.character("Y")], .list, .copyCurl, "Copy the selected request as a curl command (OSC 52)"),
        KeyBinding([.character(" ")], .list, .toggleMark, "Mark or unmark the selected delivery (r and x then take the marked ones)", hint: "mark"),
        KeyBinding([.character("u")], .list, .clearMarks, "Unmark all"),
        KeyBinding([.character("s")], .list, .pickAnswer, "Choose the answer: status code, delay, hang, close, reset, sequence", hint: "status"),
        KeyBinding([.character("i")], .list, .toggleIntercept, "Intercept on/off: new requests wait for you to answer", hint: "intercept"),
        KeyBinding([.character("a")], .list, .answerPending, "Answer the selected waiting request (picker)"),
        KeyBinding([.character("A")], .list, .answerAllPending, "Answer every waiting request (picker)"),
        KeyBinding([.character("R")], .list, .showRules, "Response rules: list, add, toggle, delete", hint: "rules"),
        KeyBinding([.character("y")], .list, .copyBody, "Copy the selected request body (OSC 52)", hint: "copy"),
        KeyBinding([.character("w")], .list, .save, "Save the shown deliveries as JSON Lines", hint: "save"),
        KeyBinding([.character("D")], .list, .dropPending, "Drop the selected waiting request (close, no answer)"),
        KeyBinding([.character("c")], .list, .clearList, "Clear the list (and the store)", hint: "clear"),
        KeyBinding([.character("F"), .end, .character("G")], .list, .follow, "Follow: select the newest as they arrive", hint: "follow"),

        KeyBinding([.escape, .backspace, .character("h")], .detail, .back, "Back to the list", hint: "back"),
        KeyBinding([.tab, .right, .character("l")], .detail, .nextTab, "Next tab", hint: "tab"),
        KeyBinding([.backTab, .left], .detail, .previousTab, "Previous tab"),
        KeyBinding([.character("1")], .detail, .requestTab, "Request tab"),
        KeyBinding([.character("2")], .detail, .signatureTab, "Signature tab"),
        KeyBinding([.character("3")], .detail, .responseTab, "Response tab"),
        KeyBinding([.character("4")], .detail, .attemptsTab, "Attempts tab: retries of this event and the sender's schedule"),
        KeyBinding([.character("n")], .detail, .nextDelivery, "Next delivery (same tab)", hint: "next"),
        KeyBinding([.character("p")], .detail, .previousDelivery, "Previous delivery (same tab)"),
        KeyBinding([.character("m")], .detail, .cycleBodyView, "Body view: pretty JSON, raw text, hex", hint: "view"),
        KeyBinding([.character("j"), .down], .detail, .moveDown, "Scroll down"),
        KeyBinding([.character("k"), .up], .detail, .moveUp, "Scroll up"),
        KeyBinding([.pageDown, .character(" "), .control("f")], .detail, .pageDown, "One page down"),
        KeyBinding([.pageUp, .control("b")], .detail, .pageUp, "One page up"),
        KeyBinding([.character("g"), .home], .detail, .first, "Top"),
        KeyBinding([.character("G"), .end], .detail, .last, "Bottom"),
        KeyBinding([.character("y")], .detail, .copyBody, "Copy this tab's body (OSC 52)", hint: "copy"),
        KeyBinding([.character("w")], .detail, .save, "Save this tab's body, all of it (also past the 64 KB shown), to a file"),
        KeyBinding([.character("r")], .detail, .replay, "Replay this delivery to the replay target", hint: "replay"),
        KeyBinding([.character("e")], .detail, .editAndReplay, "Edit this request in $EDITOR, then replay it"),
        KeyBinding([.character("T")], .detail, .setReplayTarget, "Set the replay target URL"),
        KeyBinding([.character("x")], .detail, .export, "Export this delivery: HAR, curl or raw HTTP"),
        KeyBinding([.character("Y")], .detail, .copyCurl, "Copy this request as a curl command (OSC 52)"),

        KeyBinding([.escape, .character("h")], .rules, .back, "Back to the list", hint: "back"),
        KeyBinding([.character("a")], .rules, .addRule, "Add a rule: [METHOD] [/path/glob] [provider=NAME] -> ANSWER", hint: "add"),
        KeyBinding([.character(" ")], .rules, .toggleRule, "Turn the selected rule on or off", hint: "toggle"),
        KeyBinding([.character("d")], .rules, .deleteRule, "Delete the selected rule", hint: "delete"),
        KeyBinding([.character("j"), .down], .rules, .moveDown, "Next rule"),
        KeyBinding([.character("k"), .up], .rules, .moveUp, "Previous rule"),

        KeyBinding([.escape, .character("?")], .help, .back, "Close the help", hint: "close"),
        KeyBinding([.character("j"), .down], .help, .moveDown, "Scroll down"),
        KeyBinding([.character("k"), .up], .help, .moveUp, "Scroll up"),
        KeyBinding([.pageDown, .character(" ")], .help, .pageDown, "One page down"),
        KeyBinding([.pageUp], .help, .pageUp, "One page up"),

        KeyBinding([.enter], .input, .accept, "Keep the filter / confirm the prompt", hint: "keep"),
        KeyBinding([.escape], .input, .cancel, "Clear the filter / cancel the prompt", hint: "cancel"),
        KeyBinding([.backspace, .delete], .input, .deleteBackward, "Delete the last character"),
        KeyBinding([.control("u")], .input, .clearInput, "Clear the whole line"),
        KeyBinding([.tab], .input, .nextFormat, "Export prompt: next format (HAR, curl, raw HTTP)"),

        KeyBinding([.enter], .picker, .accept, "Use the selected or typed answer (500x3,200  429/retry-after=30  hang)", hint: "choose"),
        KeyBinding([.escape], .picker, .cancel, "Close the picker", hint: "cancel"),
        KeyBinding([.down], .picker, .moveDown, "Next choice", hint: "move"),
        KeyBinding([.up], .picker, .moveUp, "Previous choice"),
        KeyBinding([.backspace, .delete], .picker, .deleteBackward, "Delete the last typed character"),

        KeyBinding([.enter], .confirm, .accept, "Send as captured (the receiver may refuse old signatures)", hint: "send as is"),
        KeyBinding([.character("s")], .confirm, .resignAndSend, "Re-sign (fresh signature and timestamp) and send", hint: "re-sign"),
        KeyBinding([.escape, .character("q")], .confirm, .cancel, "Do not replay", hint: "cancel"),
    ])
}
