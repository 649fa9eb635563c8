extension SignedURL {
    /// What a request's target goes after to make the URL the sender called, behind a
    /// public URL with a path (`https://proxy.example/hooks`): the whole public URL when the
    /// proxy stripped that path from the target (`/x`), only its origin when the target
    /// still starts with it (`/hooks/x`), as `resolve` decides for the signature. A curl
    /// command sent there then reaches `https://proxy.example/hooks/x` either way, not
    /// `…/hooks/hooks/x`.
    public static func senderBase(publicURL: String, target: String) -> String {
        let requestTarget = target.hasPrefix("/") ? target : "/" + target
        let url = resolve(target: requestTarget, headers: [], publicURL: publicURL).url
        guard url.hasSuffix(requestTarget) else { return publicURL }
        return String(url.dropLast(requestTarget.count))
    }
}
