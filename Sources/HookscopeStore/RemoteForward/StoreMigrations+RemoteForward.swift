extension StoreMigrations {
    /// Versions 3, 6 and 8: the remote forward through the store (issue #16). Kept apart from
    /// the capture's steps so the two grow without touching each other.
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
        Step(version: 6, summary: "remote forward: offers named as such, one per delivery, claimable until a deadline", statements: [
            // "tunnel" also means --tunnel (cloudflared, ngrok, ssh): the offers' table says
            // what it holds (review M8), its index and sequence with it.
            "ALTER TABLE hookscope_tunnel RENAME TO hookscope_forward_offers",
            "ALTER SEQUENCE hookscope_tunnel_id_seq RENAME TO hookscope_forward_offers_id_seq",
            "ALTER INDEX hookscope_tunnel_pkey RENAME TO hookscope_forward_offers_pkey",
            "ALTER INDEX hookscope_tunnel_offered RENAME TO hookscope_forward_offers_offered",
            "ALTER INDEX hookscope_tunnel_run RENAME TO hookscope_forward_offers_run",
            // Offers of the listeners before this version: they use the old name, so no
            // sender waits for these rows any more.
            "DELETE FROM hookscope_forward_offers",
            // One row per delivery: an offer sent again after a lost connection (whether the
            // first INSERT committed is unknown) finds its row instead of adding a second
            // one that another forwarder could claim.
            "ALTER TABLE hookscope_forward_offers ADD CONSTRAINT hookscope_forward_offers_delivery UNIQUE (run, local_id)",
            // The listener's claim deadline, on the database's clock: a claim after it fails
            // even when the listener could not take the offer back.
            "ALTER TABLE hookscope_forward_offers ADD COLUMN claim_until timestamptz NOT NULL",
            // The forwarders whose routes take it, as the listener read them: each claims
            // what names it in one statement, without reading every other offer first.
            "ALTER TABLE hookscope_forward_offers ADD COLUMN candidates uuid[] NOT NULL",
        ]),
        Step(version: 8, summary: "remote forward: the claim reads only the offers still claimable", statements: [
            // The claim's only use of the index of open offers was its predicate, so every
            // round read all of it: the dead entries of every offer claimed since VACUUM's
            // last visit (~1 leaf block per 360 claims), and every live offer whose claim
            // time has passed, such as a killed listener's until the hourly sweep (a seq
            // scan: 5 715 blocks for 40 000; review session 20 B, M1). Keyed by the deadline,
            // a round reads only the offers of the last claim timeout, dead or alive.
            "CREATE INDEX hookscope_forward_offers_open ON hookscope_forward_offers (claim_until) WHERE state = 'offered'",
        ]),
    ]
}
