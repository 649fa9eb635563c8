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
      retries:
        failure: non-2xx
        delays: [0, 5, 300, 1800, 7200, 18000, 36000, 36000]
        after_last_failure: "a removed or disabled endpoint gets no further attempts; messages can be replayed from the dashboard"
        summary: "immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (each after the failure before)"
        source: https://resend.com/docs/webhooks/retries-and-replays
      unknown:
        - "recipe in words: Resend points to the Svix libraries; the recipe is Svix's: https://docs.svix.com/receiving/verifying-payloads/how-manual"
        - "which answers count as success: ambiguous: Resend's older webhooks introduction (https://resend.mintlify.app/dashboard/webhooks/introduction) retries when it gets no 200, the retries page does not say; non-2xx above is Svix's rule (the schedule on both pages agrees)"
        - "answer timeout"
    """
}
