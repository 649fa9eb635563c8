extension ProviderCatalogue {
    /// The Xero entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let xero = """
    xero:
      name: Xero
      docs: https://developer.xero.com/documentation/guides/webhooks/overview/
      recognise: { headers: [[x-xero-signature]], payload: [events, firstEventSequence, lastEventSequence] }
      signature:
        kind: hmac
        algorithm: sha256
        header: x-xero-signature
        message: "{body}"
        encoding: base64
        secret_encoding: raw
        source: https://developer.xero.com/documentation/guides/webhooks/overview/
      unknown: ["event type: one delivery carries a list of events, each with its own eventType", "delivery id", "retry schedule (searched the provider's documentation on 2026-12-01: no Xero page on webhook retries or timeouts was in reach)", "answer timeout", "timestamp (none is signed)"]
    """
}
