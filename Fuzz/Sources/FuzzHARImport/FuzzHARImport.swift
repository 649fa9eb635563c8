import FuzzDriver
import HookscopeCore

/// `--load` and `export` read HAR archives from browsers and other tools: any text must give
/// exchanges or problems, never a trap, and what it reads must write back as a HAR that
/// reads again.
@_cdecl("FuzzHARImport_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzOne(bytes(data, size)) }
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(bytes(data, size))
}

func fuzzOne(_ input: UnsafeBufferPointer<UInt8>) -> Int32 {
    let text = String(decoding: input, as: UTF8.self)
    _ = HARImport.looksLikeHAR(text)
    let (exchanges, _) = HARImport.decode(text)
    let again = HARImport.decode(HARExport.encode(exchanges, baseURL: nil)).exchanges
    precondition(again.count == exchanges.count)
    return 0
}
