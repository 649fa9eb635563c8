/// Whether a bind address keeps the listener on this machine: binding anything else
/// (0.0.0.0, ::, a LAN address) lets the network send to it and read its answers.
public enum LoopbackAddress {
    public static func contains(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        // 127.0.0.0/8, written as a dotted quad.
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { UInt8($0) != nil }
    }
}
