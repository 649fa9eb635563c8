/// A terminal for tests: plays back scripted input, records every frame and effect.
public final class RecordingTerminal: Terminal {
    public private(set) var size: TerminalSize
    public private(set) var frames: [CellGrid] = []
    public private(set) var clipboard: [[UInt8]] = []
    public private(set) var suspensions = 0
    public private(set) var stopped = false
    private var pending: [TerminalInput]

    public init(size: TerminalSize, input: [TerminalInput] = []) {
        self.size = size
        self.pending = input
    }

    public func enqueue(_ input: TerminalInput) {
        pending.append(input)
    }

    public func draw(_ grid: CellGrid) {
        frames.append(grid)
    }

    public func readInput(timeoutMilliseconds: Int) -> TerminalInput? {
        guard !pending.isEmpty else { return nil }
        let next = pending.removeFirst()
        if case .resized(let newSize) = next { size = newSize }
        return next
    }

    public func copyToClipboard(_ bytes: [UInt8]) {
        clipboard.append(bytes)
    }

    public func suspend() {
        suspensions += 1
    }

    public private(set) var outsideRuns = 0

    public func runOutside(_ work: () -> Void) {
        outsideRuns += 1
        work()
    }

    public func stop() {
        stopped = true
    }
}
