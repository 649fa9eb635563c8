extension ProviderCatalogue {
    /// The GitProductivity entry; see docs/provider-catalogue.md for the keys.
    static let gitProductivity = """
    gitproductivity:
      name: GitProductivity
      docs: "shared/seeds/001_fdb063b27e931539.txt (GitProductivity API: Webhooks)"
      recognise: { headers: [[X-GitProductivity-Signature]], payload: [id, type, created_at, data], payload_alone: true }
      signature:
        header: X-GitProductivity-Signature
        prefix: "sha256="
        encoding: hex
        source: "shared/seeds/001_fdb063b27e931539.txt"
      event: body:type
      delivery_id: body:id
      retries:
        failure: non-2xx
        answer_timeout: 30
        delays: [60, 300, 1800, 7200, 86400]
        after_last_failure: "marked as failed and the account is notified"
        summary: "non-2xx or no answer within 30 s: retries after 1 min, 5 min, 30 min, 2 h, 24 h, then failed"
        source: "shared/seeds/001_fdb063b27e931539.txt"
    """
}
