import Foundation
import Testing

/// Runs each test of a suite (or one test) on `BlockingTestExecutor`'s threads: its sync
/// body, and its async body between suspensions. For the tests that block (processes,
/// polling with `Thread.sleep`, curl); see `BlockingTestExecutor` for why.
///
/// At most two such tests per core run at once (`admission`): on the cooperative pool no
/// more than one per core could block at a time, and these tests start processes and
/// servers; a test waiting its turn holds no thread.
///
/// Unstructured tasks a test starts (`Task { }`) do not inherit the preference and run on
/// the cooperative pool as before; child tasks (`async let`, task groups) do.
public struct OffThePoolTrait: SuiteTrait, TestTrait, TestScoping {
    public static let admission = TestAdmission(limit: 2 * max(1, ProcessInfo.processInfo.activeProcessorCount))

    public var isRecursive: Bool { true }

    /// Each test case, not the suite around them.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> OffThePoolTrait? {
        testCase == nil ? nil : self
    }

    /// Set inside the scope: a test that carries the trait twice (its suite's and its own,
    /// or a marked suite inside a marked one) is admitted once. Twice, it held one place
    /// while waiting for another, and four such tests would wait on each other for ever.
    /// How many times this test was admitted (tests check it is once).
    @TaskLocal public static var admissions = 0

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        if Self.admissions > 0 {
            try await function()
            return
        }
        await Self.admission.enter()
        defer { Self.admission.leave() }
        try await Self.$admissions.withValue(Self.admissions + 1) {
            try await withTaskExecutorPreference(BlockingTestExecutor.shared) {
                try await function()
            }
        }
    }
}

extension Trait where Self == OffThePoolTrait {
    /// Tests that block run on threads of their own, not the cooperative pool.
    public static var offThePool: Self { OffThePoolTrait() }
}
