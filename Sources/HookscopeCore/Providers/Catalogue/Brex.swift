extension ProviderCatalogue {
    /// The Brex entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let brex = """
    brex:
      name: Brex
      docs: https://developer.brex.com/docs/webhooks
      recognise: { headers: [[Webhook-Id, Webhook-Signature, Webhook-Timestamp]], payload: [event_type] }
      signature:
        kind: hmac
        algorithm: sha256
        header: Webhook-Signature
        versioned: v1
        message: "{id}.{timestamp}.{body}"
        encoding: base64
        secret_encoding: "base64:whsec_"
        id_header: Webhook-Id
        timestamp_header: Webhook-Timestamp
        tolerance: 300
        tolerance_origin: "the Standard Webhooks libraries' 5 minutes"
        source: https://developer.brex.com/docs/webhooks
      event: body:event_type
      delivery_id: header:Webhook-Id
      unknown:
        - "the webhooks page excerpt does not show the recipe: Webhook-Id/Webhook-Timestamp/Webhook-Signature with {id}.{timestamp}.{body} are as Brex's verification example is reproduced by third parties (trigger.dev)"
        - "secret form: the secrets come from GET /v1/webhooks/secrets and are base64-decoded whole; hookscope strips a whsec_ prefix when one is present"
        - "tolerance (hookscope uses the Standard Webhooks value, 5 minutes)"
        - "retry schedule (searched the provider's documentation on 2026-12-01: Brex's webhooks guide and Webhooks API reference in reach give none; Svix's customer story says Brex sends through Svix, but Brex's own pages do not say so, so Svix's schedule is not applied)"
        - "answer timeout"
    """
}
