import Foundation
import HookscopeCore
import HookscopeFiles

extension TerminalSession {
    /// Sends the exchanges again, unless some carry signatures past their tolerance and
    /// the user has not yet said what to do about it: then the question comes first.
    func performReplay(_ order: ReplayOrder) {
        let exchanges = order.edited.map { [$0] } ?? order.ids.compactMap { state.exchange(id: $0) }
        guard !exchanges.isEmpty else {
            apply(.effectFinished(StatusMessage("nothing to replay: those exchanges are no longer stored", isError: true)))
            return
        }
        if !order.checked {
            let checks = exchanges.map { (exchange: $0, check: environment.replay.check($0)) }
            let stale = checks.filter(\.check.stale)
            if !stale.isEmpty {
                apply(.replayNeedsConfirmation(ReplayConfirmation(
                    order: order,
                    warnings: checks.flatMap(\.check.warnings),
                    resignable: Set(stale.filter(\.check.canResign).map(\.exchange.id)),
                    resignProblems: stale.compactMap(\.check.cannotResign)
                )))
                return
            }
        }
        let missing = order.ids.count - exchanges.count
        var note = missing > 0 && order.edited == nil ? "\(missing) no longer stored" : nil
        if order.edited != nil, let original = order.ids.first.flatMap(state.exchange(id:)), original.bodyTruncated {
            // The editor showed only what was kept; the user must know the rest never existed here.
            note = "edited from a body cut at the size limit: \(ByteCountText.format(original.body.count)) of \(ByteCountText.format(original.bodySize))"
        }
        send(exchanges.map { ($0, order.resign.contains($0.id)) }, to: order.target, note: note)
    }

    /// Opens the request as text in the editor with the terminal given back, then sends
    /// what was saved. Edited requests are re-signed when the provider's secret is known,
    /// unless the user changed the signature headers themselves (to test a bad one); a
    /// stale one that is not re-signed gets the same question as `r`.
    func performEdit(id: Int, target: String) {
        guard let original = state.exchange(id: id) else {
            apply(.effectFinished(StatusMessage("#\(id) is no longer stored (evicted or cleared)", isError: true)))
            return
        }
        guard let directory = editDirectory() else {
            apply(.effectFinished(StatusMessage("could not make a private directory for the editor in \(NSTemporaryDirectory())", isError: true)))
            return
        }
        let path = directory + "/request-\(id).http"
        let written = HTTPRequestText.format(original)
        // A kept edit (the last one could not be read) is reopened as the user left it.
        let reopening = FileManager.default.fileExists(atPath: path)
        if !reopening {
            do {
                try OutputFile.write(written, to: path, newFilePermissions: 0o600)
            } catch {
                apply(.effectFinished(StatusMessage("\(error) (for the editor)", isError: true)))
                return
            }
        }
        var problem: String?
        let edit = environment.replay.edit
        terminal.runOutside { problem = edit(path) }
        apply(.resized(terminal.size))
        let text = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
        if text == written {
            try? FileManager.default.removeItem(atPath: path)
            apply(.effectFinished(StatusMessage(problem ?? "unchanged: nothing sent (r replays it as captured)", isError: problem != nil)))
            return
        }
        if let problem {
            apply(.effectFinished(StatusMessage("\(problem); e reopens your text (kept in \(path))", isError: true)))
            return
        }
        let edited: Exchange?
        do {
            edited = try HTTPRequestText.apply(text, to: original)
        } catch {
            // The user's text is kept: a typo must not cost them the edit.
            apply(.effectFinished(StatusMessage("not sent: \(error); e reopens your text (kept in \(path))", isError: true)))
            return
        }
        try? FileManager.default.removeItem(atPath: path)
        guard let edited else {
            apply(.effectFinished(StatusMessage("edit cancelled (the file was empty); nothing sent")))
            return
        }
        let check = environment.replay.check(original)
        let touched = check.signatureHeaders.contains { name in
            original.headers.first(named: name) != edited.headers.first(named: name)
        }
        let resign = check.canResign && !touched
        performReplay(ReplayOrder(ids: [id], target: target, resign: resign ? [id] : [], checked: resign, edited: edited))
    }

    /// A directory only this user can read, made once per session: the edited requests
    /// hold captured headers (signatures, tokens) and bodies.
    private func editDirectory() -> String? {
        if let made = editDirectoryPath { return made }
        var template = Array((NSTemporaryDirectory() + "hookscope-edit-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { return nil }
        editDirectoryPath = String(cString: made)
        return editDirectoryPath
    }

    private func send(_ items: [(Exchange, resign: Bool)], to target: String, note: String?) {
        let inbox = self.inbox
        environment.replay.send(items, target) { message in inbox.post(.effectFinished(message)) }
        let what = items.count == 1 ? "#\(items[0].0.id)" : "\(items.count) exchanges"
        let resigned = items.filter(\.resign).count
        var notes = resigned == 0 ? [] : [items.count == 1 ? "re-signed" : "\(resigned) re-signed"]
        if let note { notes.append(note) }
        apply(.effectFinished(StatusMessage("replaying \(what) to \(target)\(notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")")…")))
    }
}
