extension ProviderCatalogue {
    /// The Paystack entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let paystack = """
    paystack:
      name: Paystack
      docs: https://paystack.com/docs/payments/webhooks/
      recognise: { headers: [[x-paystack-signature]] }
      signature:
        kind: hmac
        algorithm: sha512
        header: x-paystack-signature
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://paystack.com/docs/payments/webhooks/
      event: body:event
      delivery_id: body:data.id
      unknown:
        - "the key is the account's secret key"
        - "ambiguous: Paystack's own doc-code-snippets (PaystackOSS/doc-code-snippets, verifying-signature) show a newer t=...,v1=<kid>:<hex> HMAC-SHA512 over t.body scheme whose header is not named there; hookscope implements the documented x-paystack-signature body scheme only"
        - "retry schedule (searched the provider's documentation on 2026-12-01: no Paystack page on webhook retries was in reach)"
        - "answer timeout"
    """
}
