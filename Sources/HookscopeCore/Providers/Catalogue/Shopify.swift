extension ProviderCatalogue {
    /// The Shopify entry; see docs/provider-catalogue.md for the keys.
    static let shopify = """
    shopify:
      name: Shopify
      docs: https://shopify.dev/docs/apps/build/webhooks
      recognise: { headers: [[X-Shopify-Hmac-Sha256], [X-Shopify-Topic]] }
      signature:
        header: X-Shopify-Hmac-Sha256
        encoding: base64
        source: https://shopify.dev/docs/apps/build/webhooks/subscribe/https
      event: header:X-Shopify-Topic
      delivery_id: header:X-Shopify-Webhook-Id
      retries:
        retry_count: 8
        window: 14400
        answer_timeout: 5
        summary: "retried 8 times over 4 hours with exponential back-off; no answer within 5 seconds is a failure (Shopify staff, https://community.shopify.com/c/Shopify-APIs-SDKs/Webhook-on-create-orders-called-twice/m-p/543046)"
        source: https://shopify.dev/changelog/updates-to-webhook-retry-mechanism
      unknown: ["retry delays (only the count and span are given)", "the 5 s answer limit: Shopify's troubleshooting page, which third parties quote for it, was not in reach on 2026-12-01; the figure is a Shopify staff answer", "which answers count as a failure"]
    """
}
