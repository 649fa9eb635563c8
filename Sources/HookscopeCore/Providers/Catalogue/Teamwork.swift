extension ProviderCatalogue {
    /// The Teamwork entry; see docs/provider-catalogue.md for the keys.
    static let teamwork = """
    teamwork:
      name: Teamwork
      docs: "shared/seeds/002_8891ae5f2dec6e44.txt (Teamwork developer docs: Webhooks)"
      recognise: { headers: [[Signature, Event], [Delivery, Event], [Signature, Delivery]] }
      signature:
        header: Signature
        encoding: hex
        source: "shared/seeds/002_8891ae5f2dec6e44.txt"
      event: header:Event
      delivery_id: header:Delivery
      retries:
        failure: "above:400"
        delays: [60, 300, 600]
        after_last_failure: "permanent failure"
        summary: "status greater than 400: 3 reattempts after 1, 5 and 10 minutes, then permanent failure"
        source: "shared/seeds/002_8891ae5f2dec6e44.txt"
      unknown: ["answer timeout"]
    """
}
