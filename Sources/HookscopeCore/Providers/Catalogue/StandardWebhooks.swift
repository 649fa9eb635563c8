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
    """
}
