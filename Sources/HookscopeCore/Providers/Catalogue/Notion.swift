extension ProviderCatalogue {
    /// The Notion entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let notion = """
    notion:
      name: Notion
      docs: https://developers.notion.com/reference/v2-webhooks
      recognise: { headers: [[X-Notion-Signature]], payload: [id, timestamp, workspace_id, type, entity] }
      signature:
        kind: hmac
        algorithm: sha256
        header: X-Notion-Signature
        prefix: "sha256="
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://developers.notion.com/reference/v2-webhooks
      event: body:type
      delivery_id: body:id
      unknown: ["the key is the verification_token Notion posts once when the subscription is created", "retry schedule (searched the provider's documentation on 2026-12-01: Notion's webhooks and 'Event types & delivery' pages in reach give none; third-party guides that quote numbers disagree and are not a source)", "answer timeout", "timestamp (the body's timestamp is not checked)"]
    """
}
