/// How many sessions store loops that back off (StoreBackoff: 0.1, 0.2, 0.4, 0.8, 1.6 s, then
/// 5 s) may open over a window, for the tests that count them: at most 6 each in the first
/// 4 s and one per 5 s after (a slow machine only makes fewer), plus room for the counting
/// `psql` sessions; a loop that reconnects at once makes hundreds. The window is measured,
/// not assumed: in a loaded full run the test may resume long after it. One formula for the
/// store tests (one loop) and the end-to-end test (a listener's two loops), so the bounds
/// cannot drift apart (session 16 review L10).
public enum BackoffBound {
    public static func mostSessions(over elapsed: Duration, loops: Int = 1) -> Int {
        loops * (7 + Int(elapsed / .seconds(5))) + 5
    }
}
