import Foundation
import HookscopeCore
import HookscopeCurses
import HookscopeServer
import HookscopeStore
import HookscopeTUI

extension AttachSession {
    var wantsTerminalUI: Bool {
        !options.headless && !options.json && ListenSession.terminalCanShowUI
    }

    /// The same terminal UI as `listen`, over the store's rows: the UI reads the
    /// `CaptureStore` the reader fills and does not know where the rows come from. Its
    /// answer keys work on the store: s, R and i change the shared plan, and a, A and D
    /// decide the requests the listeners hold.
    func runTerminalUI(stopSignals: StopSignals, forwarding: AttachForwarding?, plans: SharedPlanStore, held: HeldRequestsFollower,
                       notices: PlanNotices) async throws {
        let environment = ProcessInfo.processInfo.environment
        let utcOffset = TimeZone.current.secondsFromGMT()
        // r and e send with the same certificate settings as hookscope replay.
        let replayClient = OutgoingHTTPClient(tls: try options.outgoingTLS.makeTLS())
        let replay = replayControls(client: replayClient, environment: environment)
        let reader = self.reader
        let store = self.store
        let replayTo = options.replayTo
        let forwardingSummary = forwarding?.summary
        let ownForwarder = forwarding?.claimer.forwarderID
        let forwardRoutes = forwarding?.forwarder.configuration.routes
        let started: Bool = await withCheckedContinuation { continuation in
            let thread = Thread {
                guard let terminal = CursesTerminal.start(environment: environment) else {
                    continuation.resume(returning: false)
                    return
                }
                let session = TerminalSession(terminal: terminal, environment: .init(
                    store: store,
                    header: {
                        HeaderInfo(url: reader.connector.url.description, forwardTarget: replayTo,
                                   responseMode: Self.planSummary(plans, forwarding: forwardingSummary),
                                   intercept: plans.current?.intercept == true, store: reader.statusSummary,
                                   ownForwarder: ownForwarder, storeForwardRoutes: forwardRoutes)
                    },
                    settings: DisplaySettings(unicode: terminal.unicode, utcOffsetSeconds: utcOffset),
                    shouldStop: { stopSignals.hasReceived },
                    controls: Self.answerControls(held, plans: plans, forwarding: forwarding, store: store),
                    replay: replay,
                    notice: notices.forTerminalUI
                ))
                session.run()
                terminal.stop()
                continuation.resume(returning: true)
            }
            thread.name = "hookscope-ui"
            thread.start()
        }
        await replayClient.shutdown()
        if !started {
            notices.lines.forEach(ListenSession.printNotice)
            ListenSession.printError("could not start the terminal UI; use --headless or --json")
        }
    }

    /// `r` and `e` as in `listen`, with this machine's secrets. The answers are reported
    /// on the status line (`replay of #17: 200 OK in 12 ms`); they do not become rows,
    /// because the rows' ids are the store's and its ring holds only those.
    /// UNFINISHED: show attached replays as rows of their own (ids outside the store's).
    func replayControls(client: OutgoingHTTPClient, environment: [String: String]) -> ReplayControls {
        let analyzer = self.analyzer
        let replayer = Replayer(client: client, analyzer: analyzer, timeout: .milliseconds(Int64(options.timeout)), rewriteHost: false)
        return ReplayControls(
            check: { ReplayCheck($0, analyzer: analyzer, now: $1.nanosecondsSinceEpoch / 1_000_000_000) },
            send: { items, order, report in
                Task {
                    await replayer.replayAll(items, to: order.target, routed: order.routed, store: nil) { report(StatusMessage($0.text, isError: $0.isError)) }
                }
            },
            edit: { ExternalEditor.edit($0, environment: environment) }
        )
    }
}
