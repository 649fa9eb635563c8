extension ProviderCatalogue {
    /// The SendGrid Event Webhook entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let sendGrid = """
    sendgrid:
      name: SendGrid Event Webhook
      docs: https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features
      recognise: { headers: [[X-Twilio-Email-Event-Webhook-Signature, X-Twilio-Email-Event-Webhook-Timestamp]] }
      signature:
        kind: ecdsa-p256
        header: X-Twilio-Email-Event-Webhook-Signature
        timestamp_header: X-Twilio-Email-Event-Webhook-Timestamp
        message: "{timestamp}{body}"
        encoding: base64
        tolerance: 300
        tolerance_origin: "hookscope default; SendGrid documents none"
        source: https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features
      unknown: ["tolerance: SendGrid documents none (hookscope default 5 minutes)", "event type and delivery id: the body is a JSON array of events (event, sg_event_id in each)", "retry schedule (searched the provider's documentation on 2026-12-01: no SendGrid page on Event Webhook retries was in reach)", "answer timeout"]
    """
}
