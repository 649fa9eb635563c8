import HookscopeStore
import Testing

@Suite struct StoreURLTests {
    @Test func readsEveryPartAndMasksThePassword() throws {
        let url = try StoreURL(parsing: "postgres://alice:s3cr%40t@db.example.com:6543/hooks?sslmode=require")
        #expect(url.user == "alice")
        #expect(url.password == "s3cr@t")
        #expect(url.host == "db.example.com")
        #expect(url.port == 6543)
        #expect(url.database == "hooks")
        #expect(url.sslMode == .require)
        #expect(url.description == "postgres://alice:***@db.example.com:6543/hooks?sslmode=require")
        #expect(!url.description.contains("s3cr"))
        #expect(url.endpoint == "db.example.com:6543")
    }

    @Test func defaultsAndTheOtherScheme() throws {
        let url = try StoreURL(parsing: "postgresql://bob@localhost/hookscope")
        #expect(url.password == nil)
        #expect(url.port == 5432)
        #expect(url.sslMode == .prefer)
        #expect(url.description == "postgres://bob@localhost:5432/hookscope")
    }

    @Test func aSocketDirectoryAndIPv6() throws {
        let socket = try StoreURL(parsing: "postgres://me@localhost/db?host=/tmp/pg")
        #expect(socket.socketPath == "/tmp/pg/.s.PGSQL.5432")
        #expect(socket.endpoint == "/tmp/pg/.s.PGSQL.5432")
        let v6 = try StoreURL(parsing: "postgres://me:pw@[::1]:5433/db?sslmode=verify-full")
        #expect(v6.host == "::1")
        #expect(v6.port == 5433)
        #expect(v6.sslMode == .verifyFull)
        #expect(v6.description == "postgres://me:***@[::1]:5433/db?sslmode=verify-full")
    }

    @Test(arguments: [
        ("mysql://a@b/c", "starts with postgres://"),
        ("postgres://a@b", "names no database"),
        ("postgres://b/c", "names no user"),
        ("postgres://a@b:99999/c", "port must be a number"),
        ("postgres://a@b/c?sslmode=maybe", "sslmode must be one of"),
        ("postgres://a@b/c?colour=blue", "unknown parameter 'colour'"),
        ("postgres://a:p%zzword@b/c", "password has a bad %-escape"),
    ])
    func badURLsSayWhatIsWrongWithoutThePassword(text: String, message: String) {
        #expect {
            try StoreURL(parsing: text)
        } throws: { error in
            let description = "\(error)"
            return description.contains(message) && !description.contains("zzword")
        }
    }
}
