extension SignatureVerdict {
    /// `reason` as a JSON string (or `null`), written from the explanation's parts
    /// straight into the line: the same sentence `Explanation.text(of:)` makes, without
    /// making it (a `String` built by interpolation was ~3 k instructions of each 1 KB
    /// JSON line). `SignatureVerdictJSONTests` holds the two to the same bytes.
    public func writeReason(into w: inout JSONWriter) {
        guard let explanation else { return w.null() }
        let header = self.header ?? ""
        switch explanation {
        case .text(let text):
            w.string(text)
        case .missingHeader(let displayName):
            w.stringOfPieces { w in
                w.content("no ")
                w.content(header)
                w.content(" header; ")
                w.content(displayName)
                w.content(" sends its signature there")
            }
        case .noSecret(let provider):
            w.stringOfPieces { w in
                w.content(header)
                w.content(" is present but no secret is configured for ")
                w.content(provider)
                w.content(": pass --secret ")
                w.content(provider)
                w.content("=SECRET or set ")
                w.content(SignatureVerifier.environmentName(for: provider))
            }
        case .undocumented(let displayName, let provider):
            w.stringOfPieces { w in
                w.content(displayName)
                w.content("'s documentation does not say how it signs; with --secret ")
                w.content(provider)
                w.content("=SECRET hookscope tries HMAC-SHA256 of the body against every header that looks like a digest")
            }
        case .matched(let message, let secret, let problem):
            let scheme = self.scheme ?? ""
            w.stringOfPieces { w in
                w.content(header)
                w.content(" (")
                w.content(scheme)
                w.content(" over ")
                w.content("\(message)")
                w.content(") matches secret ")
                w.content(secret)
                if let problem {
                    w.content(", but ")
                    w.content(problem)
                }
            }
        }
    }
}
