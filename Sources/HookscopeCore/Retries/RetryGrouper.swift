import Crypto
import Foundation
import Synchronization

/// Numbers the attempts of one event: deliveries with the same provider delivery id
/// (Teamwork `Delivery`, Standard Webhooks `webhook-id`, GitHub `X-GitHub-Delivery`, a
/// body `id`, ...), or else the same provider, path and body bytes within a window, are
/// attempts of one event. One lock around one table; entries older than the window are
/// forgotten, and the table is bounded.
///
/// A retry says "body differs from attempt 1" when its body is not attempt 1's. Without a
/// delivery id the key is the body's digest, so that never happens. With one, attempt 1's
/// body is held as it is (the same bytes the stored exchange holds, not a copy) and a retry
/// compares with it byte for byte: a delivery that is never retried is never hashed (#18).
/// The held bodies are bounded by `maxHeldBodyBytes`; past it the oldest are let go, each
/// replaced by its digest first, so a retry that comes later still gets its note.
public final class RetryGrouper: Sendable {
    public struct Group: Sendable, Equatable {
        public var attempts: Int
        public var firstSeen: Timestamp
        public var lastSeen: Timestamp
        var firstBody: FirstBody
        public var firstSignature: String?
    }

    /// What a retry's body is compared with.
    enum FirstBody: Sendable, Equatable {
        /// The first 12 bytes of attempt 1's SHA-256, in hex (`RetryGrouper.digest`).
        case digest(String)
        /// Attempt 1's body itself; `serial` tells this holding from a later group's under
        /// the same key.
        case held([UInt8], serial: UInt64)
        /// Attempt 1's body, let go of and being hashed outside the lock: still compared
        /// byte for byte until its digest takes its place.
        case digesting([UInt8], serial: UInt64)
    }

    /// The table and the bodies it holds, oldest first.
    struct Table {
        var groups: [String: Group] = [:]
        var held = RetryHeldBodies()
    }

    public let window: Int64
    public let maxGroups: Int
    public let maxHeldBodyBytes: Int
    private let table: Mutex<Table>

    /// - Parameters:
    ///   - windowSeconds: how long after its last attempt an event can still be retried
    ///     (the longest documented schedule in the seeds is Productive's 48 h).
    ///   - maxGroups: bound on the table; the stalest groups are forgotten first.
    ///   - maxHeldBodyBytes: bound on the first attempts' bodies held for comparison; they
    ///     are the newest bodies, which the capture store holds too as long as this is
    ///     below its own byte limit, so they cost no memory of their own then.
    public init(windowSeconds: Int64 = 72 * 3600, maxGroups: Int = 20_000, maxHeldBodyBytes: Int = 64 * 1024 * 1024) {
        window = windowSeconds
        self.maxGroups = max(1, maxGroups)
        self.maxHeldBodyBytes = max(0, maxHeldBodyBytes)
        table = Mutex(Table())
    }

