import Foundation

/// `user@host`: who forwarded a delivery through the store, as the exchange records it.
enum UserAtHost {
    static var current: String {
        "\(userName)@\(hostName)"
    }

    static var userName: String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }

    /// gethostname, not ProcessInfo.hostName, which may wait for a DNS lookup.
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
