import FuzzDriver
import HookscopeCore

/// `--respond`, `--rule`, the picker and the config file all read the answer language:
/// anything typed must parse or fail with a message, and whatever parses must be an answer
/// hookscope can send (issue #12: a 1xx took the listener down).
@_cdecl("FuzzAnswerSpec_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzOne(bytes(data, size)) }
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(bytes(data, size))
}

func fuzzOne(_ input: UnsafeBufferPointer<UInt8>) -> Int32 {
    let text = String(decoding: input, as: UTF8.self)
    var specs: [AnswerSpec] = []
    if let sequence = try? AnswerSpecParser.parseSequence(text) { specs += sequence }
    if let rule = try? AnswerSpecParser.parseRule(text) { specs += rule.answers }
    let exchange = Exchange(receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "", method: "HEAD", target: "/", headers: [], body: [])
    for spec in specs {
        if spec.sendsResponse { precondition(AnswerStatus.problem(with: spec.status) == nil) }
        switch spec.delivery {
        case .delayed(let ms): precondition(ms <= WaitLimit.maximumMilliseconds)
        case .trickle(_, let ms): precondition(ms <= WaitLimit.maximumMilliseconds)
        default: break
        }
        let planned = spec.planned(for: exchange, source: .default)
        if !AnswerStatus.allowsBody(spec.status) { precondition(planned.body.isEmpty) }
    }
    return 0
}
