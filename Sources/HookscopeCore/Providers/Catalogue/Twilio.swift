extension ProviderCatalogue {
    /// The Twilio entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let twilio = """
    twilio:
      name: Twilio
      docs: https://www.twilio.com/docs/usage/webhooks/webhooks-security
      recognise: { headers: [[X-Twilio-Signature]] }
      signature:
        kind: hmac
        algorithm: sha1
        header: X-Twilio-Signature
        message: "{url}{params}"
        encoding: base64
        secret_encoding: raw
        source: https://www.twilio.com/docs/usage/webhooks/webhooks-security
      retries:
        answer_timeout: 15
        summary: "15 s for the whole answer (TCP connect included: two 5 s attempts); then the fallback URL, if one is set; retries only when asked with connection overrides"
        source: https://www.twilio.com/docs/api/errors/11205
      unknown:
        - "JSON bodies: Twilio then signs the URL with a bodySHA256 query parameter (SDK RequestValidator); hookscope's recipe covers form bodies only"
        - "Webhooks Rules (X-Twilio-Webhooks-Signature-Settings) switch the key and algorithm to HMAC-SHA256; not covered"
        - "event type and delivery id (form fields vary by product)"
        - "retry schedule: none by default as far as the pages checked say; connection overrides (https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides) add retries per URL"
    """
}
