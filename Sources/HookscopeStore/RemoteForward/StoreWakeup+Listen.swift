import PostgresNIO

extension StoreWakeup {
    /// Runs `body` while every NOTIFY on `channel` signals this wakeup; the end of the
    /// connection signals it too, so a waiting loop notices at once.
    func listening(to channel: String, on connection: PostgresConnection, _ body: () async throws -> Void) async throws {
        try await connection.listen(on: channel) { notifications in
            let listening = Task {
                do { for try await _ in notifications { self.signal() } } catch {}
                self.signal()
            }
            defer { listening.cancel() }
            try await body()
        }
    }
}
