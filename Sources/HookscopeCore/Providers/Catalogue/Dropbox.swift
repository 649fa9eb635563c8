extension ProviderCatalogue {
    /// The Dropbox entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let dropbox = """
    dropbox:
      name: Dropbox
      docs: https://www.dropbox.com/developers/reference/webhooks
      recognise: { headers: [[X-Dropbox-Signature]], payload: [list_folder, delta] }
      signature:
        kind: hmac
        algorithm: sha256
        header: X-Dropbox-Signature
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://www.dropbox.com/developers/reference/webhooks
      unknown: ["event type (notifications carry only account ids)", "delivery id", "retry schedule (searched the provider's documentation on 2026-12-01: no Dropbox page on webhook retries or timeouts was in reach)", "answer timeout", "timestamp (none is signed)"]
    """
}
