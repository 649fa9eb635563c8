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

    /// The host and socket directory are percent-decoded: what is printed of them (the
    /// endpoint in every "cannot reach" line) never carries a control character (review M5).
    @Test func theEndpointIsTerminalSafe() throws {
        let host = try StoreURL(parsing: "postgres://me@evil%1B%5B2J%0Ahost:5433/db")
        #expect(host.host == "evil\u{1B}[2J\nhost")
        let socket = try StoreURL(parsing: "postgres://me@localhost/db?host=/tmp/%1B%5D0%3Btitle%07dir")
        for url in [host, socket] {
            #expect(!url.endpoint.contains("\u{1B}") && !url.endpoint.contains("\n") && !url.endpoint.contains("\u{07}"), "\(url.endpoint)")
            #expect(!url.description.contains("\u{1B}"))
        }
        #expect(host.endpoint.hasSuffix(":5433"))
        #expect(socket.endpoint.hasSuffix("dir/.s.PGSQL.5432"))
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

    /// Malformed URLs found in review (`?=` trapped with an index out of range): every one
    /// is a thrown Failure of one line, never a trap.
    @Test(arguments: [
        "postgres://u@h/db?=", "postgres://u@h/db?=x", "postgres://u@h/db?&=&", "postgres://u@h/db?sslmode",
        "postgres://u@h/db?sslmode=", "postgres://u@h/db?host=", "postgres://u@h/db?%zz=1", "postgres://u@h/db?sslmode=%",
        "postgres://", "postgres:///", "postgres://@/", "postgres://u@/", "postgres://u@h/", "postgres://u@h:/db",
        "postgres://u@h:0/db", "postgres://u@h:-1/db", "postgres://u@[::1/db", "postgres://u@[::1]x/db",
        "postgres://u@h/%", "postgres://u@h/%4", "postgres://%@h/db", "postgres://u:%@h/db", "postgres://u@h/%ff",
        "postgres://:pw@h/db", "postgres://u@h/db?sslmode=\u{1B}[2J", "postgres://u@h:\u{1B}[31m/db",
    ])
    func malformedURLsGiveOneClearLine(text: String) {
        do {
            let url = try StoreURL(parsing: text)
            Issue.record("parsed \(text) as \(url)")
        } catch let failure as StoreURL.Failure {
            #expect(!failure.description.isEmpty)
            #expect(!failure.description.contains("\n"))
            #expect(!failure.description.contains("\u{1B}"))
        } catch {
            Issue.record("\(text): unexpected error \(error)")
        }
    }

    /// Every string of up to four URL characters, after the scheme and after a good
    /// beginning, either parses or fails cleanly (a trap would end the test run).
    @Test func noShortStringTrapsTheParser() {
        let alphabet: [String] = ["u", "@", "/", ":", "?", "=", "&", "%", "[", "]", "1"]
        var suffixes = [""]
        var all = [""]
        for _ in 0..<4 {
            suffixes = suffixes.flatMap { suffix in alphabet.map { suffix + $0 } }
            all += suffixes
        }
        var parsed = 0
        var unclear: [String] = []
        for prefix in ["postgres://", "postgres://u@h/d", "postgres://u@h/d?sslmode=require&"] {
            for suffix in all {
                do {
                    _ = try StoreURL(parsing: prefix + suffix)
                    parsed += 1
                } catch let failure as StoreURL.Failure {
                    if failure.description.isEmpty || failure.description.contains("\n") { unclear.append(prefix + suffix) }
                } catch {
                    unclear.append(prefix + suffix)
                }
            }
        }
        #expect(unclear.isEmpty, "no clear line for \(unclear.prefix(5))")
        #expect(parsed > 0)
    }
}
