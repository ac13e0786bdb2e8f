package id.aglis.hub.dispatch;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** Batches of messages and their progress counters. */
public final class BatchRepository {

  static final String INSERT = "insert into wa_batches (id, requested_by, total) values ($1, $2, $3)";
  static final String BY_ID = "select id, requested_by, total, created_at from wa_batches where id = $1";
  static final String COUNTS = "select status, count(*) as n from wa_messages where batch_id = $1 group by status";

  private final Pool pool;

  public BatchRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> insert(UUID id, String requestedBy, int total) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(id, requestedBy, total)).mapEmpty();
  }

  /**
   * {@code {"batchId","total","accepted","queued","sent","delivered","read","failed","createdAt","byStatus":{…}}}.
   * {@code sent} counts everything the provider accepted (so it includes delivered and read), {@code delivered}
   * includes read, and {@code failed} includes dead and cancelled: each counter says how far messages got.
   */
  public Future<Optional<JsonObject>> progress(UUID id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(Optional.<JsonObject>empty());
      }
      Row batch = rows.iterator().next();
      return pool.preparedQuery(COUNTS).execute(Tuple.of(id)).map(counts -> {
        JsonObject byStatus = new JsonObject();
        counts.forEach(r -> byStatus.put(r.getString("status"), r.getLong("n")));
        long read = byStatus.getLong("read", 0L);
        long delivered = byStatus.getLong("delivered", 0L) + read;
        long sent = byStatus.getLong("sent", 0L) + delivered;
        long failed = byStatus.getLong("failed", 0L) + byStatus.getLong("dead", 0L) + byStatus.getLong("cancelled", 0L);
        long queued = byStatus.getLong("queued", 0L) + byStatus.getLong("scheduled", 0L) + byStatus.getLong("sending", 0L)
            + byStatus.getLong("unknown", 0L);
        long accepted = byStatus.stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
        return Optional.of(new JsonObject().put("batchId", id.toString()).put("total", batch.getInteger("total"))
            .put("accepted", accepted).put("queued", queued).put("sent", sent).put("delivered", delivered).put("read", read)
            .put("failed", failed).put("byStatus", byStatus).put("createdAt", batch.getOffsetDateTime("created_at").toString()));
      });
    });
  }
}
