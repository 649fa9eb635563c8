extension ProviderCatalogue {
    /// The GitHub entry; see docs/provider-catalogue.md for the keys.
    static let github = """
    github:
      name: GitHub
      docs: https://docs.github.com/en/webhooks
      recognise: { headers: [[X-Hub-Signature-256], [X-GitHub-Event], [X-GitHub-Delivery]] }
      signature:
        header: X-Hub-Signature-256
        prefix: "sha256="
        encoding: hex
        source: https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
      event: header:X-GitHub-Event
      delivery_id: header:X-GitHub-Delivery
      retries:
        answer_timeout: 10
        retry_count: 0
        after_last_failure: "recorded as failed; redeliver by hand or through the REST API"
        summary: "no automatic redelivery; an answer slower than 10 seconds is a failure"
        source: https://docs.github.com/en/webhooks/using-webhooks/handling-failed-webhook-deliveries
      unknown: ["which answer statuses count as a failure"]
    """
}
