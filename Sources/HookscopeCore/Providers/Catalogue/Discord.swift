extension ProviderCatalogue {
    /// The Discord interactions entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let discord = """
    discord:
      name: Discord interactions
      docs: https://discord.com/developers/docs/interactions/receiving-and-responding#security-and-authorization
      recognise: { headers: [[X-Signature-Ed25519, X-Signature-Timestamp]] }
      signature:
        kind: ed25519
        header: X-Signature-Ed25519
        timestamp_header: X-Signature-Timestamp
        message: "{timestamp}{body}"
        encoding: hex
        tolerance: 300
        tolerance_origin: "hookscope default; Discord documents none"
        source: https://discord.com/developers/docs/interactions/receiving-and-responding#security-and-authorization
      event: body:type
      delivery_id: body:id
      unknown: ["tolerance: Discord documents none (hookscope default 5 minutes)", "the key is the application's public key (hex) from the Developer Portal", "answer timeout (3 s to answer an interaction is documented on the same page for the response, not for delivery)", "retry schedule (searched the provider's documentation on 2026-12-01: none for interactions; Discord's webhook events, which send the same headers, are answered with 204 within 3 s or retried several times with exponential back-off for up to 10 minutes, and too many failures stop them (https://docs.discord.com/developers/events/webhook-events#responding-to-events); not applied to this entry, which cannot tell the two apart)"]
    """
}
