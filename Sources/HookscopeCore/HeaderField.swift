/// One HTTP header line as it arrived: original case, original order, duplicates kept.
public struct HeaderField: Sendable, Equatable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == HeaderField {
    /// The first value of a header, matched case-insensitively as HTTP requires.
    public func first(named name: String) -> String? {
        first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// Every value of a header, in arrival order.
    public func all(named name: String) -> [String] {
        filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    /// Bytes this list occupies on the wire, roughly: used for the store's memory budget.
    public var approximateByteCount: Int {
        reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
    }
}

extension String {
    /// ASCII case-insensitive comparison without allocating lowercased copies.
    public func caseInsensitiveEquals(_ other: String) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where x != y {
            if (x | 0x20) != (y | 0x20) { return false }
            let lower = x | 0x20
            if lower < UInt8(ascii: "a") || lower > UInt8(ascii: "z") { return false }
        }
        return true
    }
}
