extension StoreMigrations {
    /// Remote intercept (issue #16): the requests listeners hold, and who decided each.
    static let heldSteps: [Step] = [
        Step(version: 5, summary: "remote intercept: held requests and their decisions", statements: [
            // One row per request a listener holds while intercept is on. Any attached UI
            // decides by an UPDATE that requires `decision IS NULL`, so the first decision
            // wins; the listener reads it by (run, local_id) after a NOTIFY or on its own
            // every 100 ms, and marks the rows it answered itself (`listener`). `deadline` is
            // the listener's clock: it answers by its plan then, with or without the database.
            // Rows are kept a minute past their deadline so late deciders can see who won.
            """
            CREATE TABLE hookscope_held (
                id bigserial PRIMARY KEY,
                run uuid NOT NULL,
                listener text NOT NULL,
                local_id bigint NOT NULL,
                held_at timestamptz NOT NULL DEFAULT now(),
                deadline timestamptz NOT NULL,
                decision text,
                decided_by text,
                decided_at timestamptz,
                UNIQUE (run, local_id)
            )
            """,
            "CREATE INDEX hookscope_held_undecided ON hookscope_held (id) WHERE decision IS NULL",
        ]),
        Step(version: 7, summary: "remote intercept: what the listener carried out", statements: [
            // Review M3: the store's first decision is not always what the sender got (it can
            // commit in the instant the listener's own deadline, terminal UI or a hang-up
            // answers). The listener writes what it carried out: `applied` is the decision's
            // text, or `listener` for its own answer, which also replaces a decision that
            // came too late; that one is kept in `overridden` and `overridden_by`. A decider
            // reports success only once `applied` says its decision went out.
            """
            ALTER TABLE hookscope_held
                ADD COLUMN applied text,
                ADD COLUMN applied_at timestamptz,
                ADD COLUMN overridden text,
                ADD COLUMN overridden_by text
            """,
        ]),
    ]
}
