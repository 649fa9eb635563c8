import HookscopeCore

/// An intercepted request waiting for the user's decision, as the list shows it.
public struct PendingAnswer: Sendable, Equatable {
    public var id: Int
    /// When the default answer goes out by itself (source `timeout`).
    public var deadline: Timestamp

    public init(id: Int, deadline: Timestamp) {
        self.id = id
        self.deadline = deadline
    }
}
