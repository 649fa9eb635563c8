import ArgumentParser
import Dispatch
import Foundation
import HookscopeCore
import HookscopeServer
import HookscopeStore
import NIOPosix

/// One run of `hookscope listen`: the store, the server, the outputs, and a clean stop
/// on SIGINT or SIGTERM.
struct ListenSession {
    let options: Listen
    let store: CaptureStore
    let plan: ResponsePlanHolder
    let printer = LinePrinter()

    init(options: Listen) throws {
        self.options = options
        self.store = CaptureStore(limits: .init(capacity: options.capacity, maxBytes: options.maxMemory.bytes))
        self.plan = ResponsePlanHolder(try options.responsePlan())
    }

    func run() async throws {
        let trimmer = MemoryTrimmer(store: store)
        trimmer.start()
        defer { trimmer.stop() }
        // Bad certificate files end the run before anything is loaded or bound.
        let tls: ListenerTLS?
        do {
            tls = try options.ingress.listenerTLS()
        } catch let problem as ListenerTLS.Problem {
            Self.printError(problem.description)
            throw ExitCode(1)
        }
        // The app's certificate settings (--ca-cert, --insecure) for forwards and replays.
        let outgoingTLS = try options.outgoingTLS.makeTLS()
        let saveWriter: SaveFileWriter?
        do {
            saveWriter = try options.save.map { try SaveFileWriter(path: $0) }
        } catch {
            Self.printError("\(error)")
            throw ExitCode(1)
        }

        let storeWriter = try await connectStore()
        let remoteForwardRelay = await connectRemoteForward(storeWriter)
        let json = options.json
        let printsLines = !wantsTerminalUI
        let unicode = LocaleCharset.isUTF8()
        // One analyzer for the server's verdicts and the TUI's replays and re-signing.
        var providerSettings = try options.providers.makeSettings()
        providerSettings.publicURL = try options.ingress.parsedPublicURL()
        if options.ingress.tlsCertificate != nil { providerSettings.listenerScheme = "https" }
        let providerAnalyzer = providerSettings.analyzer
        let tunnel = try makeTunnel(printsLines: printsLines)
        let analyzer = Self.analyzer(providerAnalyzer, tunnel: tunnel)
        // Loaded rows are numbered by the server's own grouper: a live retry of a loaded
        // event continues its count.
        // It holds first attempts' bodies for comparison within a quarter of the store's
        // budget: the newest bodies, which the store holds too.
        let retries = RetryGrouper(maxHeldBodyBytes: options.maxMemory.bytes / 4)
        if let path = options.load { loadSavedExchanges(from: path, retries: retries, analyzer: analyzer) }
        let printer = self.printer
        let stopSignals = StopSignals()
        // One group for the server and the forwarder's client: the server shuts it down.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: options.threads)
        if options.intercept, !wantsTerminalUI {
            Self.printNotice("warning: --intercept is off: there is no terminal UI to answer held requests (standard input or output is not a terminal)")
        }
        let forwarder = try options.forwarding.makeForwarder(maxBodyBytes: options.maxBody.bytes, eventLoopGroup: group, tls: outgoingTLS)
        let server: CaptureServer
        do {
            server = try await CaptureServer(
                configuration: CaptureServerConfiguration(
                    host: options.host, port: options.port,
                    maxBodyBytes: options.maxBody.bytes, threads: options.threads,
                    timeouts: options.timeouts, maxConnections: options.maxConnections,
                    maxURIBytes: options.maxURI.bytes, tls: tls
                ),
                store: store,
                plan: plan,
                interceptor: InterceptController(enabled: options.intercept && wantsTerminalUI, timeoutMilliseconds: options.interceptTimeout),
                forwarder: forwarder,
                analyzer: analyzer,
                retries: retries,
                onComplete: { exchange in
                    if let saveWriter {
                        let outcome = saveWriter.append(exchange)
                        if printsLines { Self.reportSave(outcome, path: saveWriter.path) }
                    }
                    storeWriter?.enqueue(.completed, exchange)
                    guard printsLines else { return }
                    // Written on the printer's thread, straight into its output buffer: a JSON
                    // line of a 64 KB body takes longer to encode than the rest of the exchange,
                    // and the event loop has better to do.
                    printer.print(cost: exchange.body.count, appending: { line in
                        if json {
                            ExchangeJSONLines.encode(exchange, appendingTo: &line)
                        } else {
                            ExchangeSummaryLine.append(exchange, unicode: unicode, to: &line)
                        }
                    })
                },
                onCapture: { storeWriter?.enqueue(.captured, $0) },
                remoteForward: remoteForwardRelay,
                eventLoopGroup: group
            )
        } catch {
            // The server has shut the forwarder and the group down.
            Self.printError("\(error)")
            throw ExitCode(1)
        }
        if !LoopbackAddress.contains(options.host) {
            Self.printNotice("listening on \(options.host): reachable from the network, not only from this machine")
        }
        storeWriter?.begin(listenerURL: server.url)
        // The plan's follower is this listener's presence on the store (StorePresence): an
        // attached UI's `i` names the listeners it reaches.
        let sharedPlans = storeWriter.map { SharedPlanStore(connector: $0.connector.named(StorePresence.listener(name: $0.listenerName))) }
        let sharedPlan = followSharedPlan(sharedPlans, interceptor: server.interceptor)
        defer { sharedPlan?.cancel() }
        let heldRequests = publishHeldRequests(storeWriter, interceptor: server.interceptor, relay: remoteForwardRelay)
        if wantsTerminalUI {
            // Whatever can throw comes before the tunnel starts: from its start on, every
            // way out goes through a stop of the tunnel.
            let relays = try startRelays(server: server, printsLines: false)
            tunnel?.start(localPort: server.boundPort)
            do {
                try await runTerminalUI(server: server, storeWriter: storeWriter, sharedPlans: sharedPlans, alerts: { Self.alerts(save: saveWriter?.status, refused: server.refusedConnections) + (relays?.alerts ?? []) }, providerAnalyzer: Self.currentAnalyzer(providerAnalyzer, tunnel: tunnel), publicURL: providerSettings.publicURL, tunnel: tunnel, outgoingTLS: outgoingTLS, stopSignals: stopSignals)
            } catch {
                await relays?.stop()
                await server.drain()
                await tunnel?.stop()
                await server.shutdown()
                throw error
            }
            await relays?.stop()
        } else {
            Self.printNotice("listening on \(server.url)")
            // A tunnel's URL is printed when it is found; an ssh host's given URL comes with it.
            if tunnel == nil, let publicURL = providerSettings.publicURL { Self.printNotice("public URL: \(publicURL) (senders use this)") }
            // Whatever can throw comes before the tunnel starts: from its start on, every
            // way out goes through a stop of the tunnel.
            let relays = try startRelays(server: server, printsLines: true)
            tunnel?.start(localPort: server.boundPort)
            if let storeWriter { Self.printNotice("storing to \(storeWriter.connector.url) as \(storeWriter.listenerName)") }
            let storeReport = storeWriter.map { writer in Task { await Self.reportStoreStatus(writer) } }
            defer { storeReport?.cancel() }
            let forwarderReport = remoteForwardRelay.map { relay in Task { await Self.reportForwarders(relay) } }
            defer { forwarderReport?.cancel() }
            if let secrets = try? options.providers.makeSettings().secretsSummary { Self.printNotice(secrets) }
            for route in forwarder?.configuration.routes.all ?? [] { 
                Self.printNotice(route.conditions.map { "forwarding \($0.summary) to \(route.upstream)" } ?? "forwarding to \(route.upstream)")
             }
            let refusals = Task { await Self.reportRefusals(server, limit: options.maxConnections) }
            let signal = await stopSignals.wait()
            refusals.cancel()
            Self.printNotice("\(signal): stopping, finishing answers in flight")
            await relays?.stop()
        }
        // Deliveries still offered to forwarders are answered by the plan, before the
        // server waits for its answers in flight.
        await remoteForwardRelay?.stop()
        // The answers in flight (held requests too) go back through the tunnel: it is
        // stopped only once they are finished and the listener is closed.
        await server.drain()
        // Every held request has its answer now: attached UIs stop showing them. The loop
        // is not waited for: with the database gone, its last statement may never return.
        heldRequests?.task.cancel()
        await heldRequests?.publisher.finish()
        await tunnel?.stop()
        await server.shutdown()
        var storeStatus: StoreWriter.Status?
        if let storeWriter { storeStatus = await finishStore(storeWriter) }
        let saveStatus = saveWriter?.close()
        printer.flush()
        let stats = store.statistics
        var summary = "captured \(CountWords.format(stats.captured, "exchange")): \(stats.stored) kept, \(stats.evicted) evicted"
        if stats.cleared > 0 { summary += ", \(stats.cleared) cleared" }
        if server.refusedConnections > 0 {
            summary += "; \(CountWords.format(server.refusedConnections, "connection")) refused over --max-connections \(options.maxConnections)"
        }
        if let path = options.save, let saveStatus { summary += "; " + Self.saveSummary(saveStatus, path: path) }
        let storeMissing = storeStatus.flatMap(\.missingSummary)
        if let storeMissing { summary += "; " + storeMissing }
        Self.printNotice(summary)
        // Lines the user asked to keep are missing from the file or the store: a failure
        // for scripts too.
        if let saveStatus, saveStatus.unsaved > 0 { throw ExitCode(1) }
        if storeMissing != nil { throw ExitCode(1) }
    }

    private func loadSavedExchanges(from path: String, retries: RetryGrouper, analyzer: ExchangeAnalyzer) {
        guard let data = FileManager.default.contents(atPath: path) else {
            Self.printError("cannot read \(path); starting with an empty store")
            return
        }
        // JSON Lines or HAR, whichever the file is.
        let contents = ExchangeFile.decode(String(decoding: data, as: UTF8.self))
        let (exchanges, problems) = (contents.exchanges, contents.problems)
        for exchange in retries.assignLoaded(exchanges, analyze: analyzer) { store.append(exchange) }
        for problem in problems.prefix(20) {
            Self.printError(contents.format == .har
                ? "\(path): skipped \(problem.message)"
                : "\(path):\(problem.line): skipped: \(problem.message)")
        }
        if problems.count > 20 { Self.printError("\(path): \(problems.count - 20) more bad entries skipped") }
        Self.printNotice("loaded \(CountWords.format(exchanges.count, "exchange")) from \(path)\(contents.format == .har ? " (HAR)" : "")")
    }

    static func printNotice(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data(("hookscope: " + message + "\n").utf8))
    }
}
