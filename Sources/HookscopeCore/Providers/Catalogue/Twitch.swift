extension ProviderCatalogue {
    /// The Twitch EventSub entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let twitch = """
    twitch:
      name: Twitch EventSub
      docs: https://dev.twitch.tv/docs/eventsub/handling-webhook-events/
      recognise: { headers: [[Twitch-Eventsub-Message-Signature, Twitch-Eventsub-Message-Id]] }
      signature:
        kind: hmac
        algorithm: sha256
        header: Twitch-Eventsub-Message-Signature
        prefix: "sha256="
        message: "{id}{timestamp}{body}"
        encoding: hex
        secret_encoding: raw
        id_header: Twitch-Eventsub-Message-Id
        timestamp_header: Twitch-Eventsub-Message-Timestamp
        timestamp_format: rfc3339
        tolerance: 600
        tolerance_origin: "Twitch: reject messages older than 10 minutes"
        source: https://dev.twitch.tv/docs/eventsub/handling-webhook-events/#verifying-the-event-message
      event: header:Twitch-Eventsub-Subscription-Type
      delivery_id: header:Twitch-Eventsub-Message-Id
      unknown: ["answer timeout: 'within a few seconds'", "retry schedule (searched the provider's documentation on 2026-12-01: the handling-webhook-events page gives none; it says Twitch may resend a notification when unsure it was received, and revokes the subscription (notification_failures_exceeded) after too many slow answers; https://dev.twitch.tv/docs/eventsub/handling-webhook-events/)"]
    """
}
