extension ProviderCatalogue {
    /// The Replicate entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let replicate = """
    replicate:
      name: Replicate
      docs: https://replicate.com/docs/topics/webhooks/verify-webhook
      recognise: { headers: [[webhook-id, webhook-signature]], payload: [id, model, status, urls] }
      signature:
        kind: hmac
        algorithm: sha256
        header: webhook-signature
        versioned: v1
        message: "{id}.{timestamp}.{body}"
        encoding: base64
        secret_encoding: "base64:whsec_"
        id_header: webhook-id
        timestamp_header: webhook-timestamp
        tolerance: 300
        tolerance_origin: "the Standard Webhooks libraries' 5 minutes"
        source: https://replicate.com/docs/topics/webhooks/verify-webhook
      event: body:status
      delivery_id: header:webhook-id
      unknown: ["tolerance (the page asks to check the timestamp; 5 minutes is the Standard Webhooks libraries' value)", "retry schedule", "answer timeout"]
    """
}
