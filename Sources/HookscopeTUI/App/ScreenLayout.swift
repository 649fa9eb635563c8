/// Where each part of the screen goes for a terminal size: top bar, a heading line
/// (column titles or tabs), the body, the message line and the key hints.
public struct ScreenLayout: Sendable, Equatable {
    public static let minimumWidth = 40
    public static let minimumHeight = 8

    public let size: TerminalSize

    public init(size: TerminalSize) {
        self.size = size
    }

    public var isTooSmall: Bool {
        size.width < Self.minimumWidth || size.height < Self.minimumHeight
    }

    public var topBarRow: Int { 0 }
    public var headingRow: Int { 1 }
    public var bodyTop: Int { 2 }
    /// Rows between the heading and the message line (at least 1).
    public var bodyHeight: Int { max(1, size.height - 4) }
    public var messageRow: Int { size.height - 2 }
    public var hintsRow: Int { size.height - 1 }
}
