extension ProviderCatalogue {
    /// The Calendly entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let calendly = """
    calendly:
      name: Calendly
      docs: https://developer.calendly.com/docs/webhooks/overview
      recognise: { headers: [[Calendly-Webhook-Signature]], payload: [created_at, created_by, event, payload] }
      signature:
        kind: hmac
        algorithm: sha256
        header: Calendly-Webhook-Signature
        list: { timestamp: t, signature: v1, separator: "," }
        message: "{timestamp}.{body}"
        encoding: hex
        secret_encoding: raw
        tolerance: 180
        tolerance_origin: "Calendly's 3 minutes, as its signature page is quoted by third-party implementations"
        source: https://developer.calendly.com/api-docs/overview/webhooks/webhook-signatures
      event: body:event
      retries:
        failure: non-2xx
        answer_timeout: 15
        after_last_failure: "a 410 Gone answer deletes the subscription and is not retried"
        summary: "2xx is success, redirects and other statuses fail; 10 s to connect, 15 s to read; exponential retries"
        source: https://developer.calendly.com/docs/webhooks/overview
      unknown: ["delivery id", "exact retry delays"]
    """
}
