import PostgresNIO

extension StoreWakeup {
    /// Runs `body` while every NOTIFY on `channel` signals this wakeup (after `heard`, which
    /// tells a loop woken by several things which one it was); the end of the connection
    /// signals it too, so a waiting loop notices at once.
    func listening(to channel: String, on connection: PostgresConnection, heard: @escaping @Sendable () -> Void = {},
                   _ body: () async throws -> Void) async throws {
        try await connection.listen(on: channel) { notifications in
            let listening = Task {
                do {
                    for try await _ in notifications {
                        heard()
                        self.signal()
                    }
                } catch {}
                self.signal()
            }
            defer { listening.cancel() }
            try await body()
        }
    }
}
