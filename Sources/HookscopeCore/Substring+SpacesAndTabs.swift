extension Substring {
    /// Without leading and trailing spaces and tabs: HTTP's optional whitespace around
    /// header values and list items. Works on UTF-8 bytes: both are ASCII, so the cut is
    /// always on a character boundary, and it runs for headers of every request (trimming
    /// by unicode scalars, or through Foundation, cost more than the rest of the parsing).
    public func trimmingSpacesAndTabs() -> Substring {
        let bytes = utf8
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, Self.isSpaceOrTab(bytes[start]) { bytes.formIndex(after: &start) }
        while end > start, Self.isSpaceOrTab(bytes[bytes.index(before: end)]) { bytes.formIndex(before: &end) }
        return self[start..<end]
    }

    private static func isSpaceOrTab(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}

extension String {
    /// See `Substring.trimmingSpacesAndTabs()`.
    public func trimmingSpacesAndTabs() -> Substring {
        Substring(self).trimmingSpacesAndTabs()
    }
}
