import Foundation

/// The relay's one clock task: the claim, forward and backstop deadlines of every delivery
/// waiting (RemoteForwardDeadlines), where each offer and each claim had a sleeping task of
/// its own before.
extension RemoteForwardRelay {
    func clockLoop() async {
        while !Task.isCancelled, !isStopping {
            let (due, sleepUntil) = state.withLock { state in
                let waiting = state.waiting
                let next = state.deadlines.next(now: .now) { kind, id in
                    guard let entry = waiting[id] else { return false }
                    switch kind {
                    case .claim: return entry.claimedBy == nil
                    case .backstop: return true
                    case .forward: return entry.claimedBy != nil
                    }
                }
                state.clockSleepsUntil = next.sleepUntil
                return next
            }
            for deadline in due {
                switch deadline.kind {
                case .claim:
                    // Its take-back waits for the database (up to `takeBackSeconds`): in a
                    // task of its own, so that no other deadline waits behind it.
                    let id = deadline.id
                    Task { await self.claimTimeIsUp(id) }
                case .backstop, .forward:
                    answerTimeIsUp(deadline.id)
                }
            }
            // With nothing to wait for, a deadline set later wakes it (`clockSleepsPast`).
            let timeout = sleepUntil.map { $0 - .now } ?? .seconds(3600)
            if timeout > .zero { await clockWakeup.wait(timeout: timeout) }
        }
    }

    /// Whether the clock task sleeps past `due` (or looks at nothing): it must be woken to
    /// look again. Called under the state's lock, with the deadline added.
    static func clockSleepsPast(_ due: ContinuousClock.Instant, in state: State) -> Bool {
        state.clockSleepsUntil.map { due < $0 } ?? true
    }
}
