import Foundation
import HookscopeCore

/// One exchange as a row of `hookscope_exchanges`, without the columns the database fills
/// in (`id`, `change`, `listener`, `run`): what a listener writes and an attached client
/// reads back. Pure: no database here.
///
/// `exchange` is the JSON Lines object of the README's schema as the listener printed it
/// (its `id` is the listener's own, also in `local_id`), except for the bytes kept in
/// columns of their own, each stored once: `body` holds the body's bytes exactly and
/// `answer_headers` and `answer_body` the answer the sender got, so the object's `body`
/// and its answer's `headers` and `body` are written empty (`body_size` stays right).
/// Rows written before carry them in the object too; the columns win when reading.
public struct StoreRecord: Sendable, Equatable {
    public var localID: Int
    public var receivedAt: Date
    public var completed: Bool
    public var status: Int?
    public var json: String
    public var body: [UInt8]
    /// `[["Name","value"], ...]`
    public var answerHeadersJSON: String
    public var answerBody: [UInt8]

    public init(localID: Int, receivedAt: Date, completed: Bool, status: Int?, json: String,
                body: [UInt8], answerHeadersJSON: String, answerBody: [UInt8]) {
        self.localID = localID
        self.receivedAt = receivedAt
        self.completed = completed
        self.status = status
        self.json = json
        self.body = body
        self.answerHeadersJSON = answerHeadersJSON
        self.answerBody = answerBody
    }

    public init(_ exchange: Exchange) {
        localID = exchange.id
        receivedAt = Date(timeIntervalSince1970: exchange.receivedAt.secondsSinceEpoch)
        completed = exchange.response != nil
        status = exchange.response?.status
        var withoutContent = exchange
        withoutContent.body = []
        withoutContent.response?.headers = []
        withoutContent.response?.body = []
        json = ExchangeJSONLines.encode(withoutContent)
        body = exchange.body
        var writer = JSONWriter(reservingCapacity: 128)
        writer.raw("[")
        for (index, field) in (exchange.response?.headers ?? []).enumerated() {
            writer.raw(index == 0 ? "[" : ",[")
            writer.string(field.name)
            writer.raw(",")
            writer.string(field.value)
            writer.raw("]")
        }
        writer.raw("]")
        answerHeadersJSON = writer.string
        answerBody = exchange.response?.body ?? []
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The exchange with the store's id in place of the listener's.
    public func exchange(id: Int) throws -> Exchange {
        var exchange: Exchange
        do {
            exchange = try ExchangeJSONLines.decode(json)
        } catch {
            throw Failure(description: "row #\(id): \(error)")
        }
        exchange.id = id
        exchange.body = body
        if exchange.response != nil {
            exchange.response?.headers = try Self.headers(answerHeadersJSON, id: id)
            exchange.response?.body = answerBody
        }
        return exchange
    }

    /// What an attached client shows for a row it cannot read: its id, when it was
    /// received, and why, as a rejected request would say it. Complete (no answer to
    /// wait for), so nothing printed after it waits behind it.
    public static func unreadable(id: Int, receivedAt: Date, reason: String) -> Exchange {
        // The row's time may be anything PostgreSQL holds, `infinity` included.
        var exchange = Exchange(id: id, receivedAt: Timestamp(clampingSecondsSinceEpoch: receivedAt.timeIntervalSince1970), remote: "-",
                                method: "?", target: "(unreadable row #\(id))", headers: [], body: [])
        exchange.rejection = "the store's row #\(id) could not be read: \(TerminalSafeText.string(reason))"
        exchange.response = ExchangeResponse(status: nil, source: .error, durationMilliseconds: 0)
        return exchange
    }

    private static func headers(_ text: String, id: Int) throws -> [HeaderField] {
        guard let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String]] else {
            throw Failure(description: "row #\(id): answer_headers is not a list of [name, value] pairs")
        }
        return try list.map { pair in
            guard pair.count == 2 else { throw Failure(description: "row #\(id): answer_headers has a pair that is not [name, value]") }
            return HeaderField(pair[0], pair[1])
        }
    }
}
