import ArgumentParser
import Foundation
import HookscopeCore
import HookscopeServer
import HookscopeStore
import Synchronization

/// One run of `hookscope attach`: the store's reader feeds a `CaptureStore` as the capture
/// server does for `listen`, so the terminal UI shows it the same way; lines and JSON Lines
/// are printed in id order.
struct AttachSession {
    let options: Attach
    let store: CaptureStore
    let reader: StoreReader
    let analyzer: ProviderAnalyzer

    init(options: Attach) throws {
        self.options = options
        store = CaptureStore(limits: .init(capacity: options.capacity, maxBytes: options.maxMemory.bytes))
        reader = StoreReader(connector: StoreConnector(url: try options.storeURL()), start: try options.start())
        do {
            analyzer = try options.providers.makeSettings().analyzer
        } catch let error as ProviderSettings.UsageError {
            ListenSession.printError(error.description)
            throw ExitCode(2)
        }
    }

    func run() async throws {
        do {
            try await reader.open()
        } catch {
            ListenSession.printError(StoreConnector.reason(error))
            throw ExitCode(1)
        }
        let tui = wantsTerminalUI
        // A terminal UI's plan follower is how listeners know someone watches (StorePresence):
        // a headless listener holds requests for a shared intercept only then.
        let plans = SharedPlanStore(connector: tui ? reader.connector.named(StorePresence.watcher(who: UserAtHost.current)) : reader.connector)
        let notices = try await setSharedPlan(plans)
        if !tui { notices.lines.forEach(ListenSession.printNotice) }
        let followingPlan = Task {
            await plans.follow { plan in
                // Anyone who can write to the store wrote this text: escaped before it is printed.
                if !tui { ListenSession.printNotice(plan.map { "plan: \(TerminalSafeText.string($0.summary))" } ?? "plan: every listener answers by its own flags") }
            }
        }
        defer { followingPlan.cancel() }
        let forwarding = try await startForwarding { forwarded in
            // The terminal UI shows the row itself (with who forwarded it) when it is stored.
            if !tui { ListenSession.printNotice(Self.forwardedLine(forwarded)) }
        }
        let stopSignals = StopSignals()
        let reader = self.reader
        let store = self.store
        let analyzer = self.analyzer
        let lines = wantsTerminalUI ? nil : AttachLines(json: options.json)
        let reading = Task {
            await reader.run { exchanges in
                let shown = exchanges.map { Self.withLocalVerdict($0, analyzer: analyzer) }
                for exchange in shown { store.upsert(exchange) }
                lines?.add(shown)
            }
        }
        if wantsTerminalUI {
            let held = HeldRequestsFollower(connector: reader.connector)
            let followingHeld = Task { await held.follow() }
            defer { followingHeld.cancel() }
            try await runTerminalUI(stopSignals: stopSignals, forwarding: forwarding, plans: plans, held: held, notices: notices)
        } else {
            ListenSession.printNotice("attached to \(reader.connector.url)")
            if let forwarding { ListenSession.printNotice(forwarding.summary) }
            // Remote intercept in the log: held requests as they appear and as they are answered.
            let held = HeldRequestsFollower(connector: reader.connector)
            let followingHeld = Task { await held.follow() }
            defer { followingHeld.cancel() }
            let ticking = Task {
                var wasConnected = true
                var heldLines = HeldRequestLines(since: .now())
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(250))
                    lines?.tick()
                    // Anyone who can write to the store wrote the names and decisions: escaped.
                    if let rows = held.rows {
                        for line in heldLines.lines(for: rows, now: .now()) { ListenSession.printNotice(TerminalSafeText.string(line)) }
                    }
                    let status = reader.statusSummary
                    if (status == nil) != wasConnected {
                        wasConnected = status == nil
                        ListenSession.printNotice(status ?? "store: connected again")
                    }
                }
            }
            let signal = await stopSignals.wait()
            ListenSession.printNotice("\(signal): stopping")
            ticking.cancel()
        }
        await forwarding?.stop(again: stopSignals)
        reading.cancel()
        await reading.value
        lines?.flush()
    }

    /// The verdict with this machine's secrets where it has one for the provider; the
    /// listener's verdict otherwise. The retry count is the listener's.
    static func withLocalVerdict(_ exchange: Exchange, analyzer: ProviderAnalyzer) -> Exchange {
        var local = analyzer.analyze(exchange)
        guard local.signature.status != .noSecret else { return exchange }
        var exchange = exchange
        local.attempt = exchange.analysis.attempt
        exchange.analysis = local
        return exchange
    }
}

/// Lines for `attach --headless/--json`, in id order (`StorePrintOrder`).
final class AttachLines: Sendable {
    let json: Bool
    private let order = Mutex(StorePrintOrder())
    private let printer = LinePrinter()
    private let started = ContinuousClock.now

    init(json: Bool) {
        self.json = json
    }

    func add(_ exchanges: [Exchange]) {
        let now = seconds
        print(order.withLock { $0.add(exchanges, now: now) })
    }

    func tick() {
        let now = seconds
        print(order.withLock { $0.release(now: now) })
    }

    func flush() {
        printer.flush()
    }

    /// Seconds since this began, for `StorePrintOrder`'s hold.
    private var seconds: Double {
        let elapsed = (ContinuousClock.now - started).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }

    private func print(_ exchanges: [Exchange]) {
        for exchange in exchanges {
            let json = self.json
            printer.print(cost: exchange.body.count, appending: { line in
                if json { ExchangeJSONLines.encode(exchange, appendingTo: &line) } else { ExchangeSummaryLine.append(exchange, to: &line) }
            })
        }
    }
}
