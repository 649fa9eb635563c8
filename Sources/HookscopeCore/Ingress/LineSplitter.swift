/// Splits a byte stream into lines (LF or CRLF), as a tunnel program's output arrives in
/// reads that end anywhere; a line longer than 64 KB is cut there. Bytes that are not UTF-8
/// become U+FFFD (the lines are read, then shown terminal-safe).
public struct LineSplitter: Sendable {
    private var pending: [UInt8] = []
    /// A line is cut here: a program that never ends its line cannot grow the buffer for ever.
    public static let longestLine = 64 * 1024

    public init() {}

    /// The complete lines in what came so far, without their line breaks.
    public mutating func append(_ bytes: ArraySlice<UInt8>) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if byte == 10 || pending.count >= Self.longestLine {
                if pending.last == 13 { pending.removeLast() }
                lines.append(String(decoding: pending, as: UTF8.self))
                pending.removeAll(keepingCapacity: true)
                if byte == 10 { continue }
            }
            pending.append(byte)
        }
        return lines
    }

    /// What is left after the last line break, if anything.
    public mutating func rest() -> String? {
        defer { pending.removeAll() }
        return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
    }
}
