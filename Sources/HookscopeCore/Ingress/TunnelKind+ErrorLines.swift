import Foundation

extension TunnelKind {
    /// The text of an error line, terminal-safe and without the timestamp, or nil for a
    /// line that is not an error: cloudflared's `ERR` level, ngrok's JSON `lvl` `eror` or
    /// `crit`, anything ssh writes that is not the host's banner (ssh reports failures as
    /// plain lines: `Permission denied (publickey).`, `Host key verification failed.`; its
    /// `-v` lines, `debug1: …`, are not errors).
    public func errorText(inLine line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        switch self {
        case .cloudflared:
            guard let range = trimmed.range(of: " ERR ") else { return nil }
            return Self.clean(trimmed[range.upperBound...])
        case .ngrok:
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any],
                  let level = object["lvl"] as? String, level == "eror" || level == "crit" else { return nil }
            let message = object["msg"] as? String ?? "error"
            return Self.clean(Substring((object["err"] as? String).map { "\(message): \($0)" } ?? message))
        case .ssh:
            let lowered = trimmed.lowercased()
            // `-v`'s own lines (`debug1: …`) narrate, even when they say `failed`: ssh's
            // failures come as plain lines too.
            guard !lowered.hasPrefix("debug") else { return nil }
            let failures = ["denied", "failed", "refused", "could not", "not resolve", "timed out", "error", "warning: remote port forwarding"]
            return failures.contains(where: lowered.contains) ? Self.clean(Substring(trimmed)) : nil
        }
    }

    /// One line, terminal-safe, not longer than a top bar can show.
    private static func clean(_ text: Substring) -> String {
        let safe = TerminalSafeText.string(String(text.trimmingCharacters(in: .whitespaces)))
        return safe.count > 200 ? String(safe.prefix(199)) + "…" : safe
    }
}
