package id.aglis.hub.ticket;

import id.aglis.hub.common.Times;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The tickets table and its thread, timeline, attachments and escalations. */
public final class TicketRepository {

  /** A new ticket's row; {@code sourceRef} makes a WhatsApp report idempotent. */
  record NewTicket(String year, long customerId, String customerNo, String customerName, String customerPhone, String category,
                   String subject, String description, String priority, String source, String sourceRef, Long assigneeId,
                   String assigneeUsername, String assigneeName, OffsetDateTime at, String calendar, int responseTargetMin,
                   int resolutionTargetMin, OffsetDateTime nextAt) {
  }

  /** What a page filters the queue by (nulls for no filter). */
  record Filter(List<String> statuses, String priority, String category, Long assigneeId, String sla, String customerNo,
                Long customerId, String text) {
  }

  /** A stored image. */
  record Image(String contentType, String filename, Buffer data) {
  }

  private final Pool pool;

  TicketRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /** The new ticket, or empty when its source was seen before (see {@link #bySourceRef}). */
  Future<Optional<Ticket>> insert(SqlClient tx, NewTicket t) {
    return tx.preparedQuery(TicketSql.INSERT).execute(Tuple.from(new Object[] {t.year(), t.customerId(), t.customerNo(),
            t.customerName(), t.customerPhone(), t.category(), t.subject(), t.description(), t.priority(), t.source(),
            t.sourceRef(), t.assigneeId(), t.assigneeUsername(), t.assigneeName(), t.at(), t.calendar(),
            t.responseTargetMin(), t.resolutionTargetMin(), t.nextAt()}))
        .map(TicketRepository::first);
  }

  Future<Optional<Ticket>> bySourceRef(String sourceRef) {
    return pool.preparedQuery(TicketSql.BY_SOURCE_REF).execute(Tuple.of(sourceRef)).map(TicketRepository::first);
  }

  Future<Optional<Ticket>> byId(long id) {
    return pool.preparedQuery(TicketSql.BY_ID).execute(Tuple.of(id)).map(TicketRepository::first);
  }

  Future<Optional<Ticket>> lock(SqlClient tx, long id) {
    return tx.preparedQuery(TicketSql.BY_ID_FOR_UPDATE).execute(Tuple.of(id)).map(TicketRepository::first);
  }

  Future<List<Ticket>> lockAll(SqlClient tx, List<Long> ids) {
    return tx.preparedQuery(TicketSql.BY_IDS_FOR_UPDATE).execute(Tuple.of(ids.toArray(Long[]::new))).map(TicketRepository::all);
  }

  Future<Ticket> update(SqlClient tx, Ticket t, Instant nextAt) {
    return tx.preparedQuery(TicketSql.UPDATE).execute(Tuple.from(new Object[] {t.id(), t.priority(), t.status(), t.assigneeId(),
            t.assigneeUsername(), t.assigneeName(), t.updatedAt(), t.firstResponseAt(), t.resolvedAt(), t.closedAt(),
            t.responseTargetMin(), t.resolutionTargetMin(), t.slaSpentS(), t.slaResumedAt(), t.responseSpentS(), t.slaState(),
            nextAt == null ? null : nextAt.atOffset(ZoneOffset.UTC)}))
        .map(rows -> Ticket.from(rows.iterator().next()));
  }

  /** An API token writes as the ISP ({@code staff}) under its own name, with no staff id (it is nobody's account). */
  Future<Long> insertMessage(SqlClient tx, long ticketId, String kind, Actor author, String body, boolean internal, OffsetDateTime at) {
    boolean token = "token".equals(author.kind());
    return tx.preparedQuery(TicketSql.INSERT_MESSAGE).execute(Tuple.from(new Object[] {ticketId, kind,
            token ? "staff" : author.kind(), token ? null : author.id(), author.name(), body, internal, at}))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  Future<Long> insertAttachment(SqlClient tx, long ticketId, long messageId, String filename, String contentType, Buffer data) {
    return tx.preparedQuery(TicketSql.INSERT_ATTACHMENT).execute(Tuple.of(ticketId, messageId, filename, contentType, data.length(), data))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  Future<Void> event(SqlClient tx, long ticketId, OffsetDateTime at, Actor actor, String event, JsonObject detail) {
    return tx.preparedQuery(TicketSql.INSERT_EVENT).execute(Tuple.from(new Object[] {ticketId, at, actor.kind(), actor.id(),
        actor.name(), event, detail})).mapEmpty();
  }

  /** The thread, oldest first; {@code withInternal} false for the customer. */
  Future<JsonArray> messages(long ticketId, boolean withInternal) {
    return pool.preparedQuery(TicketSql.MESSAGES).execute(Tuple.of(ticketId, withInternal)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        Long attachment = r.getLong("attachment_id");
        out.add(new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind"))
            .put("author", new JsonObject().put("kind", r.getString("author_kind"))
                .put("id", withInternal ? r.getLong("author_id") : null).put("name", r.getString("author_name")))
            .put("text", r.getString("body")).put("internal", r.getBoolean("internal"))
            .put("attachment", attachment == null ? null : new JsonObject().put("id", attachment)
                .put("filename", r.getString("filename")).put("contentType", r.getString("content_type"))
                .put("sizeBytes", r.getInteger("size_bytes")))
            .put("createdAt", Times.iso(r.getOffsetDateTime("created_at"))));
      }
      return out;
    });
  }

