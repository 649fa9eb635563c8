/// The wait between two attempts to reach the database: 100 ms, doubling to 5 s; back to
/// 100 ms once connected.
struct StoreBackoff {
    private var delay = Duration.milliseconds(100)

    mutating func connected() {
        delay = .milliseconds(100)
    }

    mutating func wait() async {
        try? await Task.sleep(for: delay)
        delay = min(delay * 2, .seconds(5))
    }
}
