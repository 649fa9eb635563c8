extension ProviderCatalogue {
    /// The Paddle Billing entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let paddle = """
    paddle:
      name: Paddle Billing
      docs: https://developer.paddle.com/webhooks/signature-verification
      recognise: { headers: [[Paddle-Signature]], payload: [event_id, event_type, occurred_at, notification_id] }
      signature:
        kind: hmac
        algorithm: sha256
        header: Paddle-Signature
        list: { timestamp: ts, signature: h1, separator: ";" }
        message: "{timestamp}:{body}"
        encoding: hex
        secret_encoding: raw
        tolerance: 5
        tolerance_origin: "the Paddle SDKs' default of 5 seconds"
        source: https://developer.paddle.com/webhooks/signature-verification
      event: body:event_type
      delivery_id: body:event_id
      retries:
        answer_timeout: 5
        retry_count: 60
        window: 259200
        summary: "answer HTTP 200 within five seconds; live accounts: up to 60 retries over 3 days with exponential back-off (sandbox differs)"
        source: https://developer.paddle.com/webhooks/about/respond-to-webhooks
      unknown: ["retry delays (only the count, span and back-off are given) and the sandbox schedule", "tolerance: five seconds is the SDKs' default, not a sender promise"]
    """
}
