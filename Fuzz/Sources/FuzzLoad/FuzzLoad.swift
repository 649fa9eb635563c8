import FuzzDriver
import HookscopeCore

/// `--load` reads files people edit by hand: any text must give exchanges or line
/// problems, never a trap, and what it reads must write back as valid lines.
@_cdecl("FuzzLoad_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzOne(bytes(data, size)) }
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(bytes(data, size))
}

func fuzzOne(_ input: UnsafeBufferPointer<UInt8>) -> Int32 {
    let text = String(decoding: input, as: UTF8.self)
    let (exchanges, problems) = ExchangeJSONLines.decodeLines(text)
    for problem in problems { precondition(problem.line >= 1) }
    for exchange in exchanges {
        let line = ExchangeJSONLines.encode(exchange)
        precondition(!line.contains("\n"))
        _ = try? ExchangeJSONLines.decode(line)
    }
    return 0
}
