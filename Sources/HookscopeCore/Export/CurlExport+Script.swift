extension CurlExport {
    /// A shell script of curl commands, one per exchange, and the body files it reads.
    public struct Script: Sendable {
        public var text: String
        /// Files the script sends with `--data-binary @file`: binary or large bodies.
        public var bodyFiles: [(path: String, bytes: [UInt8])]
    }

    /// - Parameter bodyFilesBeside: the script's absolute path; binary or large bodies go
    ///   to `<path>.<id>.body` beside it. nil keeps every body inline (standard output).
    /// - Parameter routed: exchanges (by id) that go elsewhere than `baseURL`: to the app of
    ///   their own `--forward` route.
    public static func script(_ exchanges: [Exchange], baseURL: String? = nil, routed: [Int: String] = [:], bodyFilesBeside scriptPath: String?) -> Script {
        var text = "#!/bin/sh\n# hookscope export: \(CountWords.format(exchanges.count, "request"))\n"
        var bodyFiles: [(path: String, bytes: [UInt8])] = []
        for exchange in exchanges {
            var bodyFile: String?
            if let scriptPath, prefersBodyFile(exchange) {
                let path = scriptPath + ".\(exchange.id).body"
                bodyFiles.append((path, exchange.body))
                bodyFile = path
            }
            text += "# #\(exchange.id) \(TerminalSafeText.string(exchange.method)) \(TerminalSafeText.string(exchange.target))\n"
            text += command(for: exchange, baseURL: routed[exchange.id] ?? baseURL, bodyFile: bodyFile) + "\n"
        }
        return Script(text: text, bodyFiles: bodyFiles)
    }
}
