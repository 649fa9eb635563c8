extension ProviderCatalogue {
    /// The Trello entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let trello = """
    trello:
      name: Trello
      docs: https://developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/
      recognise: { headers: [[X-Trello-Webhook]], payload: [action, model] }
      signature:
        kind: hmac
        algorithm: sha1
        header: X-Trello-Webhook
        message: "{body}{url}"
        encoding: base64
        secret_encoding: raw
        source: https://developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/
      event: body:action.type
      delivery_id: body:action.id
      unknown: ["the URL is the callbackURL given when the webhook was created", "retry schedule (searched the provider's documentation on 2026-12-01: no Trello page on webhook retries was in reach)", "answer timeout", "timestamp (none is signed)"]
    """
}
