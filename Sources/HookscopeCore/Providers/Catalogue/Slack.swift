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
        retry_count: 3
        summary: "answer within 3 seconds (docs.slack.dev Events API guide); a failed or slow delivery is sent again up to 3 times (Slack's SDK maintainers)"
        source: https://github.com/slackapi/python-slack-events-api/issues/84
      unknown: ["retry delays (Slack's Events API page, https://api.slack.com/apis/connections/events-api, was not in reach on 2026-12-01; the 3 s limit is from https://docs.slack.dev/tools/java-slack-sdk/guides/events-api)", "which answers count as a failure"]
    """
}
