package id.aglis.hub.dispatch;

import id.aglis.hub.web.PgErrors;
import id.aglis.hub.common.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Batches of messages and their progress counters. */
public final class BatchRepository {

  static final String INSERT = "insert into wa_batches (id, requested_by, total, idempotency_key, accepted, rejected) "
      + "values ($1, $2, $3, $4, $5, $6)";
  private static final String BATCH_COLUMNS = "id, seq, requested_by, total, created_at";
  static final String BY_ID = "select " + BATCH_COLUMNS + " from wa_batches where id = $1";
  /** Newest first, below the cursor's seq. */
  static final String PAGE = "select " + BATCH_COLUMNS + " from wa_batches where seq < $1 order by seq desc limit $2";
  static final String ANSWER_BY_KEY = "select id, accepted, rejected from wa_batches where idempotency_key = $1";
  /**
   * Each batch's messages by status, and the template they were made from (a batch is one template for many
   * recipients, or texts: null). One scan of the batch index for a whole page of batches.
   */
  static final String COUNTS = "select batch_id, status, count(*) as n, min(template) as template from wa_messages "
      + "where batch_id = any($1) group by batch_id, status";
  private static final String KEY_CONSTRAINT = "wa_batches_idempotency_key_key";
  /** Messages per insert statement inside a batch's transaction: large batches go as a few statements. */
  private static final int MESSAGES_PER_STATEMENT = 1_000;

  private final Pool pool;

  public BatchRepository(Pool pool) {
    this.pool = pool;
  }

  /** A batch as accepted: its answer ({@code accepted}, {@code rejected}) is kept to be given again. */
  public record NewBatch(UUID id, String requestedBy, int total, String idempotencyKey, int accepted, JsonArray rejected) {
  }

  /** The answer a batch was given: {@code {"batchId","accepted","rejected"}}. */
  public record Answer(UUID batchId, int accepted, JsonArray rejected) {
    public JsonObject toJson() {
      return new JsonObject().put("batchId", batchId.toString()).put("accepted", accepted).put("rejected", rejected);
    }
  }

  /**
   * The batch row and every message in one transaction: a batch is stored whole or not at all, so a client
   * that got no answer never leaves half a batch behind. One result per message, in order, empty where the
   * message's own idempotency key was used before. Fails with a unique violation (see
   * {@link #isKeyTaken}) when another batch holds the same idempotency key.
   */
  public Future<List<Optional<WaMessage>>> storeWhole(NewBatch batch, List<MessageRepository.NewMessage> messages) {
    return pool.withTransaction(conn -> conn.preparedQuery(INSERT)
        .execute(Tuple.of(batch.id(), batch.requestedBy(), batch.total(), batch.idempotencyKey(), batch.accepted(), batch.rejected()))
        .compose(inserted -> insertFrom(conn, messages, 0, new ArrayList<>(messages.size()))));
  }

  private static Future<List<Optional<WaMessage>>> insertFrom(SqlConnection conn, List<MessageRepository.NewMessage> messages,
                                                              int start, List<Optional<WaMessage>> stored) {
    if (start >= messages.size()) {
      return Future.succeededFuture(stored);
    }
    int end = Math.min(messages.size(), start + MESSAGES_PER_STATEMENT);
    return MessageRepository.insertMany(conn, messages.subList(start, end)).compose(chunk -> {
      stored.addAll(chunk);
      return insertFrom(conn, messages, end, stored);
    });
  }

  /** True when {@code failure} says another batch already has this idempotency key. */
  static boolean isKeyTaken(Throwable failure) {
    return PgErrors.isUnique(failure, KEY_CONSTRAINT);
  }

  /** The answer given to the batch with this idempotency key, if there is one. */
  public Future<Optional<Answer>> answerFor(String idempotencyKey) {
    return pool.preparedQuery(ANSWER_BY_KEY).execute(Tuple.of(idempotencyKey)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      JsonArray rejected = row.getJsonArray("rejected");
      return Optional.of(new Answer(row.getUUID("id"), row.getInteger("accepted"), rejected == null ? new JsonArray() : rejected));
    });
  }

  /** A batch and its progress, as {@link #progress} gives it; {@code seq} orders batches by creation. */
  public record Progress(long seq, JsonObject json) {
  }

  /**
   * {@code {"batchId","total","accepted","queued","sent","delivered","read","failed","template","requestedBy","createdAt",
   * "byStatus":{…}}}. {@code sent} counts everything the provider accepted (so it includes delivered and read),
   * {@code delivered} includes read, and {@code failed} includes dead and cancelled: each counter says how far messages
   * got. {@code template} is the one the batch's messages were made from, or null.
   */
  public Future<Optional<JsonObject>> progress(UUID id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id))
        .compose(this::withCounts)
        .map(found -> found.stream().findFirst().map(Progress::json));
  }

  /** The batches below {@code beforeSeq}, newest first, each with its progress. */
  public Future<List<Progress>> page(long beforeSeq, int limit) {
    return pool.preparedQuery(PAGE).execute(Tuple.of(beforeSeq, limit)).compose(this::withCounts);
  }

  private Future<List<Progress>> withCounts(RowSet<Row> batches) {
    if (batches.size() == 0) {
      return Future.succeededFuture(List.of());
    }
    List<Row> rows = new ArrayList<>();
    batches.forEach(rows::add);
    UUID[] ids = rows.stream().map(r -> r.getUUID("id")).toArray(UUID[]::new);
    return pool.preparedQuery(COUNTS).execute(Tuple.tuple().addArrayOfUUID(ids)).map(counts -> {
      Map<UUID, JsonObject> byStatus = new HashMap<>();
      Map<UUID, String> templates = new HashMap<>();
      counts.forEach(r -> {
        byStatus.computeIfAbsent(r.getUUID("batch_id"), k -> new JsonObject()).put(r.getString("status"), r.getLong("n"));
        if (r.getString("template") != null) {
          templates.put(r.getUUID("batch_id"), r.getString("template"));
        }
      });
      return rows.stream().map(batch -> {
        UUID id = batch.getUUID("id");
        return new Progress(batch.getLong("seq"), progressJson(batch, byStatus.getOrDefault(id, new JsonObject()), templates.get(id)));
      }).toList();
    });
  }

  private static JsonObject progressJson(Row batch, JsonObject byStatus, String template) {
    long read = byStatus.getLong("read", 0L);
    long delivered = byStatus.getLong("delivered", 0L) + read;
    long sent = byStatus.getLong("sent", 0L) + delivered;
    long failed = byStatus.getLong("failed", 0L) + byStatus.getLong("dead", 0L) + byStatus.getLong("cancelled", 0L);
    long queued = byStatus.getLong("queued", 0L) + byStatus.getLong("scheduled", 0L) + byStatus.getLong("sending", 0L)
        + byStatus.getLong("unknown", 0L);
    long accepted = byStatus.stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
    return new JsonObject().put("batchId", batch.getUUID("id").toString()).put("total", batch.getInteger("total"))
        .put("accepted", accepted).put("queued", queued).put("sent", sent).put("delivered", delivered).put("read", read)
        .put("failed", failed).put("byStatus", byStatus).put("template", template).put("requestedBy", batch.getString("requested_by"))
        .put("createdAt", Times.iso(batch.getOffsetDateTime("created_at")));
  }
}
