extension ProviderCatalogue {
    /// The Vercel entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let vercel = """
    vercel:
      name: Vercel
      docs: https://vercel.com/docs/webhooks
      recognise: { headers: [[x-vercel-signature]], payload: [id, type, createdAt, payload] }
      signature:
        kind: hmac
        algorithm: sha1
        header: x-vercel-signature
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://vercel.com/docs/webhooks
      event: body:type
      delivery_id: body:id
      unknown: ["the page was not in the search corpus: recipe as Vercel's docs are quoted by third-party implementations", "retry schedule (searched the provider's documentation on 2026-12-01: no Vercel page on webhook retries was in reach)", "answer timeout", "timestamp (none is signed)"]
    """
}
