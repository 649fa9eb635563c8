extension ProviderCatalogue {
    /// The Asana entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let asana = """
    asana:
      name: Asana
      docs: https://developers.asana.com/reference/createwebhook
      recognise: { headers: [[X-Hook-Signature]], payload: [events] }
      signature:
        kind: hmac
        algorithm: sha256
        header: X-Hook-Signature
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://developers.asana.com/docs/webhooks-guide
      unknown:
        - "the secret is the X-Hook-Secret value of the creation handshake (https://developers.asana.com/reference/createwebhook); the signing recipe page was not in the search corpus, recipe as Asana's webhooks guide is quoted by third-party implementations"
        - "event type: one delivery carries a list of events"
        - "delivery id"
        - "retry schedule (searched the provider's documentation on 2026-12-01: no Asana page on webhook retries was in reach)"
        - "answer timeout"
    """
}
