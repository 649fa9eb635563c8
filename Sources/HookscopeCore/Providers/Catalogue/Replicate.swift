extension ProviderCatalogue {
    /// The Replicate entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let replicate = """
    replicate:
      name: Replicate
      docs: https://replicate.com/docs/topics/webhooks/verify-webhook
      recognise: { headers: [[webhook-id, webhook-signature]], payload: [id, model, status, urls] }
      extends: standard               # the recipe is standard's; the keys below replace its own
      signature:
        tolerance_origin: "the Standard Webhooks libraries' 5 minutes"
        source: https://replicate.com/docs/topics/webhooks/verify-webhook
      event: body:status
      delivery_id: header:webhook-id
      unknown: ["tolerance (the page asks to check the timestamp; 5 minutes is the Standard Webhooks libraries' value)", "retry schedule", "answer timeout"]
    """
}
