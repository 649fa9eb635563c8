import HookscopeCore
import Testing

/// The headless listener's lines about the shared intercept and who watches (review M2).
@Suite struct InterceptWatchTests {
    @Test func oneLinePerChangeNeverOnePerRead() {
        let watch = InterceptWatch()
        #expect(watch.watchers([]) == nil, "intercept is off: nothing to say")
        let unattended = watch.sharedIntercept(true)
        #expect(unattended?.contains("no terminal UI is attached") == true)
        #expect(unattended?.contains("source unattended") == true)
        #expect(watch.watchers([]) == nil, "the same state read again")
        #expect(watch.watchers(["ana@laptop"]) == "intercept: new requests wait for a decision in the terminal UIs attached (ana@laptop)")
        #expect(watch.watchers(["ana@laptop"]) == nil)
        #expect(watch.watchers(["ana@laptop", "bo@desk"])?.hasSuffix("(ana@laptop, bo@desk)") == true)
        #expect(watch.watchers([])?.contains("answers each request at once") == true)
        #expect(watch.sharedIntercept(false) == nil, "the plan's own line says it is off")
        #expect(watch.sharedIntercept(true)?.contains("no terminal UI") == true, "said again when it is on again")
    }

    /// A terminal UI whose role may not decide held requests (no UPDATE on hookscope_held)
    /// does not make this listener hold; the log names it, so that its user's "why are
    /// my held requests answered at once" has an answer (session 15 review leftover).
    @Test func aTerminalUIThatMayNotDecideIsNamed() {
        let watch = InterceptWatch()
        _ = watch.sharedIntercept(true)
        #expect(watch.watchers([], readOnly: ["ana@laptop"]) == """
            intercept: 1 terminal UI attached (ana@laptop) but it may not decide held requests (its role lacks UPDATE on \
            hookscope_held), so this listener answers each request at once by its plan (source unattended) until one that may is attached
            """)
        #expect(watch.watchers([], readOnly: ["ana@laptop"]) == nil, "the same state read again")
        #expect(watch.watchers([], readOnly: ["ana@laptop", "bo@desk"])?
            .hasPrefix("intercept: 2 terminal UIs attached (ana@laptop, bo@desk) but they may not decide held requests (their roles lack") == true)
        #expect(watch.watchers(["cy@office"], readOnly: ["ana@laptop"]) == """
            intercept: new requests wait for a decision in the terminal UIs attached (cy@office); 1 more terminal UI attached \
            (ana@laptop) but it may not decide held requests (its role lacks UPDATE on hookscope_held)
            """)
        #expect(watch.watchers(["cy@office"]) == "intercept: new requests wait for a decision in the terminal UIs attached (cy@office)",
                "said again when the one that may not decide is gone")
        #expect(watch.watchers([])?.hasPrefix("intercept: no terminal UI is attached") == true)
    }

    /// The last terminal UI that may decide left (session 17, B3): what is still held has
    /// nobody to decide it, so the listener answers it at once; a UI replaced by another
    /// between two reads releases nothing (the new one decides).
    @Test func theLastUIThatMayDecideLeavingReleasesWhatIsHeld() {
        let watch = InterceptWatch()
        _ = watch.sharedIntercept(true)
        #expect(watch.attached([]).release == nil, "nobody was attached: nothing was held for anyone")
        #expect(watch.attached(["ana@laptop"]).release == nil)
        #expect(watch.attached(["bo@desk"]) == InterceptWatch.Change(
            line: "intercept: new requests wait for a decision in the terminal UIs attached (bo@desk)"), "replaced: no release")
        #expect(watch.attached(["ana@laptop", "bo@desk"]).release == nil)
        #expect(watch.attached(["ana@laptop"]).release == nil, "one of two left")
        let left = watch.attached([])
        #expect(left.release == "the last terminal UI left")
        #expect(left.line?.hasPrefix("intercept: no terminal UI is attached") == true)
        #expect(watch.attached([]).release == nil, "said once, not at every read")

        // The last one that may decide left, one that may not stays.
        _ = watch.attached(["ana@laptop"], readOnly: ["cy@office"])
        #expect(watch.attached([], readOnly: ["cy@office"]).release == "the last terminal UI that may decide left")
        #expect(watch.attached([], readOnly: []).release == nil, "the one that may not decide leaving changes nothing held")

        // Held while the shared intercept was on, then it went off: still nobody's to decide.
        _ = watch.attached(["ana@laptop"])
        _ = watch.sharedIntercept(false)
        #expect(watch.attached([]) == InterceptWatch.Change(line: nil, release: "the last terminal UI left"))
    }

    /// The store could not say who is attached (away, or the read failed): new requests are
    /// answered at once, but what is held waits for its deadline or the next read that can
    /// say; a UI still there then releases nothing, none there releases it.
    @Test func aStoreThatCannotSayReleasesNothingHeld() {
        let watch = InterceptWatch()
        _ = watch.sharedIntercept(true)
        _ = watch.attached(["ana@laptop"])
        let away = watch.attached([], known: false)
        #expect(away.release == nil)
        #expect(away.line?.hasPrefix("intercept: no terminal UI is attached") == true)
        #expect(watch.attached([], known: false).release == nil)
        #expect(watch.attached(["ana@laptop"]).release == nil, "still there once the store answers")
        _ = watch.attached([], known: false)
        #expect(watch.attached([]).release == "the last terminal UI left", "gone by the time the store answers")
    }

    @Test func whoWatchesIsPrintedEscaped() {
        let watch = InterceptWatch()
        _ = watch.sharedIntercept(true)
        let line = watch.watchers(["ana\u{1B}]0;PWNED\u{07}@laptop"])
        #expect(line?.contains("PWNED") == true)
        #expect(line?.contains("\u{1B}") == false)
    }
}

/// What the line that turned the shared intercept on says about whom it reaches.
@Suite struct InterceptReachTests {
    @Test func namesTheListenersAndWhetherAnyoneWatches() {
        #expect(InterceptReach.describe(listeners: [], watchers: ["ana@laptop"]) == "no listener is on the store now")
        let nobody = InterceptReach.describe(listeners: ["server-1", "server-2"], watchers: [])
        #expect(nobody.hasPrefix("reaches 2 listeners (server-1, server-2); one without a terminal UI of its own holds only while"))
        #expect(nobody.hasSuffix("(none is: it answers at once)"))
        let watched = InterceptReach.describe(listeners: ["server-1"], watchers: ["ana@laptop"])
        #expect(watched.hasPrefix("reaches 1 listener (server-1)"))
        #expect(watched.hasSuffix("(now: ana@laptop)"))
    }
}
