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
      retries:
        answer_timeout: 1
        after_last_failure: "a webhook with 1000 timeouts within 24 hours is unsubscribed (not for published partner integrations)"
        summary: "answer within 1 second, else the delivery is a timeout; no retry schedule is given"
        source: https://sentry.io/changelog/2023-10-3-change-to-integration-platform-webhook-handling
      unknown: ["Sentry-Hook-Timestamp is sent but not signed, so no age check", "retry schedule (searched the provider's documentation on 2026-12-01: Sentry's changelog gives the 1 s limit and the unsubscribe rule, no retries)"]
    """
}
