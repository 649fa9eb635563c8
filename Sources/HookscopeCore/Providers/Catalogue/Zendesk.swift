extension ProviderCatalogue {
    /// The Zendesk entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let zendesk = """
    zendesk:
      name: Zendesk
      docs: https://developer.zendesk.com/documentation/webhooks/verifying/
      recognise: { headers: [[X-Zendesk-Webhook-Signature, X-Zendesk-Webhook-Signature-Timestamp]] }
      signature:
        kind: hmac
        algorithm: sha256
        header: X-Zendesk-Webhook-Signature
        message: "{header:X-Zendesk-Webhook-Signature-Timestamp}{body}"
        encoding: base64
        secret_encoding: raw
        source: https://developer.zendesk.com/documentation/webhooks/verifying/
      unknown: ["the timestamp is signed but its format and a tolerance are not given on the page, so hookscope does not check its age", "event type", "delivery id", "retry schedule (searched the provider's documentation on 2026-12-01: https://developer.zendesk.com/api-reference/webhooks/introduction says requests failing with certain status codes are retried under a circuit breaker; the codes and delays were cut from the text in reach)", "answer timeout"]
    """
}
