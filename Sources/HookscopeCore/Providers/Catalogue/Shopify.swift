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
    """
}
