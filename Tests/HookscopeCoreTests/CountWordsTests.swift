import HookscopeCore
import Testing

/// Counts in messages agree with their noun: `1 exchange`, never `1 exchanges`.
@Suite struct CountWordsTests {
    @Test func oneIsSingularEveryOtherCountPlural() {
        #expect(CountWords.format(1, "exchange") == "1 exchange")
        #expect(CountWords.format(0, "exchange") == "0 exchanges")
        #expect(CountWords.format(2, "connection") == "2 connections")
        #expect(CountWords.format(1, "retry", plural: "retries") == "1 retry")
        #expect(CountWords.format(3, "retry", plural: "retries") == "3 retries")
    }

    @Test func messagesThatCountSayOneInTheSingular() {
        let script = CurlExport.script([Exchange(receivedAt: Timestamp(nanosecondsSinceEpoch: 0), remote: "r", method: "POST", target: "/a", headers: [], body: [])],
                                       baseURL: "http://127.0.0.1:1", bodyFilesBeside: "/tmp/x.sh")
        #expect(script.text.contains("# hookscope export: 1 request\n"), "\(script.text)")
        var plan = ResponsePlan()
        plan.rules = [ResponseRule(pathGlob: "/a", answers: [AnswerSpec(status: 500)])]
        #expect(plan.summary.hasSuffix("· 1 rule"), "\(plan.summary)")
    }
}
