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
      retries:
        failure: non-2xx
        answer_timeout: 3
        delays: [300, 1200, 3600]
        after_last_failure: "no further notifications for that event"
        summary: "answer 200 or 204 within 3 seconds; else 3 retries: 5 min after the first attempt, then 20 and 60 min after the one before"
        source: https://devsupport.zoom.us/hc/en-us/articles/360059893812-Webhook-delays
      unknown: ["tolerance (hookscope default 5 minutes)", "delivery id"]
    """
}
