import Foundation
import HookscopeCore
import HookscopeStore
import PostgresTestServer
import Testing

/// Two people editing the shared rules at once through the store (review M1): each edit
/// carries the rule its UI showed, and the store refuses one that no longer matches
/// instead of hitting whichever rule is at that place now.
@Suite struct SharedPlanStoreTests {
    static let a = try! AnswerSpecParser.parseRule("GET -> 404")
    static let b = try! AnswerSpecParser.parseRule("provider=stripe -> 500")

    /// A store whose shared rules are [A, B], and the two editors' stores.
    func twoEditors() async throws -> (TestStore, ana: SharedPlanStore, bob: SharedPlanStore) {
        let store = try await TestStore()
        let ana = SharedPlanStore(connector: store.connector)
        let bob = SharedPlanStore(connector: store.connector)
        try await ana.change([.rules([Self.a.ruleText, Self.b.ruleText])], by: "ana@laptop")
        return (store, ana, bob)
    }

    func sharedRules(_ store: TestStore) throws -> String {
        try store.psql("SELECT plan->>'rules' FROM hookscope_plan")
    }

    @Test func twoDeletesOfTheSameRuleAtOnceDeleteItOnceAndTheOtherIsTold() async throws {
        let (store, ana, bob) = try await twoEditors()
        // Both saw [A, B] and press d on A at the same moment.
        async let byAna = outcome { try await ana.change([.editRules(.delete(index: 0, seen: Self.a))], by: "ana@laptop") }
        async let byBob = outcome { try await bob.change([.editRules(.delete(index: 0, seen: Self.a))], by: "bob@desk") }
        let outcomes = await [byAna, byBob]
        #expect(outcomes.filter { $0 == nil }.count == 1, "one delete goes through: \(outcomes)")
        let refusal = try #require(outcomes.compactMap { $0 }.first)
        #expect(refusal == "that rule changed (someone edited the rules): rule 1 is * provider=stripe -> 500 now, not GET * -> 404")
        #expect(try sharedRules(store) == #"["provider=stripe -> 500"]"#, "B stays: only A was deleted")
    }

    @Test func anEditAfterSomeoneElsesChangeIsRefusedAndTheStoreKeepsTheirs() async throws {
        let (store, ana, bob) = try await twoEditors()
        try await bob.change([.editRules(.delete(index: 0, seen: Self.a))], by: "bob@desk")
        // Ana's UI still shows [A, B]: space on A, then d on B (its place was 2).
        let toggle = await outcome { try await ana.change([.editRules(.toggle(index: 0, seen: Self.a))], by: "ana@laptop") }
        #expect(toggle == "that rule changed (someone edited the rules): rule 1 is * provider=stripe -> 500 now, not GET * -> 404")
        let delete = await outcome { try await ana.change([.editRules(.delete(index: 1, seen: Self.b))], by: "ana@laptop") }
        #expect(delete == "that rule changed (someone edited the rules): rule 2 (* provider=stripe -> 500) is gone")
        #expect(try sharedRules(store) == #"["provider=stripe -> 500"]"#)
        #expect(try store.psql("SELECT set_by FROM hookscope_plan") == "bob@desk", "a refused edit writes nothing")
    }

    /// nil when the change went through, else what the store said.
    func outcome(_ change: () async throws -> SharedPlan?) async -> String? {
        do {
            _ = try await change()
            return nil
        } catch {
            return "\(error)"
        }
    }
}
