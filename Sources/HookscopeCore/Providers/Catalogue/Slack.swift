extension ProviderCatalogue {
    /// The Slack entry; see docs/provider-catalogue.md for the keys.
    static let slack = """
    slack:
      name: Slack
      docs: https://api.slack.com/authentication/verifying-requests-from-slack
      recognise: { headers: [[X-Slack-Signature], [X-Slack-Request-Timestamp]] }
      signature:
        header: X-Slack-Signature
        prefix: "v0="
        message: "v0:{timestamp}:{body}"
        encoding: hex
        timestamp_header: X-Slack-Request-Timestamp
        tolerance: 300
        tolerance_origin: "Slack's documented 5 minutes"
        source: https://api.slack.com/authentication/verifying-requests-from-slack
      event: body:event.type
      delivery_id: body:event_id
      retries:
        answer_timeout: 3
        summary: "answer within 3 seconds, else Slack may retry; the retry schedule is not in the catalogue"
        source: https://docs.slack.dev/tools/java-slack-sdk/guides/events-api
    """
}
