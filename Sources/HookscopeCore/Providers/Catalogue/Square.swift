extension ProviderCatalogue {
    /// The Square entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let square = """
    square:
      name: Square
      docs: https://developer.squareup.com/docs/webhooks/step3validate
      recognise: { headers: [[x-square-hmacsha256-signature]], payload: [merchant_id, type, event_id, created_at, data] }
      signature:
        kind: hmac
        algorithm: sha256
        header: x-square-hmacsha256-signature
        message: "{url}{body}"
        encoding: base64
        secret_encoding: raw
        source: https://developer.squareup.com/docs/webhooks/step3validate
      event: body:type
      delivery_id: body:event_id
      retries:
        failure: non-2xx
        window: 86400
        summary: "answer 2xx as soon as possible; unsuccessful deliveries are retried for up to 24 hours, then discarded"
        source: https://developer.squareup.com/docs/webhooks/troubleshooting
      unknown: ["the URL is the notification URL as configured in the subscription; behind a tunnel give it with --public-url", "the older x-square-signature (HMAC-SHA1) header is not checked", "retry delays (only the 24-hour span is given); ambiguous: another copy of the same troubleshooting page says 10 seconds and 72 hours", "answer timeout ('as soon as possible' on the current page)"]
    """
}
