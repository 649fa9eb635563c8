import Foundation
import HookscopeCore
import NIOCore
import PostgresNIO

/// One batch in one round trip, durable, and the readers' wake-up after it in a second,
/// tiny transaction that does not wait for the disk (docs/benchmarks.md, issue #16).
///
/// Why the wake-up is not in the batch's transaction: a transaction that sends a NOTIFY
/// takes PostgreSQL's one notify-queue lock (for the whole cluster) when it commits and
/// keeps it until its commit is flushed. A batch commits durably (an fsync), so every other
/// notifying transaction, the remote forward's offers and answers included, queued behind
/// the batch's fsync. The rows stay as durable as before: the wake-up goes out only after
/// their commit returned, and readers that miss it (lost with the connection, or with a
/// crash before the disk has it) still look every second (`StoreReader.follow`).
extension StoreWriter {
    /// The batch in one statement (an implicit transaction, so one round trip where a
    /// BEGIN, a look, the counter, the upsert, a NOTIFY and a COMMIT were six):
    ///
    /// 1. `existing`: this run's rows among the batch, locked (review M3: retention, in
    ///    another listener's transaction, must not delete a row between this look and the
    ///    upsert, which would then insert it under the placeholder id instead of updating
    ///    it). They are locked before the counter, as in every writer: no lock cycle.
    /// 2. `counter`: its row lock orders the commits (see `StoreWriter`); it hands out one
    ///    id per new row and one change per row. Waiting for that lock, the UPDATE reads
    ///    the counter's newest value once the lock is free, so numbers are never reused.
    /// 3. The upsert, in the batch's order: new rows take ids in that order; a row already
    ///    written (a completion, or a batch whose commit was in doubt written again) keeps
    ///    its id and gets the new change.
    ///
    /// The columns go as arrays (one bind each): the statement's text is the same for
    /// every batch, whatever its size.
    static let batchSQL = """
        WITH given AS (
            SELECT * FROM unnest($3::bigint[], $4::timestamptz[], $5::boolean[], $6::integer[], $7::text[], $8::bytea[],
                                 $9::text[], $10::bytea[])
                WITH ORDINALITY AS g (local_id, received_at, completed, status, exchange, body, answer_headers, answer_body, ord)
        ), existing AS (
            SELECT local_id FROM hookscope_exchanges WHERE run = $1 AND local_id = ANY($3::bigint[]) FOR UPDATE
        ), numbered AS (
            SELECT given.*, existing.local_id IS NULL AS is_new,
                count(*) FILTER (WHERE existing.local_id IS NULL) OVER (ORDER BY given.ord) AS new_rank
            FROM given LEFT JOIN existing ON existing.local_id = given.local_id
        ), counter AS (
            UPDATE hookscope_counter
            SET next_id = next_id + (SELECT count(*) FILTER (WHERE is_new) FROM numbered),
                next_change = next_change + cardinality($3::bigint[])
            RETURNING next_id - (SELECT count(*) FILTER (WHERE is_new) FROM numbered) AS first_id,
                next_change - cardinality($3::bigint[]) AS first_change
        )
        INSERT INTO hookscope_exchanges (id, change, listener, run, local_id, received_at, completed, status,
            exchange, body, answer_headers, answer_body)
        SELECT CASE WHEN is_new THEN first_id + new_rank - 1 ELSE -local_id END, first_change + ord - 1, $2, $1,
            local_id, received_at, completed, nullif(status, \(noStatus)), exchange::json, body, answer_headers::json, answer_body
        FROM numbered CROSS JOIN counter
        ORDER BY ord
        ON CONFLICT (run, local_id) DO UPDATE SET change = EXCLUDED.change, completed = EXCLUDED.completed,
            status = EXCLUDED.status, exchange = EXCLUDED.exchange, body = EXCLUDED.body,
            answer_headers = EXCLUDED.answer_headers, answer_body = EXCLUDED.answer_body,
            written_at = clock_timestamp()
        """

    /// An array element cannot be NULL here (postgres-nio encodes no optional elements):
    /// a status that is not there goes as this, which no HTTP status is, and is stored as NULL.
    static let noStatus = -1

    /// Writes the batch; returns once its commit is durable (with the server's
    /// `synchronous_commit`, on unless its owner turned it off). Sends no NOTIFY.
    func write(_ batch: [StoreWriteQueue.Write], on connection: PostgresConnection) async throws {
        let records = Self.coalesced(batch).map(StoreRecord.init)
        var bindings = PostgresBindings(capacity: 10)
        bindings.append(run)
        bindings.append(listenerName)
        bindings.append(records.map(\.localID))
        bindings.append(records.map(\.receivedAt))
        bindings.append(records.map(\.completed))
        bindings.append(records.map { $0.status ?? Self.noStatus })
        bindings.append(records.map(\.json))
        bindings.append(records.map { ByteBuffer(bytes: $0.body) })
        bindings.append(records.map(\.answerHeadersJSON))
        bindings.append(records.map { ByteBuffer(bytes: $0.answerBody) })
        _ = try await connection.execute(Batch(bindings: bindings), logger: connector.logger)
    }

    /// `batchSQL`, prepared once per connection: PostgreSQL parsed it at every batch before.
    /// Each execution is still planned for its values (StoreConnector.everySession: a
    /// generic plan made while the table was small scanned all of it later).
    struct Batch: PostgresPreparedStatement {
        static let name = "hookscope_write_batch"
        static var sql: String { batchSQL }
        typealias Row = ()
        let bindings: PostgresBindings

        func makeBindings() -> PostgresBindings { bindings }
        func decodeRow(_ row: PostgresRow) throws -> Row {}
    }

    /// The readers' wake-up, in a transaction of its own. It holds the notify-queue lock
    /// for a moment only: PostgreSQL flushes a commit to disk only for a transaction that
    /// wrote to its log (rows), so a transaction that only notifies never waits for the
    /// disk, whatever `synchronous_commit` says (measured on PostgreSQL 15: 200 of them, 1
    /// to 3 WAL fsyncs; 200 one-row INSERTs, 200).
    func notifyReaders(on connection: PostgresConnection) async throws {
        try await connection.query("NOTIFY hookscope_exchanges", logger: connector.logger)
    }

    /// One write per exchange: a later write of the same exchange (its completion) replaces
    /// an earlier one in the same batch, at the earlier one's place.
    static func coalesced(_ batch: [StoreWriteQueue.Write]) -> [Exchange] {
        var order: [Exchange] = []
        var position: [Int: Int] = [:]
        for write in batch {
            if let index = position[write.exchange.id] {
                order[index] = write.exchange
            } else {
                position[write.exchange.id] = order.count
                order.append(write.exchange)
            }
        }
        return order
    }
}
