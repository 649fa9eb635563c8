extension ProviderCatalogue {
    /// The Sentry entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let sentry = """
    sentry:
      name: Sentry
      docs: https://docs.sentry.io/integrations/integration-platform/webhooks/
      recognise: { headers: [[Sentry-Hook-Signature], [Sentry-Hook-Resource, Sentry-Hook-Timestamp]] }
      signature:
        kind: hmac
        algorithm: sha256
        header: Sentry-Hook-Signature
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://docs.sentry.io/integrations/integration-platform/webhooks/
      event: header:Sentry-Hook-Resource
      delivery_id: header:Request-ID
      unknown: ["Sentry-Hook-Timestamp is sent but not signed, so no age check", "retry schedule", "answer timeout"]
    """
}
