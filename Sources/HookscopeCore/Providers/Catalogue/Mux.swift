extension ProviderCatalogue {
    /// The Mux entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let mux = """
    mux:
      name: Mux
      docs: https://www.mux.com/docs/core/verify-webhook-signatures
      recognise: { headers: [[Mux-Signature]], payload: [type, object, id, data] }
      signature:
        kind: hmac
        algorithm: sha256
        header: Mux-Signature
        list: { timestamp: t, signature: v1, separator: "," }
        message: "{timestamp}.{body}"
        encoding: hex
        secret_encoding: raw
        tolerance: 300
        tolerance_origin: "hookscope default; Mux asks for a check but gives no number"
        source: https://www.mux.com/docs/core/verify-webhook-signatures
      event: body:type
      delivery_id: body:id
      unknown: ["tolerance: the page asks to compare the timestamp but gives no number (hookscope default 5 minutes)", "retry schedule (searched the provider's documentation on 2026-12-01: no Mux page on webhook retries was in reach)", "answer timeout"]
    """
}
