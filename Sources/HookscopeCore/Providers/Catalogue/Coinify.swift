extension ProviderCatalogue {
    /// The Coinify entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let coinify = """
    coinify:
      name: Coinify
      docs: https://coinify-trade-api.readme.io/reference/webhook-signature
      recognise: { headers: [[X-Coinify-Webhook-Signature]] }
      signature:
        kind: hmac
        algorithm: sha256
        header: X-Coinify-Webhook-Signature
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://coinify-trade-api.readme.io/reference/webhook-signature
      unknown: ["event type", "delivery id", "retry schedule (searched the provider's documentation on 2026-12-01: no Coinify page on callback retries was in reach)", "answer timeout", "timestamp (none is signed)"]
    """
}
