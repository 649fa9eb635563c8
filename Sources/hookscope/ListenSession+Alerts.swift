import HookscopeCore
import HookscopeServer

/// What the user is told about the `--save` file: once when it stops taking lines and once
/// when it takes them again (headless), a count in the top bar (UI), and the truth in the
/// exit summary. The answers do not wait for a failed write to succeed; see SaveFileWriter.
extension ListenSession {
    static func reportSave(_ outcome: SaveFileWriter.Outcome, path: String) {
        switch outcome {
        case .saved, .failed(first: false, _):
            return
        case .failed(first: true, let reason):
            printError("cannot write to \(path): \(reason); answers still go out as planned, and the lines are kept and written when the file takes them again")
        case .recovered(let late):
            printNotice("\(path) takes lines again: \(late) kept lines written")
        }
    }

    /// The top bar's words for faults that last: nothing while all is well.
    static func alerts(save: SaveFileWriter.Status?, refused: Int) -> [String] {
        var alerts: [String] = []
        if let save, save.unsaved > 0 { alerts.append("\(save.unsaved) not saved") }
        if refused > 0 { alerts.append("\(refused) refused") }
        return alerts
    }

    /// Headless: one line in any second when connections were refused, with the count;
    /// a flood of thousands is one line a second, not one per connection.
    static func reportRefusals(_ server: CaptureServer, limit: Int) async {
        var reported = 0
        while !Task.isCancelled {
            let refused = server.refusedConnections
            if refused > reported {
                printNotice("refused \(CountWords.format(refused - reported, "connection")) over --max-connections \(limit) (503, Retry-After: 1); \(refused) in all")
                reported = refused
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// The exit summary's part about --save: "saved to" only when every line is there.
    static func saveSummary(_ status: SaveFileWriter.Status, path: String) -> String {
        guard status.unsaved > 0 else { return "saved to \(path)" }
        return "\(CountWords.format(status.unsaved, "exchange")) not saved to \(path) (\(status.reason ?? "write failed"))"
    }
}
