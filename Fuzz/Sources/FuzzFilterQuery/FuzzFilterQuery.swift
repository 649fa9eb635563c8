import FuzzDriver
import HookscopeCore
import HookscopeTUI

/// The filter language must parse anything typed and match it against an exchange
/// without trapping.
@_cdecl("FuzzFilterQuery_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzOne(bytes(data, size)) }
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(bytes(data, size))
}

func fuzzOne(_ input: UnsafeBufferPointer<UInt8>) -> Int32 {
    let text = String(decoding: input, as: UTF8.self)
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
