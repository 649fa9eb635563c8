import HookscopeCore

/// The Response tab: what the sender got and, when the delivery went on to the user's app
/// (`--forward`) or is a replay, what the app answered. The two are shown apart because
/// they differ exactly when it matters: a rule or intercept overrode the app, or the app
/// could not be reached and the sender got hookscope's 502/504 instead.
enum ResponseDocument {
    static func lines(_ exchange: Exchange, state: AppState, width: Int) -> [StyledLine] {
        guard let response = exchange.response else {
            return [StyledLine("no answer yet: the request is still being answered", style: Palette.dim)]
        }
        if let relay = exchange.relay {
            // The relay answered the sender; only what the app said (--forward) is ours to show.
            let note = StyledLine("\(relay.kind) answered the sender itself: hookscope's answer does not reach it through the relay", style: Palette.label)
            guard let upstream = exchange.upstream else { return [note] }
            var sentTo = StyledLine("Forwarded to ", style: Palette.label)
            sentTo.append(upstream.url)
            sentTo.append(routeNote(upstream, ownForwarder: state.header.ownForwarder))
            return [note, StyledLine(), sentTo] + appLines(upstream, state: state, width: width)
        }
        guard let upstream = exchange.upstream else {
            return senderLines(response, state: state, width: width)
        }
        if let original = exchange.replayOf {
            // A replay's response is the target's answer itself: one section, not two.
            var heading = StyledLine("Replay of #\(original)", style: Palette.label)
            heading.append(" sent to ")
            heading.append(upstream.url)
            return [heading, StyledLine()] + appLines(upstream, state: state, width: width)
        }
        if isRelayed(response, upstream) {
            var heading = StyledLine("Forwarded to ", style: Palette.label)
            heading.append(upstream.url)
            heading.append(routeNote(upstream, ownForwarder: state.header.ownForwarder))
            heading.append(": the sender got your app's answer, relayed")
            let appTook = "; your app took \(DurationText.format(milliseconds: upstream.durationMilliseconds))"
            return [heading] + roundTripLines(upstream, unicode: state.settings.unicode) + [StyledLine()] + senderLines(response, tookNote: appTook, state: state, width: width)
        }
        let rule = state.settings.unicode ? "──" : "--"
        var sentTo = StyledLine("Sent to   ", style: Palette.label)
        sentTo.append(upstream.url)
        sentTo.append(routeNote(upstream, ownForwarder: state.header.ownForwarder))
        var lines = [summary(response, upstream, state: state), StyledLine()] + senderLines(response, state: state, width: width)
        if lines.last != StyledLine() { lines.append(StyledLine()) }
        return lines + [StyledLine("\(rule) your app \(rule)", style: Palette.sectionRule), sentTo] + roundTripLines(upstream, unicode: state.settings.unicode)
            + appLines(upstream, state: state, width: width)
    }

    /// Which `--forward` route chose this app, when there are routes with conditions (the
    /// plain `--forward URL` is the default route and needs no note), and who forwarded it
    /// when a forwarder attached to the shared store did (`attach --forward`): "by you"
    /// when it was this attached UI's own forwarder.
    static func routeNote(_ upstream: UpstreamResponse, ownForwarder: String? = nil) -> String {
        var note = ""
        if let route = upstream.route, route != "default" { note += " (route \(route))" }
        if let by = upstream.forwardedBy {
            let own = ownForwarder != nil && upstream.forwarder == ownForwarder
            note += own ? " by you (\(by)) through the store" : " by \(by) through the store"
        }
        return note
    }

    /// Through the store, what the whole way cost and what of it was the app's.
    static func roundTripLines(_ upstream: UpstreamResponse, unicode: Bool) -> [StyledLine] {
        guard let roundTrip = upstream.roundTripMilliseconds else { return [] }
        let arrow = unicode ? " → " : " -> "
        var line = StyledLine("Round trip ", style: Palette.label)
        line.append(DurationText.format(milliseconds: roundTrip) + " "
            + ["listener", "database", "laptop", "app", "back"].joined(separator: arrow) + ", of which the app "
            + DurationText.format(milliseconds: upstream.durationMilliseconds))
        return [line]
    }

