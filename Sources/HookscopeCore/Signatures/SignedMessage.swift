/// The message a recipe signs, as the bytes before the body, the body and the bytes after
/// it: `{timestamp}.{body}` is `1700000000.`, the request's body, nothing. The body is the
/// request's own array, not a copy, and a MAC is fed the three pieces in turn, so checking
/// a large signed body costs no copy of it per delivery (#18). A template that does not
/// sign the body, or signs it twice, is rendered whole into `head`.
public struct SignedMessage: Sendable, Equatable {
    public var head: [UInt8]
    public var body: [UInt8]
    public var tail: [UInt8]

    public init(head: [UInt8] = [], body: [UInt8], tail: [UInt8] = []) {
        self.head = head
        self.body = body
        self.tail = tail
    }

    /// A message given whole (a test vector, a signer's rendering).
    public init(_ bytes: [UInt8]) {
        self.init(body: bytes)
    }

    public var count: Int { head.count + body.count + tail.count }

    /// The message in one array: a copy of the body when there is a head or a tail. For the
    /// checks that take a message only whole (Ed25519).
    public var bytes: [UInt8] {
        if head.isEmpty && tail.isEmpty { return body }
        var out: [UInt8] = []
        out.reserveCapacity(count)
        out.append(contentsOf: head)
        out.append(contentsOf: body)
        out.append(contentsOf: tail)
        return out
    }

    /// Calls `update` with each non-empty piece, in order, over the bytes in place.
    public func forEachPiece(_ update: (UnsafeRawBufferPointer) -> Void) {
        // Three calls rather than a loop over [head, body, tail]: that array would be an
        // allocation per MAC.
        if !head.isEmpty { head.withUnsafeBytes(update) }
        if !body.isEmpty { body.withUnsafeBytes(update) }
        if !tail.isEmpty { tail.withUnsafeBytes(update) }
    }
}
