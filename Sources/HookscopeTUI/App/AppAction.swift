/// What a key asks for; `update` gives each its meaning on the current screen.
public enum AppAction: String, Sendable, CaseIterable {
    case quit, help, back
    case moveUp, moveDown, pageUp, pageDown, first, last, follow
    case open, nextDelivery, previousDelivery, nextTab, previousTab, requestTab, signatureTab, responseTab, cycleBodyView
    case startFilter, clearFilter, clearList, copyBody, copyPublicURL, save, suspend
    case accept, cancel, deleteBackward
    case pickAnswer, toggleIntercept, answerPending, answerAllPending, dropPending, attemptsTab
    case showRules, addRule, toggleRule, deleteRule
    case toggleMark, clearMarks, replay, editAndReplay, setReplayTarget, export, exportShown, copyCurl
    case resignAndSend, nextFormat, clearInput
}
