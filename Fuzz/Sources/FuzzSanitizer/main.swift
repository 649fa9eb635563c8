import HookscopeCore

/// Whatever bytes arrive, no control character, escape, bidi override or invalid UTF-8
/// may survive the sanitizer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
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
