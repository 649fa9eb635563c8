import HookscopeCore

/// The detail's Attempts tab: every attempt of this event found in the snapshot, beside
/// the provider's documented schedule (the seeds' numbers only) and what comes next.
enum AttemptsDocument {
    static func lines(_ exchange: Exchange, state: AppState) -> [StyledLine] {
        let attempts = attemptsOfEvent(exchange, in: state.snapshot)
        let offset = state.settings.utcOffsetSeconds
        var lines: [StyledLine] = [StyledLine("Attempts of this event (\(attempts.count) stored)", style: Palette.sectionRule)]
        lines.append(StyledLine("  #  TIME          GAP         ANSWER", style: Palette.columnHeader))
        var previous: Timestamp?
        for attempt in attempts {
            let gap = previous.map { "+" + DurationWords.format(seconds: (attempt.receivedAt.nanosecondsSinceEpoch - $0.nanosecondsSinceEpoch + 500_000_000) / 1_000_000_000) } ?? ""
            var line = StyledLine("  " + "\(attempt.analysis.attempt)".padding(to: 3) + ClockText.time(attempt.receivedAt, utcOffsetSeconds: offset).padding(to: 14) + gap.padding(to: 12),
                                  style: attempt.id == exchange.id ? Palette.label : .plain)
            line.append(answerText(attempt), style: DetailDocument.styleForStatus(attempt.response?.status))
            lines.append(line)
            if let change = attempt.analysis.retryChange {
                lines.append(StyledLine("     ! attempt \(attempt.analysis.attempt): \(change)", style: Palette.error))
            }
            previous = attempt.receivedAt
        }
        lines.append(StyledLine())
        lines += scheduleLines(exchange, attempts: attempts, state: state)
        return lines
    }

    /// This exchange and every stored one with the same retry key, oldest first.
    static func attemptsOfEvent(_ exchange: Exchange, in snapshot: CaptureSnapshot) -> [Exchange] {
        guard let key = exchange.analysis.retryKey else { return [exchange] }
        return snapshot.filter { $0.analysis.retryKey == key }
    }

    static func answerText(_ exchange: Exchange) -> String {
        guard let response = exchange.response else { return "waiting" }
        return "\(response.status.map(String.init) ?? "no answer") (\(response.source.rawValue))"
    }

    static func scheduleLines(_ exchange: Exchange, attempts: [Exchange], state: AppState) -> [StyledLine] {
        guard let name = exchange.analysis.provider else {
            return [StyledLine("No provider detected: no documented schedule to compare with.", style: Palette.dim)]
        }
        // UNFINISHED: only the built-in profiles are consulted; a provider defined in the
        // config file with its own schedule shows "no documented retry schedule" here
        // until the session passes the configured profiles in.
        guard let profile = BuiltInProviders.named(name) else {
            return [StyledLine("No documented retry schedule is known for \(name).", style: Palette.dim)]
        }
        let schedule = profile.retries
        var lines = [StyledLine("\(profile.displayName)'s documented retries", style: Palette.sectionRule)]
        guard schedule.isDocumented else {
            lines.append(StyledLine("\(profile.displayName)'s documentation does not describe retries: nothing to expect or compare.", style: Palette.dim))
            return lines
        }
        lines.append(row("Schedule", schedule.summary))
        if schedule.delaysSeconds == nil, schedule.retryCount != nil {
            lines.append(row("Spacing", "not documented: hookscope cannot say when each retry comes"))
        }
        let outlook = RetryOutlook(
            schedule: schedule,
            attempts: attempts.map { RetryOutlook.Attempt(at: $0.receivedAt, status: $0.response?.status) },
            lastAnswered: attempts.last?.response != nil
        )
        let offset = state.settings.utcOffsetSeconds
        func when(_ time: Timestamp) -> String { ClockText.dateTime(time, utcOffsetSeconds: offset) }
        switch outlook.verdict {
        case .delivered: lines.append(row("Next", "none: our last answer counts as success"))
        case .retryExpected(let number, let at): lines.append(row("Next", "retry \(number) expected at \(when(at))"))
        case .retriesUndated(let remaining, let by): lines.append(row("Next", "\(remaining) more retries\(by.map { " by \(when($0))" } ?? ""), times not documented"))
        case .gaveUp: lines.append(row("Next", "none: every documented retry was used (\(schedule.afterLastFailure ?? "then it gives up"))"))
        case .undocumented: lines.append(row("Next", "not documented"))
        case .unanswered: lines.append(row("Next", "depends on the answer still to be sent"))
        }
        if outlook.lastIsFailure == true, let final = outlook.finalAttemptAt {
            lines.append(row("Gives up", "after the attempt at \(when(final)) if every answer fails"))
        }
        if name == BuiltInProviders.productive.name {
            lines += deactivationWarning(state.snapshot, schedule: schedule)
        }
        return lines
    }

    /// Productive deactivates the integration after 3 sequential failed events.
    static func deactivationWarning(_ snapshot: CaptureSnapshot, schedule: RetrySchedule) -> [StyledLine] {
        var latest: [String: (order: Int, failed: Bool)] = [:]
        for exchange in snapshot where exchange.analysis.provider == BuiltInProviders.productive.name {
            guard let response = exchange.response else { continue }
            let key = exchange.analysis.retryKey ?? "#\(exchange.id)"
            let order = latest[key]?.order ?? exchange.id
            latest[key] = (order, RetryPlan.isFailure(status: response.status, schedule: schedule))
        }
        let run = SequentialFailures.trailingRun(latest.values.sorted { $0.order < $1.order }.map(\.failed))
        let limit = SequentialFailures.productiveLimit
        guard run >= limit - 1 else { return [] }
        let text = run >= limit
            ? "our answers failed the last \(run) Productive events in a row: Productive deactivates the integration after \(limit)"
            : "our answers failed the last \(run) Productive events in a row: one more and Productive deactivates the integration"
        return [StyledLine(), StyledLine("! Warning: " + text, style: Palette.error)]
    }

    static func row(_ label: String, _ value: String) -> StyledLine {
        var line = StyledLine(label.padding(to: 10), style: Palette.label)
        line.append(value)
        return line
    }
}
