extension ProviderCatalogue {
    /// The WooCommerce entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let wooCommerce = """
    woocommerce:
      name: WooCommerce
      docs: https://developer.woocommerce.com/docs/apis/rest-api/v3/webhooks/
      recognise: { headers: [[X-WC-Webhook-Signature], [X-WC-Webhook-Topic, X-WC-Webhook-Delivery-ID]] }
      signature:
        kind: hmac
        algorithm: sha256
        header: X-WC-Webhook-Signature
        message: "{body}"
        encoding: base64
        secret_encoding: raw
        source: https://developer.woocommerce.com/docs/apis/rest-api/v3/webhooks/
      event: header:X-WC-Webhook-Topic
      delivery_id: header:X-WC-Webhook-Delivery-ID
      retries:
        after_last_failure: "the webhook's status becomes Disabled (no more deliveries) after 5 failures by default; the woocommerce_max_webhook_delivery_failures filter changes the number"
        summary: "2xx, 301 and 302 succeed; 404, 5xx and other statuses fail; disabled after 5 retries by default"
        source: https://github.com/woocommerce/woocommerce/blob/trunk/docs/building-a-woo-store/webhooks.md
      unknown: ["the REST page says 'HMAC-SHA256 hash of the request body' but names neither the header nor the encoding; X-WC-Webhook-Signature and base64 are as third-party implementations describe them", "retry delays (the page says only that webhooks are disabled 'after 5 retries'; when a failed delivery is sent again is not given)", "answer timeout", "timestamp (none is signed)"]
    """
}
