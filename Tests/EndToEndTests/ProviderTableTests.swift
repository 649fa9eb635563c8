import Foundation
import Testing
import TestSupport

/// The README's provider table is what `scripts/provider-table` writes from the catalogue:
/// run the script after changing an entry.
@Suite(.offThePool) struct ProviderTableTests {
    @Test func theReadmeTableIsTheCatalogues() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = "<!-- provider-table:start -->\n", end = "\n<!-- provider-table:end -->"
        let head = try #require(readme.range(of: start), "README.md lacks the provider-table start marker")
        let tail = try #require(readme.range(of: end, range: head.upperBound..<readme.endIndex), "README.md lacks the end marker")
        let run = try HookscopeCommand.run(["providers", "--markdown"], environment: ProviderEndToEndTests.isolated)
        #expect(run.status == 0)
        let generated = run.stdout.trimmingCharacters(in: .newlines)
        #expect(String(readme[head.upperBound..<tail.lowerBound]) == generated, "README.md's provider table is stale: run scripts/provider-table")
        #expect(generated.split(separator: "\n").count >= 2 + 9)
    }

    @Test func providersListsTheCatalogueAndShowsOneInFull() throws {
        let list = try HookscopeCommand.run(["providers"], environment: ProviderEndToEndTests.isolated)
        #expect(list.status == 0)
        for name in ["productive", "gitproductivity", "teamwork", "productlift", "stripe", "github", "slack", "shopify", "standard"] {
            #expect(list.stdout.contains("\n\(name) ") || list.stdout.hasPrefix("\(name) "), "\(name) missing from: \(list.stdout)")
        }
        let one = try HookscopeCommand.run(["providers", "productlift"], environment: ProviderEndToEndTests.isolated)
        #expect(one.status == 0)
        #expect(one.stdout.contains("signed, recipe not documented"))
        #expect(one.stdout.contains("not documented    signature recipe"))
        let unknown = try HookscopeCommand.run(["providers", "nosuch"], environment: ProviderEndToEndTests.isolated)
        #expect(unknown.status == 2)
    }
}
