/// A file of saved exchanges, in whichever format it is: JSON Lines (`--save`) or a HAR
/// archive (`hookscope export --har`, or a browser's). Used by `--load`, `export` and
/// `replay`.
public enum ExchangeFile {
    public enum Format: String, Sendable, Equatable {
        case jsonLines = "JSON Lines"
        case har = "HAR"
    }

    public struct Contents: Sendable {
        public var format: Format
        public var exchanges: [Exchange]
        /// Lines (JSON Lines) or entries (HAR) that were skipped, with why.
        public var problems: [ExchangeJSONLines.LineProblem]
    }

    public static func decode(_ text: String) -> Contents {
        if HARImport.looksLikeHAR(text) {
            let (exchanges, problems) = HARImport.decode(text)
            return Contents(format: .har, exchanges: exchanges, problems: problems)
        }
        let (exchanges, problems) = ExchangeJSONLines.decodeLines(text)
        return Contents(format: .jsonLines, exchanges: exchanges, problems: problems)
    }
}
