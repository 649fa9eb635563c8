extension ProviderCatalogue {
    /// The HCP Terraform entry, written from the pages docs/provider-sources.md lists;
    /// kept in scripts/provider-entries/, which the vector script reads too.
    static let terraform = """
    terraform:
      name: HCP Terraform
      docs: https://developer.hashicorp.com/terraform/cloud-docs/workspaces/settings/notifications
      recognise: { headers: [[X-TFE-Notification-Signature]], payload: [payload_version, notification_configuration_id, notifications] }
      signature:
        kind: hmac
        algorithm: sha512
        header: X-TFE-Notification-Signature
        message: "{body}"
        encoding: hex
        secret_encoding: raw
        source: https://developer.hashicorp.com/terraform/cloud-docs/workspaces/settings/notifications
      delivery_id: body:run_id
      unknown: ["only generic notifications with a token are signed", "event type: notifications carry a list of triggers", "retry schedule (searched the provider's documentation on 2026-12-01: the workspace notifications page and the notification configurations API reference give none)", "answer timeout", "timestamp (none is signed)"]
    """
}
