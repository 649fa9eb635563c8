extension ProviderCatalogue {
    /// The Svix entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let svix = """
    svix:
      name: Svix
      docs: https://docs.svix.com/receiving/verifying-payloads/how-manual
      recognise: { headers: [[svix-id, svix-signature]] }
      signature:
        kind: hmac
        algorithm: sha256
        header: svix-signature
        versioned: v1
        message: "{id}.{timestamp}.{body}"
        encoding: base64
        secret_encoding: "base64:whsec_"
        id_header: svix-id
        timestamp_header: svix-timestamp
        tolerance: 300
        tolerance_origin: "the Svix libraries' 5 minutes"
        source: https://docs.svix.com/receiving/verifying-payloads/how-manual
      event: body:type
      delivery_id: header:svix-id
      retries:
        failure: non-2xx
        delays: [0, 5, 300, 1800, 7200, 18000, 36000, 36000]
        answer_timeout: 15
        after_last_failure: "the message is marked Failed; an endpoint failing for 5 days is disabled"
        summary: "immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; 2xx within 15 s; 3xx counts as failure"
        source: https://docs.svix.com/retries
      unknown: ["tolerance (the manual page asks for one; 5 minutes is the Svix libraries' value, svix 2.9.1 on PyPI)"]
    """
}