    /// Fills `attempt`, `retryKey` and `retryChange` of the exchange's analysis.
    public func assign(_ exchange: inout Exchange) {
        // The store keeps an exact-size copy of a body that grew while read (chunked); made
        // here, the body held below is that copy, the very bytes the store keeps, and the
        // store's own call finds nothing to drop.
        exchange.body.dropSpareCapacity()
        let body = exchange.body
        let id = exchange.analysis.deliveryID.flatMap { $0.isEmpty ? nil : $0 }
        // Without an id the key is the digest, so it is needed now; with one, never on the
        // first attempt.
        let digest: String? = id == nil && !body.isEmpty ? Self.digest(body) : nil
        guard let key = Self.key(for: exchange, id: id, digest: digest) else { return }
        let signature = exchange.analysis.signature.header.flatMap { exchange.headers.first(named: $0) }
        let now = exchange.receivedAt
        var letGo: [RetryHeldBodies.LetGo] = []
        let (group, storedKey): (Group, String) = table.withLock { table in
            let index = table.groups.index(forKey: key)
            var group = index.map { table.groups.values[$0] }
            if let existing = group, now.nanosecondsSinceEpoch - existing.lastSeen.nanosecondsSinceEpoch > window * 1_000_000_000 {
                if case .held(let bytes, _) = existing.firstBody { table.held.forget(bytes.count) }
                group = nil
            }
            var updated = group ?? Group(
                attempts: 0, firstSeen: now, lastSeen: now,
                firstBody: digest.map { .digest($0) } ?? table.held.hold(body, key: key),
                firstSignature: signature
            )
            updated.attempts += 1
            updated.lastSeen = now
            // A retry takes the table's copy of the key, so all attempts of one event
            // share one string instead of keeping one each.
            var storedKey = key
            if let index {
                table.groups.values[index] = updated
                storedKey = table.groups.keys[index]
            } else {
                table.groups[key] = updated
            }
            if table.groups.count > maxGroups { Self.forgetStalest(&table, keeping: maxGroups * 3 / 4) }
            letGo = table.held.takeOldest(over: maxHeldBodyBytes, from: &table.groups)
            return (updated, storedKey)
        }
        if !letGo.isEmpty { digestLetGo(letGo) }
        exchange.analysis.attempt = group.attempts
        exchange.analysis.retryKey = storedKey
        guard group.attempts > 1 else { return }
        var changes: [String] = []
        if !Self.bodyIsFirst(body, group.firstBody, digest: digest) { changes.append("body differs from attempt 1") }
        if let first = group.firstSignature, let signature, first != signature {
            changes.append("signature differs from attempt 1")
        }
        exchange.analysis.retryChange = changes.isEmpty ? nil : changes.joined(separator: "; ")
    }

    /// The key that ties attempts together, or nil when nothing identifies the event.
    static func key(for exchange: Exchange, id: String?, digest: String?) -> String? {
        let provider = exchange.analysis.provider ?? "-"
        if let id {
            return "\(provider)|id|\(id)"
        }
        // Without an id, identical bytes to the same path are taken as a retry; empty
        // bodies (health checks, browsers) are not grouped.
        guard let digest else { return nil }
        return "\(provider)|\(exchange.method)|\(exchange.path)|\(digest)"
    }

    /// The first 12 bytes of the body's SHA-256 in hex. Raw-buffer hashing and one hex
    /// string: this runs on the event loop.
    static func digest(_ body: [UInt8]) -> String {
        var hash = SHA256()
        body.withUnsafeBytes { hash.update(bufferPointer: $0) }
        return hash.finalize().withUnsafeBytes { Hex.encode($0.prefix(12)) }
    }

    /// Whether a retry's body is attempt 1's: byte for byte against a held body, else by
    /// digest (this body's is made only now, for a retry whose attempt 1 was let go).
    static func bodyIsFirst(_ body: [UInt8], _ first: FirstBody, digest: String?) -> Bool {
        switch first {
        case .held(let bytes, _), .digesting(let bytes, _):
            guard bytes.count == body.count else { return false }
            guard !body.isEmpty else { return true }
            return bytes.withUnsafeBytes { a in body.withUnsafeBytes { b in memcmp(a.baseAddress!, b.baseAddress!, b.count) == 0 } }
        case .digest(let firstDigest):
            return firstDigest == (digest ?? Self.digest(body))
        }
    }

    /// Hashes the bodies let go, outside the lock, and puts each digest in its group; a
    /// retry that compares meanwhile still finds the body held.
    private func digestLetGo(_ entries: [RetryHeldBodies.LetGo]) {
        let digests = entries.map { Self.digest($0.body) }
        table.withLock { table in
            for (entry, digest) in zip(entries, digests) {
                guard case .digesting(_, let serial)? = table.groups[entry.key]?.firstBody, serial == entry.serial else { continue }
                table.groups[entry.key]?.firstBody = .digest(digest)
            }
        }
    }

    /// What a retry under `key` would be compared with (the tests look).
    func firstBody(key: String) -> FirstBody? {
        table.withLock { $0.groups[key]?.firstBody }
    }

    /// Bytes of the first attempts' bodies held now.
    var heldBodyBytes: Int { table.withLock { $0.held.bytes } }

    private static func forgetStalest(_ table: inout Table, keeping count: Int) {
        let keep = table.groups.sorted { $0.value.lastSeen > $1.value.lastSeen }.prefix(count)
        table.groups = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
        table.held.recount(table.groups)
    }
}
