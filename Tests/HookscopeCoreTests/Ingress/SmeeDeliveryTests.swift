import Testing
@testable import HookscopeCore

/// smee's event stream and deliveries, shaped as probot/smee.io sends them
/// (shared/ingress-facts.md): the SSE framing, the headers-plus-reserved-keys JSON, the raw
/// body when `rawdata` is there and the re-encoding marked when it is not.
@Suite struct SmeeDeliveryTests {
    @Test func eventsAreFramedAsTheStreamSaysWhateverThePieces() {
        let stream = "event: ready\ndata: {}\n\n: keep-alive comment\r\nevent: ping\r\ndata: {}\r\n\r\nid: 7\ndata: {\"a\":\ndata: 1}\n\nretry: 1000\n\n"
        var whole = ServerSentEventParser()
        let events = whole.feed(Array(stream.utf8))
        #expect(events == [
            .init(name: "ready", data: "{}"),
            .init(name: "ping", data: "{}"),
            .init(name: "message", data: "{\"a\":\n1}", id: "7"),
        ])
        // Byte by byte (CRLF split across pieces too), the same events.
        var pieces = ServerSentEventParser()
        var collected: [ServerSentEventParser.Event] = []
        for byte in stream.utf8 { collected += pieces.feed([byte]) }
        #expect(collected == events)
    }

    @Test func aDeliveryWithRawdataKeepsTheSendersBytes() throws {
        let raw = #"{"zeta": 1,   "alpha": "caf\u00e9"}"#
        let data = #"{"x-github-event":"push","content-type":"application/json","x-hub-signature-256":"sha256=ab","body":{"zeta":1,"alpha":"café"},"query":{"a":"1 2","b":["x","y"]},"timestamp":1764583200123,"rawdata":"{\"zeta\": 1,   \"alpha\": \"caf\\u00e9\"}"}"#
        let delivery = try #require(SmeeDelivery(eventData: data))
        #expect(delivery.body == Array(raw.utf8))
        #expect(delivery.bodyIsExact)
        #expect(delivery.headers == [
            HeaderField("x-github-event", "push"), HeaderField("content-type", "application/json"), HeaderField("x-hub-signature-256", "sha256=ab"),
        ])
        #expect(delivery.query == "a=1%202&b=x&b=y")
        let exchange = delivery.exchange(channel: "https://smee.io/AbC123", now: Timestamp(nanosecondsSinceEpoch: 0))
        #expect(exchange.method == "POST")
        #expect(exchange.target == "/AbC123?a=1%202&b=x&b=y")
        #expect(exchange.receivedAt == Timestamp(nanosecondsSinceEpoch: 1_764_583_200_123_000_000))
        #expect(exchange.relay == ExchangeRelay(kind: "smee", channel: "https://smee.io/AbC123", bodyIsExact: true))
        #expect(exchange.remote == "smee smee.io")
    }

    /// smee makes `rawdata` from a JavaScript string: a body that was not UTF-8 arrives with
    /// U+FFFD in place of its bytes, so it is not called exact (review L17).
    @Test func rawdataWithAReplacementCharacterIsNotExact() throws {
        let data = #"{"content-type":"application/x-www-form-urlencoded","body":{},"timestamp":1,"rawdata":"name=J\ufffdrg"}"#
        let delivery = try #require(SmeeDelivery(eventData: data))
        #expect(delivery.body == Array("name=J\u{FFFD}rg".utf8))
        #expect(!delivery.bodyIsExact)
    }

    @Test func withoutRawdataTheBodyIsSmeesReencodingAndMarkedSo() throws {
        let data = #"{"content-type":"application/json","body":{"zeta":1,"alpha":"café","list":[1,2]},"query":{},"timestamp":1}"#
        let delivery = try #require(SmeeDelivery(eventData: data))
        // What smee-client would post: the body as smee wrote it into the event, in order.
        #expect(String(decoding: delivery.body, as: UTF8.self) == #"{"zeta":1,"alpha":"café","list":[1,2]}"#)
        #expect(!delivery.bodyIsExact)
        #expect(delivery.query == nil)
        let exchange = delivery.exchange(channel: "https://smee.io/x", now: Timestamp(nanosecondsSinceEpoch: 5))
        #expect(exchange.relay?.bodyIsExact == false)
        #expect(exchange.relay?.explanation.contains("not the sender's bytes") == true)
        // A text body smee kept as text is that text; no body at all is nothing to re-encode.
        #expect(SmeeDelivery(eventData: #"{"body":"plain words","timestamp":1}"#)?.body == Array("plain words".utf8))
        #expect(SmeeDelivery(eventData: #"{"timestamp":1}"#)?.bodyIsExact == true)
        #expect(SmeeDelivery(eventData: "not json") == nil)
    }

    @Test func aRelayedDeliveryRoundTripsThroughJSONLines() throws {
        let data = #"{"content-type":"application/json","body":{"a":1},"timestamp":1}"#
        var exchange = try #require(SmeeDelivery(eventData: data)).exchange(channel: "https://smee.io/x", now: Timestamp(nanosecondsSinceEpoch: 0))
        exchange.id = 3
        exchange.response = ExchangeResponse(status: nil, source: .relay, durationMilliseconds: 0)
        let line = ExchangeJSONLines.encode(exchange)
        #expect(line.contains(#""source":"smee","relay":{"channel":"https://smee.io/x","body_exact":false}"#))
        #expect(line.contains(#""response":{"status":null,"source":"relay""#))
        let back = try ExchangeJSONLines.decode(line)
        #expect(back.relay == exchange.relay)
        #expect(back.response?.source == .relay)
    }
}
