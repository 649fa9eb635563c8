extension ProviderCatalogue {
    /// The Productive entry; see docs/provider-catalogue.md for the keys.
    static let productive = """
    productive:
      name: Productive
      docs: "shared/seeds/000_c7bcffe454f0049a.txt (Productive help: Webhooks)"
      recognise: { headers: [[Productive-Signature]] }
      signature:
        header: Productive-Signature
        list: { timestamp: t, signature: s, separator: "," }
        message: "{timestamp}.{body}"
        encoding: hex
        tolerance_origin: "hookscope default; the Productive documentation gives none"
        source: "shared/seeds/000_c7bcffe454f0049a.txt"
      retries:
        failure: non-2xx
        retry_count: 25
        window: 172800
        after_last_failure: "three sequential unsuccessful events deactivate the integration"
        summary: "non-2xx: 25 more executions over the next 48 hours; three sequential failures deactivate the integration"
        source: "shared/seeds/000_c7bcffe454f0049a.txt"
      unknown: ["payload shape (no event or delivery id is read)", "timestamp tolerance", "answer timeout", "retry delays"]
    """
}
