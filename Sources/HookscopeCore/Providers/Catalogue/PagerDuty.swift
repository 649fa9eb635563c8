extension ProviderCatalogue {
    /// The PagerDuty entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let pagerDuty = """
    pagerduty:
      name: PagerDuty
      docs: https://developer.pagerduty.com/docs/webhooks/v3-overview
      recognise: { headers: [[X-PagerDuty-Signature]] }
      signature:
        kind: hmac
        algorithm: sha256
        header: X-PagerDuty-Signature
        list: { signature: v1, separator: "," }
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://developer.pagerduty.com/docs/webhooks/webhook-signatures
      event: body:event.event_type
      delivery_id: body:event.id
      unknown: ["retry schedule (searched the provider's documentation on 2026-12-01: no PagerDuty page on webhook retries was in reach)", "answer timeout", "timestamp (none is signed)"]
    """
}
