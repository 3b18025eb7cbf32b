package bank.ushield.db;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Head-office batches. Sequences run per direction and workstation from 1 without gaps; the unique key
 * (direction, workstation, sequence) refuses a second batch with the same number (replay).
 */
public final class BatchRepository {
    private static final RowMapper<BatchRow> BATCH = ShapeKeptRowMapper.of(BatchRow.class);

    private final Jdbi jdbi;
    private final Clock clock;

    public BatchRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The highest sequence recorded for this direction and workstation, 0 when none. */
    public long lastSequence(BatchDirection direction, String workstationId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT coalesce(max(sequence), 0) FROM ho_batch WHERE direction = :d AND workstation_id = :ws")
                .bind("d", direction).bind("ws", workstationId).mapTo(Long.class).one());
    }

    /** The sequence the next batch of this direction and workstation must carry. */
    public long nextSequence(BatchDirection direction, String workstationId) {
        return lastSequence(direction, workstationId) + 1;
    }

    /** Records a batch with a given sequence (e.g. an incoming one, or an outgoing one whose file already carries it). */
    public BatchRow insert(BatchDirection direction, String workstationId, long sequence, String fileName, String sha256,
                           BatchStatus status, int itemCount, String detail) {
        long id = Sql.checked("Batch " + direction + " #" + sequence, () -> jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO ho_batch (direction, workstation_id, sequence, file_name, sha256, status, item_count, "
                                + "detail, created_at) VALUES (:d, :ws, :seq, :file, :sha, :status, :count, :detail, :now)")
                .bind("d", direction).bind("ws", workstationId).bind("seq", sequence).bind("file", fileName)
                .bind("sha", sha256).bind("status", status).bind("count", itemCount).bind("detail", detail)
                .bind("now", clock.instant())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
        return find(id).orElseThrow();
    }

    /** Records a batch with the next sequence, chosen and written in one transaction. */
    public BatchRow insertNext(BatchDirection direction, String workstationId, String fileName, String sha256,
                               BatchStatus status, int itemCount, String detail) {
        return jdbi.inTransaction(h -> insert(direction, workstationId, nextSequence(direction, workstationId),
                fileName, sha256, status, itemCount, detail));
    }

    public Optional<BatchRow> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ho_batch WHERE id = :id")
                .bind("id", id).map(BATCH).findOne());
    }

    public Optional<BatchRow> find(BatchDirection direction, String workstationId, long sequence) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM ho_batch WHERE direction = :d AND workstation_id = :ws AND sequence = :seq")
                .bind("d", direction).bind("ws", workstationId).bind("seq", sequence).map(BATCH).findOne());
    }

    /** Batches of a direction in a status, by sequence (e.g. OUT batches WRITTEN but not yet SENT). */
    public List<BatchRow> inStatus(BatchDirection direction, BatchStatus status) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM ho_batch WHERE direction = :d AND status = :s ORDER BY workstation_id, sequence")
                .bind("d", direction).bind("s", status).map(BATCH).list());
    }

    /** The most recent batches, newest first (for the sync status screen). */
    public List<BatchRow> recent(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ho_batch ORDER BY created_at DESC, id DESC LIMIT :n")
                .bind("n", limit).map(BATCH).list());
    }

    public void updateStatus(long batchId, BatchStatus status, String detail) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE ho_batch SET status = :s, detail = :detail WHERE id = :id")
                .bind("s", status).bind("detail", detail).bind("id", batchId).execute());
    }
}
