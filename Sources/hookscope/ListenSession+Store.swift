import ArgumentParser
import Foundation
import HookscopeCore
import HookscopeStore

extension ListenSession {
    /// The store's writer, connected and migrated, when a store is named; a database that
    /// cannot be reached at start is one clear line and exit status 1.
    func connectStore() async throws -> StoreWriter? {
        guard let url = try options.storing.storeURL(configuration: try options.providers.configuration()) else { return nil }
        let writer = StoreWriter(
            connector: StoreConnector(url: url), listenerName: options.storing.listenerName,
            queueBytes: options.storing.storeQueue.bytes, retention: options.storing.retention, notice: storeNotice)
        do {
            try await writer.connect()
        } catch {
            Self.printError(StoreConnector.reason(error))
            throw ExitCode(1)
        }
        return writer
    }

    /// Where the store's loops say what they could not do and carry on without (a refused
    /// cleanup, once each): the headless log. UNFINISHED: the terminal UI does not show them.
    var storeNotice: @Sendable (String) -> Void {
        let printsLines = !wantsTerminalUI
        return { if printsLines { Self.printNotice($0) } }
    }

    /// The headless log's store lines: when the store goes away or refuses writes and
    /// when it is back, how many writes wait meanwhile (every 5 s) and how many were lost.
    static func reportStoreStatus(_ writer: StoreWriter) async {
        var last = writer.status
        var lastPrinted = ContinuousClock.now
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(250))
            let now = writer.status
            let troubled = !now.connected || now.refused
            if now.connected != last.connected || now.refused != last.refused || now.lost != last.lost
                || (troubled && ContinuousClock.now - lastPrinted >= .seconds(5)) {
                if !now.connected {
                    printNotice((now.summary ?? "store: reconnecting") + (now.reason.map { " (\($0))" } ?? ""))
                } else if now.refused {
                    printNotice(now.summary ?? "store: writes refused")
                } else if !last.connected {
                    printNotice("store: connected again" + (now.lost > 0 ? ", \(CountWords.format(now.lost, "write")) lost while away" : ""))
                } else if last.refused {
                    printNotice("store: writes accepted again" + (now.lost > 0 ? ", \(now.lost) lost meanwhile" : ""))
                } else {
                    printNotice(now.summary ?? "store: \(CountWords.format(now.lost, "write")) lost")
                }
                lastPrinted = .now
            }
            last = now
        }
    }

    /// Writes what still waits, for as long as writes get through (and at most
    /// `StoreWriter.finishPatience` more while none does), and says what could not be
    /// written, and why.
    func finishStore(_ writer: StoreWriter) async -> StoreWriter.Status {
        let status = await writer.finish()
        Self.printNotice(status.finalLine(patience: StoreWriter.finishPatience))
        return status
    }
}
