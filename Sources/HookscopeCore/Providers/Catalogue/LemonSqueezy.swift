extension ProviderCatalogue {
    /// The Lemon Squeezy entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let lemonSqueezy = """
    lemonsqueezy:
      name: Lemon Squeezy
      docs: https://docs.lemonsqueezy.com/help/webhooks/signing-requests
      recognise: { headers: [[X-Signature, X-Event-Name]], payload: [meta, data] }
      signature:
        kind: hmac
        algorithm: sha256
        header: X-Signature
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://docs.lemonsqueezy.com/help/webhooks/signing-requests
      event: header:X-Event-Name
      unknown: ["the documentation page was not in the search corpus: recipe as the official page is quoted by third-party implementations", "delivery id", "retry schedule (searched the provider's documentation on 2026-12-01: no Lemon Squeezy page on webhook retries was in reach)", "answer timeout", "timestamp (none is signed)"]
    """
}
