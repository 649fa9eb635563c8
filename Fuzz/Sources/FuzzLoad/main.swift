import HookscopeCore

/// `--load` reads files people edit by hand: any text must give exchanges or line
/// problems, never a trap, and what it reads must write back as valid lines.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let (exchanges, problems) = ExchangeJSONLines.decodeLines(text)
    for problem in problems { precondition(problem.line >= 1) }
    for exchange in exchanges {
        let line = ExchangeJSONLines.encode(exchange)
        precondition(!line.contains("\n"))
        _ = try? ExchangeJSONLines.decode(line)
    }
    return 0
}
