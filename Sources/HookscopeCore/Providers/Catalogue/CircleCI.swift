extension ProviderCatalogue {
    /// The CircleCI entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let circleCI = """
    circleci:
      name: CircleCI
      docs: https://circleci.com/docs/outbound-webhooks
      recognise: { headers: [[circleci-signature], [Circleci-Event-Type]] }
      signature:
        kind: hmac
        algorithm: sha256
        header: circleci-signature
        list: { signature: v1, separator: "," }
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://circleci.com/docs/outbound-webhooks
      event: header:Circleci-Event-Type
      delivery_id: body:id
      retries: { failure: non-2xx, answer_timeout: 5, summary: "non-2xx or no answer within 5 s is retried later; the retry policy is not documented", source: https://circleci.com/docs/outbound-webhooks }
      unknown: ["exact retry schedule ('not currently documented')", "timestamp (none is signed)"]
    """
}
