extension SignatureVerdict {
    /// The parts of a reason, for the verdicts every delivery of a known provider gets;
    /// the sentence is written from them only when someone reads it.
    enum Explanation: Sendable, Equatable {
        /// A sentence already written (rare verdicts, or read from a file).
        case text(String)
        /// The provider's signature header is absent.
        case missingHeader(header: String, displayName: String)
        /// Signed, but no secret is configured for the provider.
        case noSecret(header: String, provider: String)
        /// The provider does not document its scheme and no secret is configured.
        case undocumented(displayName: String, provider: String)
        /// A configured secret matched; `problem` says what is wrong with the timestamp.
        case matched(header: String, scheme: String, message: MessageTemplate, secret: String, problem: String?)

        var text: String {
            switch self {
            case .text(let text):
                return text
            case .missingHeader(let header, let displayName):
                return "no \(header) header; \(displayName) sends its signature there"
            case .noSecret(let header, let provider):
                return "\(header) is present but no secret is configured for \(provider): "
                    + "pass --secret \(provider)=SECRET or set \(SignatureVerifier.environmentName(for: provider))"
            case .undocumented(let displayName, let provider):
                return "\(displayName)'s documentation does not say how it signs; with --secret \(provider)=SECRET "
                    + "hookscope tries HMAC-SHA256 of the body against every header that looks like a digest"
            case .matched(let header, let scheme, let message, let secret, let problem):
                let checked = "\(header) (\(scheme) over \(message)) matches secret \(secret)"
                return problem.map { "\(checked), but \($0)" } ?? checked
            }
        }
    }
}
