extension ProviderCatalogue {
    /// The Contentful entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let contentful = """
    contentful:
      name: Contentful
      docs: https://www.contentful.com/developers/docs/webhooks/request-verification/
      recognise: { headers: [[X-Contentful-Topic], [x-contentful-signature, x-contentful-signed-headers]] }
      signature:
        kind: none
        source: https://www.contentful.com/developers/docs/webhooks/request-verification/
      event: header:X-Contentful-Topic
      retries:
        answer_timeout: 30
        summary: "requests time out after 30 seconds; the retry schedule is not given on the pages checked"
        source: https://www.contentful.com/developers/changelog/reduced-webhook-timeout/
      unknown:
        - "signed (x-contentful-signature, x-contentful-signed-headers, x-contentful-timestamp), but the page does not give the signed message: it refers to verifyRequest in node-apps-toolkit, which signs a canonical request over a per-delivery list of headers; hookscope has no recipe and does not guess one"
        - "retry schedule (searched the provider's documentation on 2026-12-01: the changelog gives the 30 s timeout, no retry schedule)"
    """
}
