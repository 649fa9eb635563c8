extension ProviderCatalogue {
    /// The Coinbase Commerce entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let coinbaseCommerce = """
    coinbasecommerce:
      name: Coinbase Commerce
      docs: https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-security
      recognise: { headers: [[X-CC-Webhook-Signature]], payload: [id, scheduled_for, event] }
      signature:
        kind: hmac
        algorithm: sha256
        header: X-CC-Webhook-Signature
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-security
      event: body:event.type
      delivery_id: body:id
      unknown: ["encoding: the page says 'SHA256 HMAC signature' and points to the Ruby reference implementation, which writes hex", "retry schedule (searched the provider's documentation on 2026-12-01: no Coinbase Commerce page on webhook retries was in reach; third-party summaries quoting 3 days are not a source)", "answer timeout", "timestamp (none is signed)"]
    """
}
