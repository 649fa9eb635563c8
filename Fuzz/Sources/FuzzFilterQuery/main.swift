import HookscopeCore
import HookscopeTUI

/// The filter language must parse anything typed and match it against an exchange
/// without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let query = FilterQuery.parse(text)
    let exchange = Exchange(
        id: 1, receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "127.0.0.1:1", method: "POST",
        target: "/hooks/teamwork?x=1", headers: [HeaderField("Event", "deals.created")],
        body: Array(#"{"id":"evt_1","type":"developer.added"}"#.utf8),
        analysis: ExchangeAnalysis(provider: "teamwork", event: "deals.created", signature: SignatureVerdict(status: .invalid)),
        response: ExchangeResponse(status: 503, source: .default, durationMilliseconds: 1)
    )
    _ = query.matches(exchange)
    return 0
}
