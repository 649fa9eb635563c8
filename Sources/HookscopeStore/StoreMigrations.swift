/// The store's schema, as numbered steps applied in order and recorded in
/// `hookscope_schema`. A step is never edited once released: a change is a new step.
///
/// Room for what comes next (the shared answer plan, intercept decisions and remote
/// forward claims of the self-hosted tunnel): each is a table of its own keyed by the
/// exchange `id` or the listener `run`, added by a later step; nothing here needs to change.
public enum StoreMigrations {
    public struct Step: Sendable {
        public var version: Int
        public var summary: String
        /// One statement each (the extended query protocol runs one at a time).
        public var statements: [String]
    }

    /// In version order, whichever file a step is kept in.
    public static let all: [Step] = ([
        Step(version: 1, summary: "exchanges and the id counter", statements: [
            // One row. Its row lock, taken by every writing transaction and held until
            // commit, is what makes ids and changes become visible in increasing order
            // (see StoreWriter); it also hands out ids without gaps (a rollback returns them).
            """
            CREATE TABLE hookscope_counter (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                next_id bigint NOT NULL,
                next_change bigint NOT NULL
            )
            """,
            "INSERT INTO hookscope_counter (singleton, next_id, next_change) VALUES (true, 1, 1)",
            """
            CREATE TABLE hookscope_exchanges (
                id bigint PRIMARY KEY,
                change bigint NOT NULL UNIQUE,
                listener text NOT NULL,
                run uuid NOT NULL,
                local_id bigint NOT NULL,
                received_at timestamptz NOT NULL,
                written_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                completed boolean NOT NULL,
                status integer,
                exchange json NOT NULL,
                body bytea NOT NULL,
                answer_headers json NOT NULL,
                answer_body bytea NOT NULL,
                UNIQUE (run, local_id)
            )
            """,
            "CREATE INDEX hookscope_exchanges_received_at ON hookscope_exchanges (received_at)",
        ]),
        Step(version: 2, summary: "listeners", statements: [
            // Who writes to the store: shown by `attach`, and the key later steps hang a
            // listener's own plan and its intercept decisions on.
            """
            CREATE TABLE hookscope_listeners (
                run uuid PRIMARY KEY,
                name text NOT NULL,
                url text NOT NULL,
                started_at timestamptz NOT NULL DEFAULT now(),
                last_seen timestamptz NOT NULL DEFAULT now()
            )
            """,
        ]),
    ] + remoteForwardSteps + planSteps + heldSteps).sorted { $0.version < $1.version }

    public static var latestVersion: Int { all.last?.version ?? 0 }

    /// The steps to apply to a store at `current`, up to `target`; throws when the store is
    /// newer than this binary knows.
    public static func pending(from current: Int, to target: Int = latestVersion) throws -> [Step] {
        guard current <= latestVersion else { throw TooNew(storeVersion: current, knownVersion: latestVersion) }
        return all.filter { $0.version > current && $0.version <= target }
    }

    public struct TooNew: Error, Equatable, CustomStringConvertible {
        public var storeVersion: Int
        public var knownVersion: Int
        public var description: String {
            "the store's schema is version \(storeVersion), newer than this hookscope knows (\(knownVersion)): upgrade hookscope"
        }
    }
}
