extension ProviderCatalogue {
    /// The Linear entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let linear = """
    linear:
      name: Linear
      docs: https://linear.app/developers/webhooks
      recognise: { headers: [[Linear-Signature], [Linear-Delivery, Linear-Event]], payload: [action, type, data, webhookTimestamp] }
      signature:
        kind: hmac
        algorithm: sha256
        header: Linear-Signature
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://linear.app/developers/webhooks
      event: body:type
      delivery_id: header:Linear-Delivery
      unknown:
        - "timestamp check: Linear puts webhookTimestamp (milliseconds) in the signed body and asks receivers to reject old ones; hookscope does not check it (no timestamp_field with unix_ms yet)"
        - "retry schedule (searched the provider's documentation on 2026-12-01: no Linear page on webhook retries was in reach)"
        - "answer timeout"
    """
}
