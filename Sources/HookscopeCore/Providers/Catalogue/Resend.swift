extension ProviderCatalogue {
    /// The Resend entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let resend = """
    resend:
      name: Resend
      docs: https://resend.com/docs/webhooks/verify-webhooks-requests
      recognise: { headers: [[svix-id, svix-signature]], payload: [created_at, data, type] }
      signature:
        kind: hmac
        algorithm: sha256
        header: svix-signature
        versioned: v1
        message: "{id}.{timestamp}.{body}"
        encoding: base64
        secret_encoding: "base64:whsec_"
        id_header: svix-id
        timestamp_header: svix-timestamp
        tolerance: 300
        tolerance_origin: "the Svix libraries' 5 minutes"
        source: https://resend.com/docs/webhooks/verify-webhooks-requests
      event: body:type
      delivery_id: header:svix-id
      unknown:
        - "recipe in words: Resend points to the Svix libraries; the recipe is Svix's: https://docs.svix.com/receiving/verifying-payloads/how-manual"
        - "retry schedule"
        - "answer timeout"
    """
}
