extension ProviderCatalogue {
    /// The Stripe entry; see docs/provider-catalogue.md for the keys.
    static let stripe = """
    stripe:
      name: Stripe
      docs: https://docs.stripe.com/webhooks
      recognise: { headers: [[Stripe-Signature]] }
      signature:
        header: Stripe-Signature
        list: { timestamp: t, signature: v1, separator: "," }
        message: "{timestamp}.{body}"
        encoding: hex
        tolerance: 300
        tolerance_origin: "Stripe's libraries' default of 5 minutes"
        source: https://docs.stripe.com/webhooks#verify-manually
      event: body:type
      delivery_id: body:id
      retries:
        window: 259200
        summary: "resent for up to three days (live mode); the delays between attempts are not given"
        source: https://docs.stripe.com/webhooks/process-undelivered-events
      unknown: ["retry delays (only the three-day span is given)", "answer timeout", "which answers count as a failure"]
    """
}
