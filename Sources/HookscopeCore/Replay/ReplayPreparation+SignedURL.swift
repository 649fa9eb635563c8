extension ReplayPreparation {
    /// The URL a re-signed replay signs, for recipes that sign the URL (Twilio, Square,
    /// HubSpot v3). With a public URL known (`--public-url`, or a tunnel's of the moment) it
    /// is the URL senders call for this exchange's path: the app behind hookscope checks
    /// signatures against that URL (the forwarded originals were signed over it), wherever
    /// the replay is sent. Without one, the URL the replay is sent to.
    public static func signedURL(for exchange: Exchange, sentTo url: String, publicURL: PublicURL?) -> String {
        guard let publicURL else { return url }
        return SignedURL.resolve(target: exchange.target, headers: exchange.headers, publicURL: publicURL.base).url
    }
}
