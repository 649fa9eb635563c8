extension ProviderCatalogue {
    /// The Razorpay entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let razorpay = """
    razorpay:
      name: Razorpay
      docs: https://razorpay.com/docs/webhooks/
      recognise: { headers: [[X-Razorpay-Signature]], payload: [entity, account_id, event, payload] }
      signature:
        kind: hmac
        algorithm: sha256
        header: X-Razorpay-Signature
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://razorpay.com/docs/payments/payment-gateway/s2s-integration/test-s2s/best-practices/security
      event: body:event
      delivery_id: header:X-Razorpay-Event-Id
      retries:
        failure: non-2xx
        window: 86400
        after_last_failure: "a webhook still failing after 24 hours is disabled until re-enabled in the Dashboard; the alert email is told"
        summary: "non-2xx is a failure; retried with exponential back-off for 24 hours after the event was created"
        source: https://razorpay.com/docs/webhooks/best-practices
      unknown: ["the webhook secret is not the API key secret (that one signs checkout callbacks)", "retry delays (only the back-off and the 24-hour span are given)", "answer timeout", "timestamp (none is signed)"]
    """
}
