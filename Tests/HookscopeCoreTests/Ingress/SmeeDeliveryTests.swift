import Foundation
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
        // The channel's path names a secret: the target keeps only the query.
        #expect(exchange.target == "/?a=1%202&b=x&b=y")
        #expect(exchange.receivedAt == Timestamp(nanosecondsSinceEpoch: 1_764_583_200_123_000_000))
        #expect(exchange.relay == ExchangeRelay(kind: "smee", host: "smee.io", channelTag: ExchangeRelay.tag(ofChannel: "https://smee.io/AbC123"), bodyIsExact: true))
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
        let tag = ExchangeRelay.tag(ofChannel: "https://smee.io/x")
        #expect(line.contains(#""source":"smee","relay":{"host":"smee.io","channel_tag":"\#(tag)","body_exact":false}"#), "\(line)")
        #expect(line.contains(#""response":{"status":null,"source":"relay""#))
        let back = try ExchangeJSONLines.decode(line)
        #expect(back.relay == exchange.relay)
        #expect(back.response?.source == .relay)
    }

    /// The channel URL is a secret (whoever knows it reads every delivery, review L18):
    /// nothing hookscope writes of a relayed delivery holds it, only the host and a tag
    /// that tells channels apart; a line written before (with the URL) loses it when read.
    @Test func theChannelURLIsNeverWrittenOnlyItsHostAndATag() throws {
        let channel = "https://smee.io/Zq8LmW3vXk2TtR9p"
        let data = #"{"x-github-event":"ping","content-type":"application/json","body":{"zen":"x"},"query":{"q":"1"},"timestamp":1,"rawdata":"{\"zen\":\"x\"}"}"#
        var exchange = try #require(SmeeDelivery(eventData: data)).exchange(channel: channel, now: Timestamp(nanosecondsSinceEpoch: 0))
        exchange.response = ExchangeResponse(status: nil, source: .relay, durationMilliseconds: 0)
        let tag = ExchangeRelay.tag(ofChannel: channel)
        #expect(tag.count == 8 && tag.allSatisfy(\.isHexDigit))
        #expect(tag != ExchangeRelay.tag(ofChannel: "https://smee.io/Zq8LmW3vXk2TtR9q"))
        let written = [ExchangeJSONLines.encode(exchange), HARExport.encode([exchange]), CurlExport.command(for: exchange, baseURL: nil),
                       exchange.relay?.explanation ?? "", exchange.target, exchange.remote]
        for text in written {
            #expect(!text.contains("Zq8LmW3vXk2TtR9p"), "\(text)")
        }
        #expect(exchange.relay?.explanation.contains("from smee.io (channel \(tag))") == true)
        // As a line written before the URL was kept out had it.
        let older = ExchangeJSONLines.encode(exchange).replacingOccurrences(
            of: #""relay":{"host":"smee.io","channel_tag":"\#(tag)""#, with: #""relay":{"channel":"\#(channel)""#
        )
        #expect(older.contains(channel))
        let read = try ExchangeJSONLines.decode(older)
        #expect(read.relay == ExchangeRelay(kind: "smee", host: "smee.io", channelTag: tag, bodyIsExact: true))
        #expect(!ExchangeJSONLines.encode(read).contains("Zq8LmW3vXk2TtR9p"))
    }
}
