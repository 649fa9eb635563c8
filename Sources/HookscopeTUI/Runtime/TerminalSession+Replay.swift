import Foundation
import HookscopeCore

extension TerminalSession {
    /// Sends the exchanges again, unless some carry signatures past their tolerance and
    /// the user has not yet said what to do about it: then the question comes first.
    func performReplay(_ order: ReplayOrder) {
        let exchanges = order.ids.compactMap { state.exchange(id: $0) }
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
        send(exchanges.map { ($0, order.resign.contains($0.id)) }, to: order.target)
    }

    /// Opens the request as text in the editor with the terminal given back, then sends
    /// what was saved. Edited requests are re-signed when the provider's secret is known,
    /// unless the user changed the signature headers themselves (to test a bad one).
    func performEdit(id: Int, target: String) {
        guard let original = state.exchange(id: id) else {
            apply(.effectFinished(StatusMessage("#\(id) is no longer stored (evicted or cleared)", isError: true)))
            return
        }
        let path = NSTemporaryDirectory() + "hookscope-\(ProcessInfo.processInfo.processIdentifier)-\(id).http"
        guard FileManager.default.createFile(atPath: path, contents: Data(HTTPRequestText.format(original))) else {
            apply(.effectFinished(StatusMessage("could not write \(path) for the editor", isError: true)))
            return
        }
        var problem: String?
        let edit = environment.replay.edit
        terminal.runOutside { problem = edit(path) }
        apply(.resized(terminal.size))
        if let problem {
            try? FileManager.default.removeItem(atPath: path)
            apply(.effectFinished(StatusMessage(problem, isError: true)))
            return
        }
        let text = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
        let edited: Exchange?
        do {
            edited = try HTTPRequestText.apply(text, to: original)
        } catch {
            // The user's text is kept: a typo must not cost them the edit.
            apply(.effectFinished(StatusMessage("not sent: \(error); your text is kept in \(path)", isError: true)))
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
        send([(edited, check.canResign && !touched)], to: target)
    }

    private func send(_ items: [(Exchange, resign: Bool)], to target: String) {
        let inbox = self.inbox
        environment.replay.send(items, target) { message in inbox.post(.effectFinished(message)) }
        let what = items.count == 1 ? "#\(items[0].0.id)" : "\(items.count) exchanges"
        let resigned = items.filter(\.resign).count
        let note = resigned == 0 ? "" : (items.count == 1 ? ", re-signed" : ", \(resigned) re-signed")
        apply(.effectFinished(StatusMessage("replaying \(what) to \(target)\(note)…")))
    }

    /// Writes the export; returns the message line's text.
    static func export(_ order: ExportOrder) -> StatusMessage {
        let path = (order.path as NSString).expandingTildeInPath
        let count = "\(order.exchanges.count) exchange\(order.exchanges.count == 1 ? "" : "s")"
        var files: [(path: String, bytes: [UInt8])]
        switch order.format {
        case .har: files = [(path, Array(HARExport.encode(order.exchanges, baseURL: order.baseURL).utf8))]
        case .raw: files = [(path, RawHTTPExport.bytes(of: order.exchanges))]
        case .curl:
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            let script = CurlExport.script(order.exchanges, baseURL: order.baseURL, bodyFilesBeside: absolute)
            files = [(path, Array(script.text.utf8))] + script.bodyFiles
        }
        for file in files where !FileManager.default.createFile(atPath: file.path, contents: Data(file.bytes)) {
            return StatusMessage("could not write \(file.path)", isError: true)
        }
        let extra = files.count > 1 ? " (+\(files.count - 1) body file\(files.count == 2 ? "" : "s") beside it)" : ""
        return StatusMessage("exported \(count) as \(order.format.title) to \(order.path)\(extra)")
    }
}
