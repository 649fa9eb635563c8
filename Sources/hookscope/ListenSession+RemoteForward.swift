import Foundation
import HookscopeCore
import HookscopeStore

extension ListenSession {
    /// The relay that offers deliveries to the forwarders attached to the store, connected;
    /// nil without a store. A relay that cannot connect leaves the listener answering by
    /// its plan, and says so.
    func connectRemoteForward(_ writer: StoreWriter?) async -> RemoteForwardRelay? {
        guard let writer else { return nil }
        let relay = RemoteForwardRelay(
            connector: writer.connector, run: writer.run,
            claimTimeout: .milliseconds(options.remoteForward.claimTimeout),
            forwardTimeout: .milliseconds(options.forwarding.forwardTimeout), notice: storeNotice)
        do {
            try await relay.connect()
        } catch {
            Self.printNotice("warning: no forwarding through the store: \(StoreConnector.reason(error))")
            return nil
        }
        relay.begin()
        return relay
    }

    /// The headless log's line when forwarders attach or leave.
    static func reportForwarders(_ relay: RemoteForwardRelay) async {
        // The first state is said too: "no forwarder attached" tells a user the tunnel is there.
        var last: [String]?
        while !Task.isCancelled {
            let now = relay.forwarderNames
            if now != last {
                printNotice(now.isEmpty
                    ? "remote forward: no forwarder attached; the answer plan answers every delivery"
                    // The names come from the store, written by whoever attached: escaped.
                    : "remote forward: \(CountWords.format(now.count, "forwarder")) attached: \(TerminalSafeText.string(now.joined(separator: ", ")))")
                last = now
            }
            try? await Task.sleep(for: .milliseconds(250))
        }
    }
}
