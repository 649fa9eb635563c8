import HookscopeCore
import HookscopeServer
import NIOPosix

/// `--source smee:URL`: one subscription per channel, each read by a task of its own that
/// records its deliveries through the server (so they are stored, forwarded, saved and
/// printed as captures are), until `stop`.
final class RelaySources: Sendable {
    let subscriptions: [SmeeSubscription]
    private let tasks: [Task<Void, Never>]

    init(channels: [String], server: CaptureServer, onChange: @escaping @Sendable (String) -> Void) {
        subscriptions = channels.map { SmeeSubscription(channel: $0, eventLoopGroup: MultiThreadedEventLoopGroup.singleton) }
        tasks = subscriptions.map { subscription in
            Task {
                await subscription.run(
                    record: { delivery in
                        await server.recordRelayed(delivery.exchange(channel: subscription.channel, now: .now()))
                    },
                    onChange: { _ in onChange(subscription.summary) }
                )
            }
        }
    }

    /// What the top bar says: the channels that are not up (`smee: starting`, `smee: down …`).
    var alerts: [String] {
        subscriptions.filter { $0.state.url == nil }.map(\.summary)
    }

    func stop() async {
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        for subscription in subscriptions { await subscription.shutdown() }
    }
}
