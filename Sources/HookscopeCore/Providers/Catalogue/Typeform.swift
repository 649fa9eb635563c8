extension ProviderCatalogue {
    /// The Typeform entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let typeform = """
    typeform:
      name: Typeform
      docs: https://www.typeform.com/developers/webhooks/secure-your-webhooks/
      recognise: { headers: [[Typeform-Signature]], payload: [event_id, event_type, form_response] }
      signature:
        kind: hmac
        algorithm: sha256
        header: Typeform-Signature
        prefix: "sha256="
        message: "{body}"
        encoding: base64
        secret_encoding: raw
        source: https://www.typeform.com/developers/webhooks/secure-your-webhooks/
      event: body:event_type
      delivery_id: body:event_id
      unknown: ["retry schedule (searched the provider's documentation on 2026-12-01: no Typeform page on webhook retries was in reach)", "answer timeout", "timestamp (none is signed)"]
    """
}
