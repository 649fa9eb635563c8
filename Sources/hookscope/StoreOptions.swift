import ArgumentParser
import Foundation
import HookscopeCore
import HookscopeStore

/// `listen`'s options for the shared PostgreSQL store.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Also write every exchange to this PostgreSQL store, for `hookscope attach` (also HOOKSCOPE_STORE, or store: in the config file): postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=require].",
        valueName: "url"
    ))
    var store: String?

    @Option(help: ArgumentHelp("This listener's name in the store (default: the host name).", valueName: "name"))
    var name: String?

    @Option(name: .customLong("store-keep"), help: ArgumentHelp(
        "How long the store keeps exchanges: an age (7d, 12h, 30m) or a count (100000); applied in the background (default: forever).",
        valueName: "age|count"
    ))
    var storeKeep: String?

    @Option(name: .customLong("store-queue"), help: "Most bytes of writes kept waiting while the store is unreachable; past it the oldest are dropped and counted.")
    var storeQueue = ByteSize(bytes: 64 * 1024 * 1024)

    func validate() throws {
        if let storeKeep { _ = try retention(storeKeep) }
        guard storeQueue.bytes >= 1024 else { throw ValidationError("--store-queue must be at least 1 KB") }
        if let name, name.isEmpty || name.utf8.count > 200 { throw ValidationError("--name must have 1 to 200 characters") }
    }

    /// The store named by --store, else HOOKSCOPE_STORE, else the config file's `store:`.
    func storeURL(configuration: ProviderConfiguration?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> StoreURL? {
        guard let text = store ?? environment["HOOKSCOPE_STORE"].flatMap({ $0.isEmpty ? nil : $0 }) ?? configuration?.store else { return nil }
        do {
            return try StoreURL(parsing: text)
        } catch let failure as StoreURL.Failure {
            let fromFile = store == nil && environment["HOOKSCOPE_STORE"].flatMap({ $0.isEmpty ? nil : $0 }) == nil
            throw ValidationError(fromFile ? configuration?.located("store", failure.description) ?? failure.description : "--store: \(failure.description)")
        }
    }

    var listenerName: String {
        if let name { return name }
        // gethostname, not ProcessInfo.hostName, which may wait for a DNS lookup.
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "hookscope" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    var retention: StoreRetention? {
        storeKeep.flatMap { try? retention($0) }
    }

    private func retention(_ text: String) throws -> StoreRetention {
        do {
            return try StoreRetention(parsing: text)
        } catch let failure as StoreRetention.Failure {
            throw ValidationError(failure.description)
        }
    }
}
