package id.aglis.hub.dispatch;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Messages and their timelines in PostgreSQL, the system of record: every state change and its event are
 * written by one statement, and every change is guarded by the state it may leave, so two nodes (or a
 * cancel racing a send) can never both win.
 */
public final class MessageRepository {

  private final Pool pool;

  public MessageRepository(Pool pool) {
    this.pool = pool;
  }

  /** A message to store. */
  public record NewMessage(UUID id, String to, String text, String template, JsonObject params, Priority priority,
                           MessageStatus status, String idempotencyKey, UUID batchId, String device,
                           OffsetDateTime notBefore, String requestedBy, String lastError) {
  }

  /** The stored message, and whether this call created it (false: its idempotency key was seen before). */
  public record Stored(WaMessage message, boolean created) {
  }

  public Future<Stored> insert(NewMessage m) {
    JsonObject detail = new JsonObject().put("priority", m.priority().wire());
    if (m.notBefore() != null) {
      detail.put("notBefore", m.notBefore().toString());
    }
    if (m.lastError() != null) {
      detail.put("reason", m.lastError());
    }
    Tuple values = Tuple.from(new Object[] {m.id(), m.to(), m.text(), m.template(), m.params(), (short) m.priority().level(),
        m.status().wire(), m.idempotencyKey(), m.batchId(), m.device(), m.device() != null, m.notBefore(), m.requestedBy(), detail,
        m.lastError()});
    return pool.preparedQuery(MessageSql.INSERT).execute(values).compose(rows -> rows.size() > 0
        ? Future.succeededFuture(new Stored(WaMessage.from(rows.iterator().next()), true))
        : pool.preparedQuery(MessageSql.BY_IDEMPOTENCY_KEY).execute(Tuple.of(m.idempotencyKey()))
            .map(existing -> new Stored(WaMessage.from(existing.iterator().next()), false)));
  }

  public Future<Optional<WaMessage>> findById(UUID id) {
    return pool.preparedQuery(MessageSql.BY_ID).execute(Tuple.of(id)).map(MessageRepository::first);
  }

  /** Every transition of the message, oldest first: {@code [{"at","status","detail"}]}. */
  public Future<JsonArray> timeline(UUID id) {
    return pool.preparedQuery(MessageSql.TIMELINE).execute(Tuple.of(id)).map(rows -> {
      JsonArray timeline = new JsonArray();
      for (Row row : rows) {
        timeline.add(new JsonObject().put("at", row.getOffsetDateTime("at").toString()).put("status", row.getString("status"))
            .put("detail", row.getValue("detail")));
      }
      return timeline;
    });
  }

  /** Marks the message as being sent through {@code device}; empty when it is no longer waiting to be sent. */
  public Future<Optional<WaMessage>> startSending(UUID id, String device) {
    return pool.preparedQuery(MessageSql.START_SENDING).execute(Tuple.of(id, device)).map(MessageRepository::first);
  }

  public Future<Optional<WaMessage>> markSent(UUID id, List<String> providerIds, JsonObject detail) {
    return pool.preparedQuery(MessageSql.MARK_SENT)
        .execute(Tuple.tuple().addUUID(id).addArrayOfString(providerIds.toArray(new String[0])).addJsonObject(detail))
        .map(MessageRepository::first);
  }

  /**
   * Moves the message to {@code to} if it is in one of {@code from}, recording {@code detail} on its
   * timeline; {@code attemptsDelta} corrects the attempt count (a device failure is not the message's
   * fault). Empty when the message was not in any of {@code from}.
   */
  public Future<Optional<WaMessage>> transition(UUID id, MessageStatus to, Collection<MessageStatus> from, String lastError,
                                                int attemptsDelta, JsonObject detail) {
    String[] allowed = from.stream().map(MessageStatus::wire).toArray(String[]::new);
    return pool.preparedQuery(MessageSql.TRANSITION)
        .execute(Tuple.tuple().addUUID(id).addString(to.wire()).addArrayOfString(allowed).addString(lastError).addInteger(attemptsDelta)
            .addJsonObject(detail == null ? new JsonObject() : detail))
        .map(MessageRepository::first);
  }

  /** Back to the queue with a fresh attempt budget, if it is in one of {@code from}. */
  public Future<Optional<WaMessage>> requeue(UUID id, Collection<MessageStatus> from, JsonObject detail) {
    String[] allowed = from.stream().map(MessageStatus::wire).toArray(String[]::new);
    return pool.preparedQuery(MessageSql.REQUEUE).execute(Tuple.tuple().addUUID(id).addArrayOfString(allowed).addJsonObject(detail))
        .map(MessageRepository::first);
  }

  /** Newest first, below {@code beforeSeq}; every filter may be null. */
  public Future<List<WaMessage>> page(long beforeSeq, String status, String to, UUID batchId, int limit) {
    return pool.preparedQuery(MessageSql.PAGE).execute(Tuple.of(beforeSeq, status, to, batchId, limit))
        .map(rows -> rows.stream().map(WaMessage::from).toList());
  }

  /** A message that should be in the queue, as the queue needs to know it. */
  public record Live(UUID id, long seq, Priority priority, MessageStatus status, String pinnedDevice,
                     OffsetDateTime notBefore, OffsetDateTime updatedAt) {
  }

  public Future<List<Live>> live(long afterSeq, int limit) {
    return pool.preparedQuery(MessageSql.LIVE).execute(Tuple.of(afterSeq, limit)).map(rows -> rows.stream()
        .map(r -> new Live(r.getUUID("id"), r.getLong("seq"), Priority.ofLevel(r.getShort("priority")),
            MessageStatus.fromWire(r.getString("status")), r.getBoolean("pinned") ? r.getString("device") : null,
            r.getOffsetDateTime("not_before"), r.getOffsetDateTime("updated_at")))
        .toList());
  }

  public Future<Void> event(UUID id, String status, JsonObject detail) {
    return pool.preparedQuery(MessageSql.EVENT).execute(Tuple.of(id, status, detail == null ? new JsonObject() : detail)).mapEmpty();
  }

  private static Optional<WaMessage> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(WaMessage.from(rows.iterator().next()));
  }
}
