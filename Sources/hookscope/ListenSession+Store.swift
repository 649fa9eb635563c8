import ArgumentParser
import Foundation
import HookscopeStore

extension ListenSession {
    /// The store's writer, connected and migrated, when a store is named; a database that
    /// cannot be reached at start is one clear line and exit status 1.
    func connectStore() async throws -> StoreWriter? {
        guard let url = try options.storing.storeURL(configuration: try options.providers.configuration()) else { return nil }
        let writer = StoreWriter(
            connector: StoreConnector(url: url), listenerName: options.storing.listenerName,
            queueBytes: options.storing.storeQueue.bytes, retention: options.storing.retention)
        do {
            try await writer.connect()
        } catch {
            Self.printError(StoreConnector.reason(error))
            throw ExitCode(1)
        }
        return writer
    }

    /// The headless log's store lines: when the store goes away and comes back, how many
    /// writes wait meanwhile (every 5 s) and how many were lost.
    static func reportStoreStatus(_ writer: StoreWriter) async {
        var last = writer.status
        var lastPrinted = ContinuousClock.now
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(250))
            let now = writer.status
            if now.connected != last.connected || now.lost != last.lost
                || (!now.connected && ContinuousClock.now - lastPrinted >= .seconds(5)) {
                if now.connected {
                    printNotice("store: connected again" + (now.lost > 0 ? ", \(now.lost) writes lost while away" : ""))
                } else {
                    printNotice((now.summary ?? "store: reconnecting") + (now.reason.map { " (\($0))" } ?? ""))
                }
                lastPrinted = .now
            }
            last = now
        }
    }

    /// Writes what still waits (at most 5 s more while the store is away) and says what
    /// could not be written.
    func finishStore(_ writer: StoreWriter) async {
        let status = await writer.finish(timeout: .seconds(5))
        var line = "store: \(status.written) writes stored"
        if status.waiting > 0 { line += ", \(status.waiting) not written (the store was unreachable)" }
        if status.lost > 0 { line += ", \(status.lost) lost (--store-queue was full)" }
        Self.printNotice(line)
    }
}
