import FuzzDriver
import HookscopeCore

/// Whatever bytes arrive, no control character, escape, bidi override or invalid UTF-8
/// may survive the sanitizer.
@_cdecl("FuzzSanitizer_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzzOne(bytes(data, size)) }
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(bytes(data, size))
}

func fuzzOne(_ input: UnsafeBufferPointer<UInt8>) -> Int32 {
    let bytes = input
    for piece in TerminalSafeText.pieces(of: bytes) {
        if case .text(let text) = piece {
            for scalar in text.unicodeScalars {
                precondition(TerminalSafeText.escape(for: scalar) == nil, "unsafe scalar U+\(String(scalar.value, radix: 16)) survived")
            }
        }
    }
    let joined = TerminalSafeText.string(bytes: bytes)
    precondition(!joined.utf8.contains(0x1B), "ESC survived")
    return 0
}
