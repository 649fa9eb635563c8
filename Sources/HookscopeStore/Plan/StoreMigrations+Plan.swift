extension StoreMigrations {
    /// The shared answer plan (issue #16): one row, or none while each listener answers by
    /// its own flags.
    static let planSteps: [Step] = [
        Step(version: 4, summary: "the shared answer plan", statements: [
            // `plan` holds the `--respond` and `--rule` texts as given (`{"respond", "rules"}`),
            // parsed by each listener with the same parser as its own flags.
            """
            CREATE TABLE hookscope_plan (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                plan json NOT NULL,
                set_by text NOT NULL,
                set_at timestamptz NOT NULL DEFAULT now()
            )
            """,
        ]),
    ]
}
