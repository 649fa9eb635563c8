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
      retries:
        answer_timeout: 10
        after_last_failure: "webhooks that fail 4 times in a row are disabled: after 5xx for 1 minute, doubling up to 24 hours; after 4xx until re-enabled"
        summary: "GitLab.com waits 10 s; no retry schedule is documented, failing webhooks are disabled instead"
        source: https://docs.gitlab.com/ee/user/project/integrations/webhooks.html#failing-webhooks
      unknown: ["a token is compared as is, nothing is signed: a changed body still matches", "retry schedule: none documented; the 10 s limit is GitLab.com's (https://docs.gitlab.com/ee/user/gitlab_com/index.html#other-limits; self-managed instances set their own), and the failing-webhooks rules were read as GitLab's own issues quote that page (gitlab-com/gl-infra/delivery#19320)"]
    """
}
