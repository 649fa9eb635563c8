extension StoreMigrations {
    /// Version 3 on: the self-hosted tunnel (issue #16). Kept apart from the capture's steps
    /// so the two grow without touching each other.
    static let remoteForwardSteps: [Step] = [
        Step(version: 3, summary: "tunnel: forwarders and offered deliveries", statements: [
            // Who forwards (`attach --forward`): a heartbeat every second; a listener offers
            // a delivery only when a forwarder seen in the last few seconds has a route for it.
            // `routes` is the list of `--forward` values, read by the listener with the same
            // parser.
            """
            CREATE TABLE hookscope_forwarders (
                id uuid PRIMARY KEY,
                who text NOT NULL,
                routes json NOT NULL,
                started_at timestamptz NOT NULL DEFAULT now(),
                last_seen timestamptz NOT NULL DEFAULT now()
            )
            """,
            // One row per delivery a listener offers while the sender waits: `offered`, then
            // `claimed` by one forwarder (an UPDATE that requires `offered`, so one claim wins),
            // then `answered`. The listener deletes the row once it has answered the sender,
            // or takes it back (a DELETE that requires `offered`) when nobody claimed it in time.
            // `exchange` is the JSON Lines object without its body, `body` the exact bytes.
            """
            CREATE TABLE hookscope_tunnel (
                id bigserial PRIMARY KEY,
                run uuid NOT NULL,
                local_id bigint NOT NULL,
                offered_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                state text NOT NULL DEFAULT 'offered' CHECK (state IN ('offered', 'claimed', 'answered')),
                exchange json NOT NULL,
                body bytea NOT NULL,
                claimer uuid,
                claimed_by text,
                claimed_at timestamptz,
                answer json,
                answer_body bytea,
                upstream_body bytea
            )
            """,
            "CREATE INDEX hookscope_tunnel_offered ON hookscope_tunnel (id) WHERE state = 'offered'",
            "CREATE INDEX hookscope_tunnel_run ON hookscope_tunnel (run)",
        ]),
    ]
}
