extension ProviderCatalogue {
    /// The Resend entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let resend = """
    resend:
      name: Resend
      docs: https://resend.com/docs/webhooks/verify-webhooks-requests
      recognise: { headers: [[svix-id, svix-signature]], payload: [created_at, data, type] }
      extends: svix               # the recipe is svix's; the keys below replace its own
      signature:
        source: https://resend.com/docs/webhooks/verify-webhooks-requests
      event: body:type
      delivery_id: header:svix-id
      unknown:
        - "recipe in words: Resend points to the Svix libraries; the recipe is Svix's: https://docs.svix.com/receiving/verifying-payloads/how-manual"
        - "retry schedule"
        - "answer timeout"
    """
}
