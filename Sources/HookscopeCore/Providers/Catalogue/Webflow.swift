extension ProviderCatalogue {
    /// The Webflow entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let webflow = """
    webflow:
      name: Webflow
      docs: https://developers.webflow.com/data/docs/working-with-webhooks
      recognise: { headers: [[x-webflow-signature, x-webflow-timestamp]], payload: [triggerType, payload] }
      signature:
        kind: hmac
        algorithm: sha256
        header: x-webflow-signature
        message: "{timestamp}:{body}"
        encoding: hex
        secret_encoding: raw
        timestamp_header: x-webflow-timestamp
        timestamp_format: unix_ms
        tolerance: 300
        tolerance_origin: "Webflow: reject requests older than 5 minutes"
        source: https://developers.webflow.com/data/v1.0.0/docs/verifying-webhook-signatures
      event: body:triggerType
      retries:
        delays: [600, 600, 600]
        summary: "three more attempts after a failed one, 10 minutes apart; a redirect (301, 302) counts as a failure"
        source: https://developers.webflow.com/data/v1.0.0/docs/limits-and-retries
      unknown: ["only webhooks created by an OAuth application are signed (the key is its client secret)", "delivery id", "ambiguous retry count: the limits page gives 3 retries after the first attempt; Webflow's changelog (https://developers.webflow.com/changelog/webhook-retries) says 'a maximum of 3 attempts'; which statuses count as success", "answer timeout"]
    """
}
