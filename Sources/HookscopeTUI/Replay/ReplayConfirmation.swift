/// Shown over the screen before a replay whose signatures are older than the scheme's
/// tolerance: the receiver would refuse them as captured. Enter sends as captured, `s`
/// re-signs what can be re-signed, Esc cancels.
public struct ReplayConfirmation: Sendable, Equatable {
    public var order: ReplayOrder
    /// The warnings, one per line, already sanitized by the renderer.
    public var warnings: [String]
    /// The ids that are stale and can be re-signed.
    public var resignable: Set<Int>
    /// Why the rest cannot be re-signed (no secret, unknown provider), when some cannot.
    public var resignProblems: [String]

    public init(order: ReplayOrder, warnings: [String], resignable: Set<Int>, resignProblems: [String]) {
        self.order = order
        self.warnings = warnings
        self.resignable = resignable
        self.resignProblems = resignProblems
    }
}
