import HookscopeCore
import Testing
@testable import HookscopeTUI

/// Forward and replay in the list: a replay is marked and names its original, a forward
/// the app never answered says so where size and time go, column 0 stays free.
@Suite struct ForwardListTests {
    @Test func listMarksReplaysAndAppFailuresAt100x30() {
        expectScreen(Fixtures.render(Fixtures.state(ForwardFixtures.store())), top: """
        \(ForwardScreenTests.top100)
         TIME         METHOD PATH              PROVIDER EVENT         SIGNATURE   TRY CODE     SIZE    TOOK
         19:05:02.123 POST   /hooks/productive productive deal.creat… ✓ valid          200     11 B  3.1 ms
         19:05:03.123 POST   /hooks/productive productive deal.creat… ✓ valid          503     11 B  0.3 ms
         19:05:04.123 POST   /hooks/productive productive deal.creat… ✓ valid          502         app down
         19:05:05.123 POST   /hooks/productive productive deal.creat… ✓ valid          504         app slow
         19:05:06.123 POST   /hooks/productive replay of #1 producti… · unsigned  ↻    200     11 B  2.5 ms
         19:05:07.123 POST   /hooks/productive replay of #1 producti… · unsigned  ↻    ---         app down
        """, hints: Hints.list100)
    }

    @Test func listAt60x15KeepsTheReplayMarkAndTheWord() {
        expectScreen(Fixtures.render(Fixtures.state(ForwardFixtures.store(), width: 60, height: 15)), top: """
         http://127.0.0.1:8080  answer 200                6/6 · -/s
         TIME     METHOD PATH                   S TRY CODE     SIZE
         19:05:02 POST   /hooks/productive      ✓      200     11 B
         19:05:03 POST   /hooks/productive      ✓      503     11 B
         19:05:04 POST   /hooks/productive      ✓      502 app down
         19:05:05 POST   /hooks/productive      ✓      504 app slow
         19:05:06 POST   /hooks/productive      · ↻    200     11 B
         19:05:07 POST   /hooks/productive      · ↻    --- app down
        """, hints: Hints.list60)
    }

    @Test func listUsesAnASCIIReplayMarkAndLeavesColumnZeroFree() {
        let state = Fixtures.state(ForwardFixtures.store(), width: 100, height: 10, unicode: false)
        let lines = Fixtures.render(state)
        #expect(lines[6] == " 19:05:06.123 POST   /hooks/productive replay of #1 producti… - unsigned  R    200     11 B  2.5 ms")
        let grid = Renderer.render(state, size: state.size)
        for y in 2...7 { #expect(grid[0, y].text == " ", "row \(y) writes in the mark column") }
        let word = lines[7].count - "app down".count
        #expect(lines[7].hasSuffix("---         app down"))
        #expect(grid[word, 7].style.foreground == .red)   // a failed replay has no status but is an error row
        #expect(grid[word, 7].style.bold)
    }
}

extension ForwardListTests {
    /// A replay that ran out of time says so like a forward that got 504: the app is slow,
    /// not down (a replay has no sender, so no status to tell by).
    @Test func aReplayThatTimedOutIsSlowNotDown() {
        let store = CaptureStore()
        var row = ForwardFixtures.replay(of: 1, failed: true)
        row.upstream?.timedOut = true
        store.append(row)
        let lines = Fixtures.render(Fixtures.state(store, width: 100, height: 10))
        #expect(lines[2].hasSuffix("---         app slow"))
    }
}
