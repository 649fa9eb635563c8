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
      retries:
        failure: non-2xx
        delays: [0, 5, 300, 1800, 7200, 18000, 36000, 36000]
        answer_timeout: 15
        after_last_failure: "the message is marked Failed; an endpoint failing for 5 days is disabled (Svix's page)"
        summary: "Svix's schedule (Clerk's webhooks overview says Clerk sends through Svix): immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; 2xx within 15 s"
        source: https://docs.svix.com/retries
      unknown:
        - "recipe in words: Clerk documents verifyWebhook() (Standard Webhooks library over the svix-* headers), the recipe is Svix's: https://docs.svix.com/receiving/verifying-payloads/how-manual"
        - "retries are Svix's, not restated by Clerk: Clerk's page (https://clerk.com/docs/guides/development/webhooks/overview) says 'Clerk uses Svix to send our webhooks'; the schedule and the 15 s are from https://docs.svix.com/retries"
    """
}