    /// The sender got the app's own answer: printing it twice would hide that it is one.
    /// Source `forward` is what says so (only the forwarder sets it, and only for the app's
    /// answer; a replay is shown above). Not the bodies compared: a record read back from
    /// a save file or the store has the app's status in `forward` but its headers and body
    /// once, as the answer's, so its `upstream` has none and was shown as an app that sent
    /// "(no headers)" and "no body" (bug B2).
    static func isRelayed(_ response: ExchangeResponse, _ upstream: UpstreamResponse) -> Bool {
        response.source == .forward && upstream.error == nil && response.status == upstream.status
    }

    /// "Sender got 503 (rule) · your app said 200": the difference in one line, first.
    static func summary(_ response: ExchangeResponse, _ upstream: UpstreamResponse, state: AppState) -> StyledLine {
        var line = StyledLine("Sender got ", style: Palette.label)
        line.append(response.status.map(String.init) ?? "no answer", style: DetailDocument.styleForStatus(response.status))
        line.append(" (\(response.source.rawValue))", style: Palette.dim)
        line.append(dot(state))
        if upstream.error != nil {
            line.append("no answer from your app", style: Palette.error)
        } else if let status = upstream.status {
            line.append("your app said ")
            line.append(String(status), style: DetailDocument.styleForStatus(status))
        } else {
            line.append("your app sent no answer", style: Palette.error)
        }
        return line
    }

    /// Status, timing, headers and body of what the sender got.
    static func senderLines(_ response: ExchangeResponse, tookNote: String = "", state: AppState, width: Int) -> [StyledLine] {
        var status = StyledLine("Status    ", style: Palette.label)
        status.append(response.status.map(String.init) ?? "none sent", style: DetailDocument.styleForStatus(response.status))
        status.append("  (\(response.source.rawValue))", style: Palette.dim)
        var timing = StyledLine("Took      ", style: Palette.label)
        timing.append(DurationText.format(milliseconds: response.durationMilliseconds) + " from the request's last byte to the answer" + tookNote)
        var lines = [status, timing, StyledLine()]
        guard response.status != nil else { return lines }
        guard response.contentRecorded else {
            return lines + [StyledLine("headers and body not recorded (saved before hookscope kept the answer's)", style: Palette.dim)]
        }
        lines += DetailDocument.headerLines(response.headers)
        lines.append(StyledLine())
        lines += DetailDocument.bodyLines(response.body, contentType: response.headers.first(named: "Content-Type"),
                                          sizeNote: ByteCountText.format(response.body.count), state: state, width: width)
        return lines
    }

    /// What the app answered, through the same header and body views as everything else,
    /// or why there was no answer.
    static func appLines(_ upstream: UpstreamResponse, state: AppState, width: Int) -> [StyledLine] {
        let took = DurationText.format(milliseconds: upstream.durationMilliseconds)
        guard let status = upstream.status, upstream.error == nil else {
            var error = StyledLine("Error     ", style: Palette.label)
            error.append(upstream.error ?? "no answer", style: Palette.error)
            // A failure before anything was sent (a refused header, a loop) took no time worth a line.
            guard upstream.durationMilliseconds > 0 else { return [error] }
            var timing = StyledLine("Took      ", style: Palette.label)
            timing.append(took + " from sending to the failure")
            return [error, timing]
        }
        var line = StyledLine("Status    ", style: Palette.label)
        line.append(String(status), style: DetailDocument.styleForStatus(status))
        var timing = StyledLine("Took      ", style: Palette.label)
        timing.append(took + " from sending to the answer's last byte")
        var lines = [line, timing, StyledLine()]
        guard upstream.contentRecorded else {
            // Read back from a save file or the store: its empty headers and body are not
            // an app that sent none.
            return lines + [StyledLine("headers and body not recorded (the record keeps your app's status and timing only)", style: Palette.dim)]
        }
        lines += DetailDocument.headerLines(upstream.headers)
        lines.append(StyledLine())
        lines += DetailDocument.bodyLines(upstream.body, contentType: upstream.headers.first(named: "Content-Type"),
                                          sizeNote: ByteCountText.format(upstream.body.count), state: state, width: width)
        return lines
    }

    static func dot(_ state: AppState) -> String {
        state.settings.unicode ? " · " : " | "
    }
}
