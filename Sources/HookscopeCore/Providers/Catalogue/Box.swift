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
      unknown: ["Box signs twice, BOX-SIGNATURE-PRIMARY with the primary key and BOX-SIGNATURE-SECONDARY with the secondary; hookscope checks the primary header only", "retry schedule", "answer timeout"]
    """
}
