extension ProviderCatalogue {
    /// The StandardWebhooks entry; see docs/provider-catalogue.md for the keys.
    static let standard = """
    standard:
      name: Standard Webhooks
      docs: https://www.standardwebhooks.com/
      recognise: { headers: [[webhook-signature], [webhook-id, webhook-timestamp]] }
      signature:
        header: webhook-signature
        versioned: v1
        message: "{id}.{timestamp}.{body}"
        encoding: base64
        secret_encoding: "base64:whsec_"
        timestamp_header: webhook-timestamp
        id_header: webhook-id
        tolerance: 300
        tolerance_origin: "the Standard Webhooks specification's 5 minutes"
        source: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
      event: body:type
      delivery_id: header:webhook-id
      unknown:
        - "retry schedule: each sender sets its own; the specification only recommends one (exponential back-off with jitter over several days, its example: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h; 2xx succeeds, 3xx fails, 410 disables the endpoint), a recommendation to senders, not a sender's promise: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md"
        - "answer timeout: the specification recommends 15 to 30 s, a recommendation, not a sender's promise"
    """
}
