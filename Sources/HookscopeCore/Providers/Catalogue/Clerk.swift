extension ProviderCatalogue {
    /// The Clerk entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let clerk = """
    clerk:
      name: Clerk
      docs: https://clerk.com/docs/reference/backend/verify-webhook
      recognise: { headers: [[svix-id, svix-signature]], payload: [data, object, type] }
      extends: svix               # the recipe is svix's; the keys below replace its own
      signature:
        source: https://clerk.com/docs/reference/backend/verify-webhook
      event: body:type
      delivery_id: header:svix-id
      unknown:
        - "recipe in words: Clerk documents verifyWebhook() (Standard Webhooks library over the svix-* headers), the recipe is Svix's: https://docs.svix.com/receiving/verifying-payloads/how-manual"
        - "retry schedule (delivered by Svix; Clerk's page does not restate https://docs.svix.com/retries)"
        - "answer timeout"
    """
}
