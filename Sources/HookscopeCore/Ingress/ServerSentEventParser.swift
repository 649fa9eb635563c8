/// Reads a `text/event-stream` as it arrives, in pieces of any size, into events (the
/// WHATWG HTML "event stream interpretation"): lines end in LF, CR or CRLF; `field: value`
/// (one space after the colon dropped); `data` lines join with LF; a blank line ends the
/// event; lines starting with `:` are comments (keep-alives). Pure: the smee client feeds it.
public struct ServerSentEventParser: Sendable {
    public struct Event: Sendable, Equatable {
        /// `message` when the stream named none.
        public var name: String
        public var data: String
        public var id: String?

        public init(name: String = "message", data: String, id: String? = nil) {
            self.name = name
            self.data = data
            self.id = id
        }
    }

    /// The most an event may hold before it is dropped (a stream that never ends one).
    public static let maxEventBytes = 64 * 1024 * 1024

    private var line: [UInt8] = []
    private var name: String?
    private var data: [UInt8] = []
    private var hasData = false
    private var id: String?
    private var afterCR = false
    public private(set) var droppedOversized = 0

    public init() {}

    /// The events completed by `bytes`.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [Event] where Bytes.Element == UInt8 {
        var events: [Event] = []
        for byte in bytes {
            if afterCR {
                afterCR = false
                if byte == 10 { continue }
            }
            switch byte {
            case 10, 13:
                afterCR = byte == 13
                if let event = endLine() { events.append(event) }
            default:
                if line.count + data.count < Self.maxEventBytes { line.append(byte) }
            }
        }
        return events
    }

    private mutating func endLine() -> Event? {
        defer { line.removeAll(keepingCapacity: true) }
        guard !line.isEmpty else { return dispatch() }
        if line.first == UInt8(ascii: ":") { return nil }
        let colon = line.firstIndex(of: UInt8(ascii: ":"))
        let field = String(decoding: line[..<(colon ?? line.endIndex)], as: UTF8.self)
        var value = colon.map { line[line.index(after: $0)...] } ?? []
        if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        switch field {
        case "event": name = String(decoding: value, as: UTF8.self)
        case "data":
            if hasData { data.append(10) }
            data.append(contentsOf: value)
            hasData = true
            if data.count > Self.maxEventBytes {
                droppedOversized += 1
                reset()
            }
        case "id" where !value.contains(0): id = String(decoding: value, as: UTF8.self)
        default: break   // `retry` and unknown fields: nothing hookscope uses
        }
        return nil
    }

    private mutating func dispatch() -> Event? {
        defer { reset() }
        guard hasData else { return nil }
        return Event(name: name.flatMap { $0.isEmpty ? nil : $0 } ?? "message", data: String(decoding: data, as: UTF8.self), id: id)
    }

    private mutating func reset() {
        name = nil
        data.removeAll(keepingCapacity: true)
        hasData = false
    }
}
