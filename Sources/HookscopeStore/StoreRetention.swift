/// How long the store keeps exchanges (`--store-keep`): an age (`7d`, `12h`, `30m`, `90s`)
/// or a count of the newest exchanges (`100000`). Applied in the background by every
/// listener that was given it.
public enum StoreRetention: Sendable, Equatable, CustomStringConvertible {
    case age(seconds: Int)
    case count(Int)

    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(parsing text: String) throws {
        let trimmed = text.trimmingSpaces()
        let units: [(String, Int)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]
        if let (suffix, scale) = units.first(where: { trimmed.hasSuffix($0.0) }) {
            guard let value = Int(trimmed.dropLast(suffix.count)), value > 0, value <= Int(Int32.max) else {
                throw Failure(description: "--store-keep takes an age like 7d, 12h, 30m or a count like 100000, got '\(text)'")
            }
            self = .age(seconds: value * scale)
        } else {
            guard let value = Int(trimmed), value > 0 else {
                throw Failure(description: "--store-keep takes an age like 7d, 12h, 30m or a count like 100000, got '\(text)'")
            }
            self = .count(value)
        }
    }

    public var description: String {
        switch self {
        case .count(let n): return n == 1 ? "the newest exchange" : "the newest \(n) exchanges"
        case .age(let seconds):
            if seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
            if seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
            if seconds % 60 == 0 { return "\(seconds / 60)m" }
            return "\(seconds)s"
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
