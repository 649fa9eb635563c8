extension ProviderCatalogue {
    /// The OpenAI entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let openAI = """
    openai:
      name: OpenAI
      docs: https://platform.openai.com/docs/guides/webhooks
      recognise: { headers: [[webhook-id, webhook-signature]], payload: [id, object, created_at, type, data] }
      extends: standard               # the recipe is standard's; the keys below replace its own
      signature:
        tolerance_origin: "the openai SDK's verify_signature default of 300 seconds"
        source: https://platform.openai.com/docs/guides/webhooks
      event: body:type
      delivery_id: header:webhook-id
      unknown:
        - "the guide page was not in the search corpus: recipe and the 300 s tolerance from the official openai Python SDK (client.webhooks.verify_signature), which implements Standard Webhooks"
        - "retry schedule (searched the provider's documentation on 2026-12-01: no OpenAI page on webhook retries was in reach)"
        - "answer timeout"
    """
}
