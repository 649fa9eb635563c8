import Foundation
import HookscopeCore
import HookscopeFiles

extension TerminalSession {
    /// Sends the exchanges again as `update` decided; the results come back through the inbox.
    func performReplay(_ order: ReplayOrder) {
        let items = state.replayExchanges(order).map { ($0, resign: order.resign.contains($0.id)) }
        let inbox = self.inbox
        environment.replay.send(items, order) { message in inbox.post(.effectFinished(message)) }
    }

    /// Opens the request as text in the editor with the terminal given back, then hands
    /// what was saved to `update` (`.editSaved`), which decides how it is sent.
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
                try OutputFile.write(written, to: path, newFilePermissions: 0o600, waitForReader: false)
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
        // The editor may have been open for minutes: the checks use the time it closed.
        apply(.tick(environment.clock()))
        apply(.editSaved(edited, originalID: id, target: target))
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
}
