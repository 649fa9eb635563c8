extension SignatureVerdict {
    /// The parts of a reason, for the verdicts every delivery of a known provider gets;
    /// the sentence is written from them only when someone reads it. The header and the
    /// scheme it names are the verdict's own (`header`, `scheme`), not kept here a second
    /// time: every stored exchange holds a verdict, and the copies were 32 of its bytes.
    enum Explanation: Sendable, Equatable {
        /// A sentence already written (rare verdicts, or read from a file).
        case text(String)
        /// The provider's signature header (the verdict's `header`) is absent.
        case missingHeader(displayName: String)
        /// Signed (in the verdict's `header`), but no secret is configured for the provider.
        case noSecret(provider: String)
        /// The provider does not document its scheme and no secret is configured.
        case undocumented(displayName: String, provider: String)
        /// A configured secret matched the signature in the verdict's `header`, checked
        /// with its `scheme`; `problem` says what is wrong with the timestamp.
        case matched(message: MessageTemplate, secret: String, problem: String?)

        /// The sentence, naming the header and scheme of `verdict`, which holds this.
        func text(of verdict: SignatureVerdict) -> String {
            let header = verdict.header ?? ""
            switch self {
            case .text(let text):
                return text
            case .missingHeader(let displayName):
                return "no \(header) header; \(displayName) sends its signature there"
            case .noSecret(let provider):
                return "\(header) is present but no secret is configured for \(provider): "
                    + "pass --secret \(provider)=SECRET or set \(SignatureVerifier.environmentName(for: provider))"
            case .undocumented(let displayName, let provider):
                return "\(displayName)'s documentation does not say how it signs; with --secret \(provider)=SECRET "
                    + "hookscope tries HMAC-SHA256 of the body against every header that looks like a digest"
            case .matched(let message, let secret, let problem):
                let checked = "\(header) (\(verdict.scheme ?? "") over \(message)) matches secret \(secret)"
                return problem.map { "\(checked), but \($0)" } ?? checked
            }
        }
    }
}
