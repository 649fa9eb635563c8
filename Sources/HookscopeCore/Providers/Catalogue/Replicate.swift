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
      retries:
        failure: above:399
        window: 60
        after_last_failure: "no further attempts; webhooks for intermediate states (start, output, logs) are never retried"
        summary: "only the final webhook (succeeded, failed, canceled) is retried: on no connection, 4xx or 5xx, several times on an exponential back-off, the last about 1 minute after the prediction completed"
        source: https://replicate.com/docs/topics/webhooks/receive-webhook
      unknown: ["tolerance (the page asks to check the timestamp; 5 minutes is the Standard Webhooks libraries' value)", "retry delays and count (only 'several times', exponential, about 1 minute in all)", "answer timeout: 'respond with a 2xx status code within a few seconds', no number"]
    """
}
