/// A byte count given on the command line: `10485760`, `512k`, `10MiB`, `1.5 GB`.
/// Units are binary (1 KB = 1024 bytes), as memory budgets usually are.
public struct ByteSize: Sendable, Equatable, CustomStringConvertible {
    public var bytes: Int

    public init(bytes: Int) { self.bytes = bytes }

    public init?(parsing text: String) {
        let trimmed = text.filter { $0 != " " && $0 != "_" }
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        guard !digits.isEmpty, let value = Double(digits), value >= 0 else { return nil }
        let unit = trimmed.dropFirst(digits.count).lowercased()
        let multiplier: Double
        switch unit {
        case "", "b": multiplier = 1
        case "k", "kb", "kib": multiplier = 1024
        case "m", "mb", "mib": multiplier = 1024 * 1024
        case "g", "gb", "gib": multiplier = 1024 * 1024 * 1024
        default: return nil
        }
        let total = value * multiplier
        guard total < Double(Int.max / 2) else { return nil }
        bytes = Int(total.rounded())
    }

    public var description: String { ByteCountText.format(bytes) }
}
