extension ProviderCatalogue {
    /// The Intercom entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let intercom = """
    intercom:
      name: Intercom
      docs: https://developers.intercom.com/intercom-api-reference/v1.0/reference/signed-notifications
      recognise: { headers: [[X-Hub-Signature]], payload: [type, topic, app_id, data] }
      signature:
        kind: hmac
        algorithm: sha1
        header: X-Hub-Signature
        prefix: "sha1="
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://developers.intercom.com/intercom-api-reference/v1.0/reference/signed-notifications
      event: body:topic
      delivery_id: body:id
      unknown: ["the key: the v1.0 page names the subscription's hub_secret; newer apps sign with the app's client secret", "retry schedule (searched the provider's documentation on 2026-12-01: https://developers.intercom.com/docs/webhooks/webhook-notifications gives pauses (over 1000 errors in 15 minutes: 15 minutes) and suspension (errors for over seven days, private apps), no retry schedule)", "answer timeout", "timestamp (none is signed)"]
    """
}
