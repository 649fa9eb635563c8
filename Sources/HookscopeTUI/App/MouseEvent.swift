/// A mouse action, in screen cells (0-based).
public struct MouseEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case press
        case wheelUp
        case wheelDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

extension AppState {
    /// Rows one wheel notch moves.
    static let wheelStep = 3

    /// The wheel scrolls whatever the screen shows; a click on a list row selects it.
    mutating func handle(_ mouse: MouseEvent) {
        guard case .none = overlay else { return }
        let step = mouse.kind == .wheelUp ? -Self.wheelStep : Self.wheelStep
        switch (screen, mouse.kind) {
        case (.list, .press):
            let line = mouse.y - layout.bodyTop
            guard let top = listTop, line >= 0, line < layout.bodyHeight, top + line < list.count else { return }
            moveSelection(by: top + line - (selectedRow ?? 0))
        case (.list, _): moveSelection(by: step)
        case (.detail, .wheelUp), (.detail, .wheelDown): detail.scroll += step
        case (.help, .wheelUp), (.help, .wheelDown): helpScroll += step
        default: break
        }
    }
}
