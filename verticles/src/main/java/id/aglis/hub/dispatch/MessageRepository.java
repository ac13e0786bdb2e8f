package id.aglis.hub.dispatch;

import id.aglis.hub.common.Times;
import id.aglis.hub.platform.Batcher;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Messages and their timelines in PostgreSQL, the system of record: every state change and its event are
 * written by one statement, and every change is guarded by the state it may leave, so two nodes (or a
 * cancel racing a send) can never both win.
 */
public final class MessageRepository {

  private static final String[] SENDABLE_TO_SENT = {MessageStatus.SENDING.wire(), MessageStatus.UNKNOWN.wire()};

  private final Pool pool;
  private final Pool keyedPool;
  // The three writes every message goes through; concurrent callers share one statement and one commit.
  private final Batcher<NewMessage, Optional<WaMessage>> inserts = new Batcher<>(this::insertAll);
  private final Batcher<Claim, Optional<WaMessage>> claims = new Batcher<>(this::startSendingAll);
  private final Batcher<Sent, Optional<WaMessage>> sends = new Batcher<>(this::markSentAll);

  public MessageRepository(Pool pool, Pool keyedPool) {
    this.pool = pool;
    this.keyedPool = keyedPool;
  }

  private record Claim(UUID id, String device) {
  }

  private record Sent(UUID id, List<String> providerIds, JsonObject detail) {
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
    return inserts.submit(m).compose(created -> created.isPresent()
        ? Future.succeededFuture(new Stored(created.get(), true))
        : pool.preparedQuery(MessageSql.BY_IDEMPOTENCY_KEY).execute(Tuple.of(m.idempotencyKey()))
            .map(existing -> new Stored(WaMessage.from(existing.iterator().next()), false)));
  }

  private Future<List<Optional<WaMessage>>> insertAll(List<NewMessage> batch) {
    return insertMany(keyedPool, batch);
  }

  /**
   * Inserts {@code batch} with one statement on {@code client} (a pool, or the connection of a transaction):
   * one result per message, in order, empty where its idempotency key was used before.
   */
  static Future<List<Optional<WaMessage>>> insertMany(SqlClient client, List<NewMessage> batch) {
    int n = batch.size();
    UUID[] ids = new UUID[n];
    String[] recipients = new String[n];
    String[] bodies = new String[n];
    String[] templates = new String[n];
    JsonObject[] params = new JsonObject[n];
    Short[] priorities = new Short[n];
    String[] statuses = new String[n];
    String[] keys = new String[n];
    UUID[] batchIds = new UUID[n];
    String[] devices = new String[n];
    Boolean[] pinned = new Boolean[n];
    OffsetDateTime[] notBefore = new OffsetDateTime[n];
    String[] requestedBy = new String[n];
    JsonObject[] details = new JsonObject[n];
    String[] errors = new String[n];
    for (int i = 0; i < n; i++) {
      NewMessage m = batch.get(i);
      ids[i] = m.id();
      recipients[i] = m.to();
      bodies[i] = m.text();
      templates[i] = m.template();
      params[i] = m.params();
      priorities[i] = (short) m.priority().level();
      statuses[i] = m.status().wire();
      keys[i] = m.idempotencyKey();
      batchIds[i] = m.batchId();
      devices[i] = m.device();
      pinned[i] = m.device() != null;
      notBefore[i] = m.notBefore();
      requestedBy[i] = m.requestedBy();
      details[i] = firstEventDetail(m);
      errors[i] = m.lastError();
    }
    Tuple values = Tuple.tuple().addArrayOfUUID(ids).addArrayOfString(recipients).addArrayOfString(bodies)
        .addArrayOfString(templates).addArrayOfJsonObject(params).addArrayOfShort(priorities).addArrayOfString(statuses)
        .addArrayOfString(keys).addArrayOfUUID(batchIds).addArrayOfString(devices).addArrayOfBoolean(pinned)
        .addArrayOfOffsetDateTime(notBefore).addArrayOfString(requestedBy).addArrayOfJsonObject(details).addArrayOfString(errors);
    return client.preparedQuery(MessageSql.INSERT_MANY).execute(values).map(rows -> byId(rows, ids));
  }

  private static JsonObject firstEventDetail(NewMessage m) {
    JsonObject detail = new JsonObject().put("priority", m.priority().wire());
    if (m.notBefore() != null) {
      detail.put("notBefore", m.notBefore().toString());
    }
    if (m.lastError() != null) {
      detail.put("reason", m.lastError());
    }
    return detail;
  }

  /** One result per id, in order: the message its row describes, or empty when the statement left it out. */
  private static List<Optional<WaMessage>> byId(RowSet<Row> rows, UUID[] ids) {
    Map<UUID, WaMessage> found = new HashMap<>();
    rows.forEach(row -> {
      WaMessage m = WaMessage.from(row);
      found.put(m.id(), m);
    });
    List<Optional<WaMessage>> results = new ArrayList<>(ids.length);
    for (UUID id : ids) {
      // remove: an id given twice (never expected) gets its row once, so two callers cannot both win it.
      results.add(Optional.ofNullable(found.remove(id)));
    }
    return results;
  }

