extension ProviderCatalogue {
    /// The Mailgun entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let mailgun = """
    mailgun:
      name: Mailgun
      docs: https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks
      recognise: { payload: [signature, event-data] }
      signature:
        kind: hmac
        algorithm: sha256
        body: signature.signature
        message: "{timestamp}{field:signature.token}"
        timestamp_field: signature.timestamp
        encoding: hex
        secret_encoding: raw
        tolerance: 300
        tolerance_origin: "hookscope default; Mailgun documents none"
        source: https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks
      event: body:event-data.event
      delivery_id: body:event-data.id
      retries:
        after_last_failure: "no further attempts after 8 hours"
        delays: [300, 600, 900, 3600, 7200, 14400]
        window: 28800
        summary: "200 is success, 406 stops retries; any other answer is retried (not for delivery notifications) after 5, 10, 15 min, 1, 2 and 4 h, within 8 hours"
        source: https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/webhook-retries
      unknown:
        - "the signature covers only timestamp and token, not event-data: a changed event-data still verifies (the tampered vectors change the token)"
        - "tolerance: Mailgun documents none (hookscope default 5 minutes); it suggests caching tokens against replay"
        - "subaccounts add parent-signature, made with the parent account's key; hookscope checks signature only"
        - "retry delays: ambiguous: Mailgun's help centre (https://help.mailgun.com/hc/en-us/articles/202236504-Webhooks) gives 10, 10, 15, 30 min, 1, 2 and 4 h; the schedule above is the current documentation's (webhook-retries page)"
        - "which statuses besides 200 count as success (the page names 200, 406 and 'any other code')"
        - "answer timeout"
    """
}
