extension ProviderCatalogue {
    /// The Gitea entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let gitea = """
    gitea:
      name: Gitea
      docs: https://docs.gitea.com/usage/repository/webhooks
      recognise: { headers: [[X-Gitea-Event, X-Gitea-Delivery]] }
      signature:
        kind: hmac
        algorithm: sha256
        header: X-Gitea-Signature
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://docs.gitea.com/usage/repository/webhooks
      event: header:X-Gitea-Event
      delivery_id: header:X-Gitea-Delivery
      retries:
        answer_timeout: 5
        summary: "the instance waits 5 s for an answer by default ([webhook] DELIVER_TIMEOUT, which its administrator can change); no retry schedule is given"
        source: https://github.com/go-gitea/gitea/blob/release/v1.17/docs/content/doc/advanced/config-cheat-sheet.en-us.md
      unknown: ["the signature header is not shown in the page's example; recipe as Gitea's and Forgejo's clients implement it (X-Gitea-Signature, hex HMAC-SHA256 of the body)", "Gitea also sends X-GitHub-Event and X-Gogs-Event; detection puts Gitea before GitHub on X-Gitea-Event", "retry schedule (searched the provider's documentation on 2026-12-01: the webhooks page and the config cheat sheet give no automatic retry; the 5 s default is the cheat sheet's [webhook] DELIVER_TIMEOUT, the same in later versions and in modules/setting/webhook.go)", "timestamp (none is signed)"]
    """
}