  public Future<Optional<WaMessage>> findById(UUID id) {
    return pool.preparedQuery(MessageSql.BY_ID).execute(Tuple.of(id)).map(MessageRepository::first);
  }

  /** Every transition of the message, oldest first: {@code [{"at","status","detail"}]}. */
  public Future<JsonArray> timeline(UUID id) {
    return pool.preparedQuery(MessageSql.TIMELINE).execute(Tuple.of(id)).map(rows -> {
      JsonArray timeline = new JsonArray();
      for (Row row : rows) {
        for (Object event : (JsonArray) row.getValue("timeline")) {
          JsonObject entry = (JsonObject) event;
          // PostgreSQL writes the time with the session's offset and drops trailing zeros; the API gives every time one way.
          timeline.add(entry.copy().put("at", Times.iso(entry.getString("at"))));
        }
      }
      return timeline;
    });
  }

  /** Marks the message as being sent through {@code device}; empty when it is no longer waiting to be sent. */
  public Future<Optional<WaMessage>> startSending(UUID id, String device) {
    return claims.submit(new Claim(id, device));
  }

  private Future<List<Optional<WaMessage>>> startSendingAll(List<Claim> batch) {
    UUID[] ids = batch.stream().map(Claim::id).toArray(UUID[]::new);
    // In id order, so that statements of several nodes lock shared rows in the same order.
    List<Claim> inIdOrder = batch.stream().sorted(Comparator.comparing(Claim::id)).toList();
    Tuple values = Tuple.tuple().addArrayOfUUID(inIdOrder.stream().map(Claim::id).toArray(UUID[]::new))
        .addArrayOfString(inIdOrder.stream().map(Claim::device).toArray(String[]::new));
    return keyedPool.preparedQuery(MessageSql.START_SENDING_MANY).execute(values).map(rows -> byId(rows, ids));
  }

  public Future<Optional<WaMessage>> markSent(UUID id, List<String> providerIds, JsonObject detail) {
    return sends.submit(new Sent(id, providerIds, detail));
  }

  private Future<List<Optional<WaMessage>>> markSentAll(List<Sent> batch) {
    UUID[] ids = batch.stream().map(Sent::id).toArray(UUID[]::new);
    JsonArray[] providerIds = batch.stream().map(s -> new JsonArray(new ArrayList<>(s.providerIds()))).toArray(JsonArray[]::new);
    JsonObject[] details = batch.stream().map(Sent::detail).toArray(JsonObject[]::new);
    return keyedPool.preparedQuery(MessageSql.MARK_SENT_MANY)
        .execute(Tuple.tuple().addArrayOfUUID(ids).addArrayOfJsonArray(providerIds).addArrayOfJsonObject(details)
            .addArrayOfString(SENDABLE_TO_SENT))
        .map(rows -> byId(rows, ids));
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

  /** Back to the queue after a transient failure, due again at {@code due}; empty unless it was being sent. */
  public Future<Optional<WaMessage>> retryLater(UUID id, String lastError, OffsetDateTime due, JsonObject detail) {
    return pool.preparedQuery(MessageSql.RETRY_LATER).execute(Tuple.of(id, lastError, due, detail)).map(MessageRepository::first);
  }

  /** Back to the queue with a fresh attempt budget, if it is in one of {@code from}. */
  public Future<Optional<WaMessage>> requeue(UUID id, Collection<MessageStatus> from, JsonObject detail) {
    String[] allowed = from.stream().map(MessageStatus::wire).toArray(String[]::new);
    return pool.preparedQuery(MessageSql.REQUEUE).execute(Tuple.tuple().addUUID(id).addArrayOfString(allowed).addJsonObject(detail))
        .map(MessageRepository::first);
  }

  /**
   * What a list of messages is narrowed to; every part may be null (no narrowing).
   *
   * @param statuses any of these statuses
   * @param to       the recipient, normalised ({@code 62…})
   * @param template the template's name
   * @param since    created at or after
   * @param until    created before
   */
  public record Filter(List<MessageStatus> statuses, String to, UUID batchId, String template, OffsetDateTime since,
                       OffsetDateTime until) {
    public static final Filter NONE = new Filter(null, null, null, null, null, null);
  }

  /** Newest first, below {@code beforeSeq}. */
  public Future<List<WaMessage>> page(long beforeSeq, Filter filter, int limit) {
    String[] statuses = filter.statuses() == null ? null : filter.statuses().stream().map(MessageStatus::wire).toArray(String[]::new);
    Tuple values = Tuple.tuple().addLong(beforeSeq).addArrayOfString(statuses).addString(filter.to()).addUUID(filter.batchId())
        .addString(filter.template()).addOffsetDateTime(filter.since()).addOffsetDateTime(filter.until()).addInteger(limit);
    return pool.preparedQuery(MessageSql.PAGE).execute(values).map(rows -> rows.stream().map(WaMessage::from).toList());
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
