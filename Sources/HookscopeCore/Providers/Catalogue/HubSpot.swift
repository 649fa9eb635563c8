extension ProviderCatalogue {
    /// The HubSpot entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let hubSpot = """
    hubspot:
      name: HubSpot
      docs: https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation
      recognise: { headers: [[X-HubSpot-Signature-v3, X-HubSpot-Request-Timestamp], [X-HubSpot-Signature, X-HubSpot-Signature-Version]] }
      signature:
        kind: hmac
        algorithm: sha256
        header: X-HubSpot-Signature-v3
        message: "{method}{url}{body}{timestamp}"
        encoding: base64
        secret_encoding: raw
        timestamp_header: X-HubSpot-Request-Timestamp
        timestamp_format: unix_ms
        tolerance: 300
        tolerance_origin: "HubSpot: reject timestamps older than 5 minutes"
        source: https://developers.hubspot.com/changelog/introducing-version-3-of-webhook-signatures
      unknown:
        - "the URI is signed with URL-encoded characters decoded (except the question mark); hookscope signs the URL as received"
        - "v1 and v2 signatures (X-HubSpot-Signature) are not checked"
        - "event type and delivery id: the body is a JSON array of events"
        - "retry schedule (searched the provider's documentation on 2026-12-01: the Webhooks API page was not in reach; the workflows webhook page (3 s connect, 30 s answer) is another feature)"
        - "answer timeout"
    """
}
