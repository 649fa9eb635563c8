import ArgumentParser
import HookscopeCore
import HookscopeServer

/// Options that say how deliveries are recognised and verified.
/// UNFINISHED: providers and signature verification arrive with issue 3; until then
/// every exchange is reported with no provider and `unsigned`.
struct ProviderOptions: ParsableArguments {
    func makeAnalyzer() throws -> ExchangeAnalyzer {
        { _ in .none }
    }
}