  Future<JsonArray> timeline(long ticketId) {
    return pool.preparedQuery(TicketSql.EVENTS).execute(Tuple.of(ticketId)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        Object detail = r.getValue("detail");
        out.add(new JsonObject().put("at", Times.iso(r.getOffsetDateTime("at")))
            .put("actor", new JsonObject().put("kind", r.getString("actor_kind")).put("id", r.getLong("actor_id"))
                .put("name", r.getString("actor_name")))
            .put("event", r.getString("event")).put("detail", detail instanceof JsonObject j ? j : null));
      }
      return out;
    });
  }

  Future<Optional<Image>> attachment(long ticketId, long attachmentId, boolean withInternal) {
    return pool.preparedQuery(TicketSql.ATTACHMENT).execute(Tuple.of(attachmentId, ticketId, withInternal))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(image(rows.iterator().next())));
  }

  private static Image image(Row r) {
    return new Image(r.getString("content_type"), r.getString("filename"), r.getBuffer("data"));
  }

  Future<List<Ticket>> page(long beforeId, Filter f, int limit) {
    String[] statuses = f.statuses() == null ? null : f.statuses().toArray(String[]::new);
    Tuple args = Tuple.tuple().addLong(beforeId).addArrayOfString(statuses).addString(f.priority()).addString(f.category())
        .addLong(f.assigneeId()).addString(f.sla()).addString(f.customerNo()).addLong(f.customerId())
        .addString(f.text()).addInteger(limit);
    return pool.preparedQuery(TicketSql.PAGE).execute(args).map(TicketRepository::all);
  }

  Future<List<Ticket>> customerPage(long customerId, long beforeId, List<String> statuses, int limit) {
    Tuple args = Tuple.tuple().addLong(customerId).addLong(beforeId)
        .addArrayOfString(statuses == null ? null : statuses.toArray(String[]::new)).addInteger(limit);
    return pool.preparedQuery(TicketSql.CUSTOMER_PAGE).execute(args).map(TicketRepository::all);
  }

  Future<List<Ticket>> openOf(long customerId) {
    return pool.preparedQuery(TicketSql.CUSTOMER_OPEN).execute(Tuple.of(customerId)).map(TicketRepository::all);
  }

  /** {@code {"byStatus","bySla","unassigned","mine","open"}} over tickets still being worked. */
  Future<JsonObject> summary(long staffId) {
    return pool.preparedQuery(TicketSql.SUMMARY).execute(Tuple.of(staffId)).map(rows -> {
      JsonObject byStatus = new JsonObject().put("open", 0L).put("in_progress", 0L).put("waiting_customer", 0L);
      JsonObject bySla = new JsonObject().put("ok", 0L).put("warning", 0L).put("breached", 0L);
      long unassigned = 0;
      long mine = 0;
      long open = 0;
      for (Row r : rows) {
        long n = r.getLong("n");
        byStatus.put(r.getString("status"), byStatus.getLong(r.getString("status"), 0L) + n);
        bySla.put(r.getString("sla_state"), bySla.getLong(r.getString("sla_state"), 0L) + n);
        unassigned += r.getLong("unassigned");
        mine += r.getLong("mine");
        open += n;
      }
      return new JsonObject().put("open", open).put("byStatus", byStatus).put("bySla", bySla).put("unassigned", unassigned)
          .put("mine", mine);
    });
  }

  Future<List<Ticket>> due(Instant now, int limit) {
    return pool.preparedQuery(TicketSql.DUE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit)).map(TicketRepository::all);
  }

  /** The thresholds already acted on, as {@code "response:75"}. */
  Future<Set<String>> fired(SqlClient client, long ticketId) {
    return client.preparedQuery(TicketSql.FIRED).execute(Tuple.of(ticketId)).map(rows -> {
      Set<String> out = new HashSet<>();
      rows.forEach(r -> out.add(r.getString("target") + ":" + r.getInteger("at_percent")));
      return out;
    });
  }

  /** Forgets thresholds a re-targeted clock has not crossed ({@code keep}: the ones it has, as "response:75"). */
  Future<Void> forgetUncrossed(SqlClient tx, long ticketId, Set<String> keep) {
    return tx.preparedQuery(TicketSql.FORGET_ESCALATIONS).execute(Tuple.tuple().addLong(ticketId)
        .addArrayOfString(keep.toArray(String[]::new))).mapEmpty();
  }

  /** Every running ticket on the business calendar is looked at again by the next escalation pass (holidays changed). */
  Future<Void> recheckBusinessCalendar() {
    return pool.query(TicketSql.RECHECK_BUSINESS).execute().mapEmpty();
  }

  /** True when this call recorded the threshold (false: acted on before). */
  Future<Boolean> recordEscalation(SqlClient tx, long ticketId, String target, int percent, OffsetDateTime at) {
    return tx.preparedQuery(TicketSql.INSERT_ESCALATION).execute(Tuple.of(ticketId, target, percent, at)).map(rows -> rows.size() > 0);
  }

  /** Open tickets per staff id among {@code staffIds} (missing ids have none). */
  Future<Map<Long, Long>> load(SqlClient client, List<Long> staffIds) {
    return client.preparedQuery(TicketSql.LOAD).execute(Tuple.of(staffIds.toArray(Long[]::new))).map(rows -> {
      Map<Long, Long> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getLong("assignee_id"), r.getLong("n")));
      return out;
    });
  }

  private static Optional<Ticket> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Ticket.from(rows.iterator().next()));
  }

  private static List<Ticket> all(RowSet<Row> rows) {
    List<Ticket> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(Ticket.from(r)));
    return out;
  }
}
