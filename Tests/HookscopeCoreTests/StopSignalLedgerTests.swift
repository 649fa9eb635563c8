import HookscopeCore
import Synchronization
import Testing

@Suite struct StopSignalLedgerTests {
    /// What an `onEveryStop` action was told, in order.
    final class Heard: Sendable {
        let names = Mutex<[String]>([])
        func add(_ name: String) { names.withLock { $0.append(name) } }
        var all: [String] { names.withLock { $0 } }
    }

    @Test func theFirstSignalIsTheStopAwaitedEvenWhenItCameBeforeTheWait() async {
        let ledger = StopSignalLedger()
        #expect(!ledger.hasReceived)
        ledger.deliver("SIGTERM")
        ledger.deliver("SIGINT")
        #expect(ledger.hasReceived)
        #expect(await ledger.wait() == "SIGTERM")
    }

    @Test func aWaitingSessionIsWokenByTheFirstSignal() async {
        let ledger = StopSignalLedger()
        async let stopped = ledger.wait()
        // The wait may or may not have begun; either way it ends with this signal.
        ledger.deliver("SIGHUP")
        #expect(await stopped == "SIGHUP")
    }

    /// Session 20 review A, L3: a second ^C that came between the first one's stop and
    /// the drain's `onEveryStop` was dropped, and the drain waited its whole timeout.
    @Test func aSecondSignalBeforeAnyoneAskedIsToldWhenTheyAsk() {
        let ledger = StopSignalLedger()
        ledger.deliver("SIGINT")
        ledger.deliver("SIGINT")
        let heard = Heard()
        ledger.onEveryStop { heard.add($0) }
        #expect(heard.all == ["SIGINT"])
        ledger.deliver("SIGTERM")
        #expect(heard.all == ["SIGINT", "SIGTERM"])
    }

    /// A forwarder stopped by `q` (no signal yet) asks first: then the first signal is
    /// told as well, and nothing is told twice.
    @Test func anActionSetBeforeAnySignalHearsEveryOneOnce() {
        let ledger = StopSignalLedger()
        let heard = Heard()
        ledger.onEveryStop { heard.add($0) }
        #expect(heard.all.isEmpty)
        ledger.deliver("SIGINT")
        ledger.deliver("SIGINT")
        #expect(heard.all == ["SIGINT", "SIGINT"])
    }

    @Test func theFirstSignalAloneIsNotToldToALaterAction() {
        let ledger = StopSignalLedger()
        ledger.deliver("SIGINT")
        let heard = Heard()
        ledger.onEveryStop { heard.add($0) }
        #expect(heard.all.isEmpty)
    }
}
