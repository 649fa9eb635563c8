/// The first attempts' bodies `RetryGrouper` holds for comparison, oldest first, and their
/// bytes. The bodies themselves live in the groups; this keeps their order and sizes, so
/// forgetting a group forgets its body at once, and letting the oldest go takes them from
/// the groups.
struct RetryHeldBodies {
    /// One holding, in the order they were made.
    struct Entry {
        let key: String
        let serial: UInt64
        let byteCount: Int
    }

    /// A body taken out of the holding, to be replaced by its digest.
    struct LetGo {
        let key: String
        let serial: UInt64
        let body: [UInt8]
    }

    private var order: [Entry] = []
    private var start = 0
    private var nextSerial: UInt64 = 1
    /// Bytes of the bodies held now.
    private(set) var bytes = 0

    /// Holds attempt 1's body for a new group under `key`. An empty body takes no room.
    mutating func hold(_ body: [UInt8], key: String) -> RetryGrouper.FirstBody {
        guard !body.isEmpty else { return .held([], serial: 0) }
        let serial = nextSerial
        nextSerial += 1
        order.append(Entry(key: key, serial: serial, byteCount: body.count))
        bytes += body.count
        return .held(body, serial: serial)
    }

    /// A group that held `byteCount` bytes was replaced; its entry is skipped later.
    mutating func forget(_ byteCount: Int) {
        bytes -= byteCount
    }

    /// Takes the oldest bodies out until at most `limit` bytes are held. Their groups keep
    /// them, marked `digesting`, until the digest replaces them (`RetryGrouper.digestLetGo`).
    mutating func takeOldest(over limit: Int, from groups: inout [String: RetryGrouper.Group]) -> [LetGo] {
        var taken: [LetGo] = []
        while bytes > limit, start < order.count {
            let entry = order[start]
            start += 1
            guard case .held(let body, let serial)? = groups[entry.key]?.firstBody, serial == entry.serial else { continue }
            groups[entry.key]?.firstBody = .digesting(body, serial: serial)
            bytes -= entry.byteCount
            taken.append(LetGo(key: entry.key, serial: serial, body: body))
        }
        // Entries of replaced groups pile up while nothing is let go; keep the list near
        // the number of groups.
        if order.count - start > 2 * groups.count + 1024 {
            recount(groups)
        } else if start > 1024, start * 2 > order.count {
            order.removeFirst(start)
            start = 0
        }
        return taken
    }

    /// After groups were forgotten: only the entries of bodies still held, and their bytes.
    mutating func recount(_ groups: [String: RetryGrouper.Group]) {
        order = order[start...].filter { entry in
            guard case .held(_, let serial)? = groups[entry.key]?.firstBody else { return false }
            return serial == entry.serial
        }
        start = 0
        bytes = order.reduce(0) { $0 + $1.byteCount }
    }
}
