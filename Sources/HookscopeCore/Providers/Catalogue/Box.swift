extension ProviderCatalogue {
    /// The Box entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let box = """
    box:
      name: Box
      docs: https://developer.box.com/guides/webhooks/v2/
      recognise: { headers: [[BOX-DELIVERY-ID, BOX-DELIVERY-TIMESTAMP]] }
      signature:
        kind: hmac
        algorithm: sha256
        header: BOX-SIGNATURE-PRIMARY
        message: "{body}{timestamp}"
        encoding: base64
        secret_encoding: raw
        timestamp_header: BOX-DELIVERY-TIMESTAMP
        timestamp_format: rfc3339
        tolerance: 600
        tolerance_origin: "Box: reject timestamps older than 10 minutes"
        source: https://developer.box.com/guides/webhooks/v2/signatures-v2
      event: body:trigger
      delivery_id: header:BOX-DELIVERY-ID
      retries:
        failure: non-2xx
        answer_timeout: 30
        summary: "2xx accepts; any other status, or no answer within 30 seconds, fails and is retried later (when and how often is not given)"
        source: https://support.box.com/hc/en-us/community/posts/360049180293/comments/360012382294
      unknown: ["Box signs twice, BOX-SIGNATURE-PRIMARY with the primary key and BOX-SIGNATURE-SECONDARY with the secondary; hookscope checks the primary header only", "retry delays and count (a Box staff answer on Box's support site gives the rule and the 30 s; the reference's Retries section it points to, developer.box.com/reference#section-retries, was not in reach)"]
    """
}
