extension ProviderCatalogue {
    /// The ProductLift entry; see docs/provider-catalogue.md for the keys.
    static let productLift = """
    productlift:
      name: ProductLift
      docs: "shared/seeds/003_826a0663cdcbd11d.txt (ProductLift knowledge base: Webhooks)"
      recognise: { payload: [id, creation_time, event, data] }
      signature:
        kind: none
        source: "shared/seeds/003_826a0663cdcbd11d.txt"
      event: body:event
      delivery_id: body:id
      unknown: ["signature recipe (signed with the portal secret, but not said how)", "retry schedule", "answer timeout"]
    """
}
