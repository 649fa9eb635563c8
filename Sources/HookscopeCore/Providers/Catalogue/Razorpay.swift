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
      unknown: ["the webhook secret is not the API key secret (that one signs checkout callbacks)", "retry schedule", "answer timeout", "timestamp (none is signed)"]
    """
}
