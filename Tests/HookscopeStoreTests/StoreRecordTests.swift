import Foundation
import HookscopeCore
import HookscopeStore
import Testing

@Suite struct StoreRecordTests {
    static func sample(id: Int = 7, body: [UInt8] = Array("{\"a\":1}".utf8), completed: Bool = true) -> Exchange {
        var exchange = Exchange(
            id: id, receivedAt: Timestamp(nanosecondsSinceEpoch: 1_764_590_000_123_000_000), remote: "10.0.0.1:5555",
            method: "POST", target: "/hooks/x?y=1", headers: [HeaderField("Content-Type", "application/json"), HeaderField("X-Dup", "1"), HeaderField("X-Dup", "2")],
            body: body)
        exchange.analysis.provider = "github"
        exchange.analysis.event = "push"
        exchange.analysis.attempt = 2
        if completed {
            exchange.response = ExchangeResponse(
                status: 202, headers: [HeaderField("X-Answer", "yes")], body: Array("ok\n".utf8), source: .rule, durationMilliseconds: 1.5)
        }
        return exchange
    }

    @Test func anExchangeComesBackWithTheStoresIdAndEverythingElseIntact() throws {
        let exchange = Self.sample()
        let record = StoreRecord(exchange)
        #expect(record.localID == 7)
        #expect(record.completed)
        #expect(record.status == 202)
        var back = try record.exchange(id: 1234)
        #expect(back.id == 1234)
        back.id = 7
        #expect(back == exchange)
    }

    /// The bytes are stored once, in their columns: the JSON object's bodies and answer
    /// headers are empty, its body_size still right.
    @Test func bodiesAreStoredOnceInTheirColumns() throws {
        let exchange = Self.sample(body: Array("{\"payload\":\"\(String(repeating: "x", count: 300))\"}".utf8))
        let record = StoreRecord(exchange)
        #expect(record.body == exchange.body)
        #expect(record.answerBody == Array("ok\n".utf8))
        #expect(record.answerHeadersJSON == #"[["X-Answer","yes"]]"#)
        #expect(!record.json.contains("xxxx") && !record.json.contains("X-Answer") && !record.json.contains("ok\\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(record.json.utf8)) as? [String: Any])
        #expect(object["body"] as? String == "")
        #expect((object["body_size"] as? Int) == exchange.body.count)
    }

    /// A row the previous hookscope wrote, with the bodies in the JSON object as well,
    /// reads back the same.
    @Test func rowsWrittenWithBodiesInTheObjectStillReadBack() throws {
        let exchange = Self.sample()
        var record = StoreRecord(exchange)
        record.json = ExchangeJSONLines.encode(exchange)
        var back = try record.exchange(id: 3)
        back.id = exchange.id
        #expect(back == exchange)
    }

    /// A forward the sender did not get (a rule answered, the app was called too): the row
    /// keeps the app's status and timing but not its headers and body, and the exchange
    /// read back says so, so that the screen says "not recorded" and not "(no headers)";
    /// the answer the sender got keeps its own, from their column.
    @Test func theAppsAnswerComesBackMarkedAsNotRecorded() throws {
        var exchange = Self.sample()
        exchange.upstream = UpstreamResponse(url: "http://localhost:3000/hooks/x", status: 200, headers: [HeaderField("X-App", "1")],
                                             body: Array("fine".utf8), durationMilliseconds: 2, route: "default")
        let back = try StoreRecord(exchange).exchange(id: 1)
        #expect(back.response == exchange.response)
        #expect(back.response?.contentRecorded == true)
        #expect(back.upstream?.status == 200)
        #expect(back.upstream?.contentRecorded == false)
        #expect(back.upstream?.headers == [])
    }

    /// An answer read back without its headers and body (an old save file) stays marked
    /// through a row: the row's JSON leaves the answer's `headers` out for it.
    @Test func anAnswerNotRecordedStaysNotRecorded() throws {
        var exchange = Self.sample()
        exchange.response?.headers = []
        exchange.response?.body = []
        exchange.response?.contentRecorded = false
        let back = try StoreRecord(exchange).exchange(id: 1)
        #expect(back.response?.contentRecorded == false)
        #expect(back.response?.status == exchange.response?.status)
    }

    @Test func binaryBodiesAndPendingAnswersSurvive() throws {
        let bytes: [UInt8] = [0, 255, 0xC3, 0x28, 10, 13, 0x80]
        let exchange = Self.sample(body: bytes, completed: false)
        let record = StoreRecord(exchange)
        #expect(!record.completed)
        #expect(record.status == nil)
        let back = try record.exchange(id: 1)
        #expect(back.body == bytes)
        #expect(back.response == nil)
    }

    @Test func aDamagedRowSaysWhichOne() {
        var record = StoreRecord(Self.sample())
        record.json = "{"
        #expect { try record.exchange(id: 99) } throws: { "\($0)".contains("row #99") }
        record = StoreRecord(Self.sample())
        record.answerHeadersJSON = "[1]"
        #expect { try record.exchange(id: 98) } throws: { "\($0)".contains("row #98: answer_headers") }
    }
}
