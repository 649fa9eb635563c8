extension ProviderCatalogue {
    /// The GitLab entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let gitLab = """
    gitlab:
      name: GitLab
      docs: https://docs.gitlab.com/user/project/integrations/webhooks/
      recognise: { headers: [[X-Gitlab-Event]] }
      signature:
        kind: token
        header: X-Gitlab-Token
        source: https://docs.gitlab.com/ee/user/project/integrations/webhooks.html#validate-payloads-by-using-a-secret-token
      event: header:X-Gitlab-Event
      delivery_id: header:X-Gitlab-Event-UUID
      unknown: ["a token is compared as is, nothing is signed: a changed body still matches", "retry schedule", "answer timeout"]
    """
}
