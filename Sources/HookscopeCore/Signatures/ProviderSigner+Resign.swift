extension ProviderSigner {
    /// A captured delivery's headers with a fresh signature, for replay and send: the
    /// signature and timestamp headers are replaced where they were (order and every other
    /// header kept), missing ones are appended, and a signed message id already present
    /// is reused so the receiver sees the same delivery.
    public static func resigned(
        headers original: [HeaderField], body: [UInt8], profile: ProviderProfile, secret: ProviderSecret, timestamp: Int64
    ) throws -> [HeaderField] {
        let existingID = profile.signature?.idHeader.flatMap { original.first(named: $0) }
        let fresh = try headers(for: profile, secret: secret, body: body, timestamp: timestamp, id: existingID)
        var result = original
        for field in fresh {
            if let index = result.firstIndex(where: { $0.name.caseInsensitiveEquals(field.name) }) {
                result[index].value = field.value
                // Duplicates of a signature header would leave the old value for some readers.
                result = result.enumerated().filter { $0.offset <= index || !$0.element.name.caseInsensitiveEquals(field.name) }.map(\.element)
            } else {
                result.append(field)
            }
        }
        return result
    }
}
