extension ProviderCatalogue {
    /// The Zoom entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let zoom = """
    zoom:
      name: Zoom
      docs: https://developers.zoom.us/docs/api/webhooks/
      recognise: { headers: [[x-zm-signature, x-zm-request-timestamp]], payload: [event, event_ts, payload] }
      signature:
        kind: hmac
        algorithm: sha256
        header: x-zm-signature
        prefix: "v0="
        message: "v0:{timestamp}:{body}"
        encoding: hex
        secret_encoding: raw
        timestamp_header: x-zm-request-timestamp
        tolerance: 300
        tolerance_origin: "hookscope default; Zoom documents none"
        source: https://developers.zoom.us/docs/api/webhooks/#verify-webhook-events
      event: body:event
      retries: { answer_timeout: 3, summary: "answer within 3 seconds", source: https://developers.zoom.us/docs/api/webhooks/ }
      unknown: ["tolerance (hookscope default 5 minutes)", "retry schedule", "delivery id"]
    """
}
