extension ProviderCatalogue {
    /// The Okta event hooks entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let okta = """
    okta:
      name: Okta event hooks
      docs: https://developer.okta.com/docs/guides/hooks-best-practices/
      recognise: { payload: [eventType, eventTypeVersion, cloudEventsVersion, source, eventId, data] }
      signature:
        kind: token
        header: Authorization
        source: https://developer.okta.com/docs/guides/hooks-best-practices/
      event: body:eventType
      delivery_id: body:eventId
      unknown: ["the header name is the admin's choice ('Authentication field'); Authorization is the documented example, a value such as 'Basic <base64 user:password>' is compared as is", "nothing is signed: a changed body still matches", "retry schedule (searched the provider's documentation on 2026-12-01: https://developer.okta.com/docs/guides/hooks-best-practices and the event hooks pages in reach give no retry schedule or timeout)", "answer timeout"]
    """
}
