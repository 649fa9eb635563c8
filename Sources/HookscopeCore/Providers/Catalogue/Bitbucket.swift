extension ProviderCatalogue {
    /// The Bitbucket Cloud entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let bitbucket = """
    bitbucket:
      name: Bitbucket Cloud
      docs: https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/
      recognise: { headers: [[X-Event-Key, X-Request-UUID], [X-Hub-Signature, X-Event-Key]] }
      signature:
        kind: hmac
        algorithm: sha256
        header: X-Hub-Signature
        prefix: "sha256="
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://bitbucket.org/blog/enhanced-webhook-security
      event: header:X-Event-Key
      delivery_id: header:X-Request-UUID
      unknown: ["webhooks without a secret are not signed", "retry schedule (searched the provider's documentation on 2026-12-01: Atlassian's troubleshooting article https://confluence.atlassian.com/bbkb/troubleshoot-webhooks-1167729092.html shows the request log (status or TIMEOUT), no retry schedule or timeout value)", "answer timeout", "timestamp (none is signed)"]
    """
}
