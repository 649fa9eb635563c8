import Foundation
import HookscopeCore
import NIOCore
import HookscopeCurses
import HookscopeServer
import HookscopeStore
import HookscopeTUI

extension ListenSession {
    /// Whether to open the full-screen interface instead of printing lines: both ends are
    /// a terminal that terminfo knows (not `dumb`), and neither --headless nor --json.
    var wantsTerminalUI: Bool {
        !options.headless && !options.json && Self.terminalCanShowUI
    }

    /// Both ends are a terminal that terminfo knows (not `dumb`); `attach` asks too.
    static var terminalCanShowUI: Bool {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return false }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        return !term.isEmpty && term != "dumb" && CursesTerminal.knowsTerminal(term)
    }

    /// Runs the full-screen interface until the user quits or a stop signal arrives; the
    /// terminal is restored before this returns.
    func runTerminalUI(server: CaptureServer, storeWriter: StoreWriter?, sharedPlans: SharedPlanStore?, alerts: @escaping @Sendable () -> [String], providerAnalyzer: @escaping @Sendable () -> ProviderAnalyzer, publicURL: PublicURL?, tunnel: TunnelSupervisor?, outgoingTLS: OutgoingTLS, stopSignals: StopSignals) async throws {
        let environment = ProcessInfo.processInfo.environment
        let utcOffset = TimeZone.current.secondsFromGMT()
        let replayClient = OutgoingHTTPClient(tls: outgoingTLS)
        let replay = replayControls(server: server, client: replayClient, analyzer: providerAnalyzer, environment: environment)
        // Curses gets a thread of its own: its reads block, and the server's event loops
        // must never wait for the screen.
        let started: Bool = await withCheckedContinuation { continuation in
            let thread = Thread {
                guard let terminal = CursesTerminal.start(environment: environment) else {
                    continuation.resume(returning: false)
                    return
                }
                let session = TerminalSession(terminal: terminal, environment: .init(
                    store: server.store,
                    header: {
                        let tunnelState = tunnel?.state
                        let storeStatus = storeWriter?.status
                        // Terminal-safe for the top bar and the OSC 52 copy, whatever the tunnel said.
                        let senderURL = (tunnelState.map { $0.url } ?? publicURL?.base).map { TerminalSafeText.string($0) }
                        return HeaderInfo(url: server.url, publicURL: senderURL,
                                   forwardTarget: server.forwarder?.configuration.routes.primary.upstream,
                                   forwardRoutes: server.forwarder?.configuration.routes,
                                   responseMode: Self.planSummary(server.plan.current, shared: sharedPlans?.current), intercept: server.interceptor.isEnabled,
                                   store: storeStatus?.shortState, storeIsWell: storeStatus?.summary == nil, alerts: alerts(),
                                   tunnelNotice: tunnelState.flatMap { $0.url == nil ? $0.summary : nil })
                    },
                    settings: DisplaySettings(unicode: terminal.unicode, utcOffsetSeconds: utcOffset),
                    shouldStop: { stopSignals.hasReceived },
                    controls: Self.answerControls(server),
                    replay: replay
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
            // UNFINISHED: rare (terminfo knew the terminal but curses still failed); lines are
            // not printed here because ListenSession chose its outputs before the UI started.
            Self.printError("could not start the terminal UI; listening on \(server.url) without it (Ctrl-C stops)")
            _ = await stopSignals.wait()
        }
    }

    /// The TUI's `r` and `e`: the same `Replayer` as `hookscope replay`, with the listen
    /// command's secrets and forward settings and the public URL of the moment (`analyzer`:
    /// a tunnel's URL comes and changes while the UI runs); each result becomes a row in the
    /// store.
    func replayControls(server: CaptureServer, client: OutgoingHTTPClient, analyzer: @escaping @Sendable () -> ProviderAnalyzer, environment: [String: String]) -> ReplayControls {
        let timeout = TimeAmount.milliseconds(Int64(options.forwarding.forwardTimeout))
        let rewriteHost = options.forwarding.rewriteHost
        let store = server.store
        return ReplayControls(
            check: { ReplayCheck($0, analyzer: analyzer(), now: $1.nanosecondsSinceEpoch / 1_000_000_000) },
            send: { items, order, report in
                let replayer = Replayer(client: client, analyzer: analyzer(), timeout: timeout, rewriteHost: rewriteHost)
                Task {
                    await replayer.replayAll(items, to: order.target, routed: order.routed, store: store) { report(StatusMessage($0.text, isError: $0.isError)) }
                }
            },
            edit: { ExternalEditor.edit($0, environment: environment) }
        )
    }

    /// The TUI's handles on the response plan and intercept.
    static func answerControls(_ server: CaptureServer) -> AnswerControls {
        let interceptor = server.interceptor
        return AnswerControls(
            plan: server.plan,
            setIntercept: { interceptor.setEnabled($0) },
            waiting: { interceptor.waiting.map { PendingAnswer(id: $0.id, deadline: $0.deadline) } },
            decide: { id, answer in interceptor.decide(id: id, answer.map { .answer($0) } ?? .drop) },
            decideAll: { answer in interceptor.decideAll(answer.map { .answer($0) } ?? .drop) },
            forward: { id in
                guard let id else { return interceptor.decideAll(.forward) }
                return interceptor.decide(id: id, .forward) ? 1 : 0
            }
        )
    }
}
