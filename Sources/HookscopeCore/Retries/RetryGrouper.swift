import Crypto
import Synchronization

/// Numbers the attempts of one event: deliveries with the same provider delivery id
/// (Teamwork `Delivery`, Standard Webhooks `webhook-id`, GitHub `X-GitHub-Delivery`, a
/// body `id`, ...), or else the same provider, path and body bytes within a window, are
/// attempts of one event. One lock around one table; entries older than the window are
/// forgotten, and the table is bounded.
public final class RetryGrouper: Sendable {
    public struct Group: Sendable, Equatable {
        public var attempts: Int
        public var firstSeen: Timestamp
        public var lastSeen: Timestamp
        public var firstBodyDigest: String
        public var firstSignature: String?
    }

    public let window: Int64
    public let maxGroups: Int
    private let groups: Mutex<[String: Group]>

    /// - Parameters:
    ///   - windowSeconds: how long after its last attempt an event can still be retried
    ///     (the longest documented schedule in the seeds is Productive's 48 h).
    ///   - maxGroups: bound on the table; the stalest groups are forgotten first.
    public init(windowSeconds: Int64 = 72 * 3600, maxGroups: Int = 20_000) {
        window = windowSeconds
        self.maxGroups = max(1, maxGroups)
        groups = Mutex([:])
    }

    /// Fills `attempt`, `retryKey` and `retryChange` of the exchange's analysis.
    public func assign(_ exchange: inout Exchange) {
        // The digest once per exchange: the key without a delivery id uses it too.
        let digest = Self.digest(exchange.body)
        guard let key = Self.key(for: exchange, digest: digest) else { return }
        let signature = exchange.analysis.signature.header.flatMap { exchange.headers.first(named: $0) }
        let now = exchange.receivedAt
        let (group, storedKey): (Group, String) = groups.withLock { table in
            let index = table.index(forKey: key)
            var group = index.map { table.values[$0] }
            if let existing = group, now.nanosecondsSinceEpoch - existing.lastSeen.nanosecondsSinceEpoch > window * 1_000_000_000 {
                group = nil
            }
            var updated = group ?? Group(attempts: 0, firstSeen: now, lastSeen: now, firstBodyDigest: digest, firstSignature: signature)
            updated.attempts += 1
            updated.lastSeen = now
            // A retry takes the table's copy of the key, so all attempts of one event
            // share one string instead of keeping one each.
            var storedKey = key
            if let index {
                table.values[index] = updated
                storedKey = table.keys[index]
            } else {
                table[key] = updated
            }
            if table.count > maxGroups { Self.forgetStalest(&table, keeping: maxGroups * 3 / 4) }
            return (updated, storedKey)
        }
        exchange.analysis.attempt = group.attempts
        exchange.analysis.retryKey = storedKey
        guard group.attempts > 1 else { return }
        var changes: [String] = []
        if group.firstBodyDigest != digest { changes.append("body differs from attempt 1") }
        if let first = group.firstSignature, let signature, first != signature {
            changes.append("signature differs from attempt 1")
        }
        exchange.analysis.retryChange = changes.isEmpty ? nil : changes.joined(separator: "; ")
    }

    /// The key that ties attempts together, or nil when nothing identifies the event.
    static func key(for exchange: Exchange, digest: String) -> String? {
        let provider = exchange.analysis.provider ?? "-"
        if let id = exchange.analysis.deliveryID, !id.isEmpty {
            return "\(provider)|id|\(id)"
        }
        // Without an id, identical bytes to the same path are taken as a retry; empty
        // bodies (health checks, browsers) are not grouped.
        guard !exchange.body.isEmpty else { return nil }
        return "\(provider)|\(exchange.method)|\(exchange.path)|\(digest)"
    }

    /// The first 12 bytes of the body's SHA-256 in hex. Raw-buffer hashing and one hex
    /// string: this runs for every captured request on the event loop.
    static func digest(_ body: [UInt8]) -> String {
        var hash = SHA256()
        body.withUnsafeBytes { hash.update(bufferPointer: $0) }
        return hash.finalize().withUnsafeBytes { Hex.encode($0.prefix(12)) }
    }

    private static func forgetStalest(_ table: inout [String: Group], keeping count: Int) {
        let keep = table.sorted { $0.value.lastSeen > $1.value.lastSeen }.prefix(count)
        table = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
    }
}
