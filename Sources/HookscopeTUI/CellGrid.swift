/// Placeholder until the terminal UI lands (issue 4): the grid screens render into.
public struct CellGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}
