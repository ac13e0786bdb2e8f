package id.aglis.hub.identity;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.AuditEntryRecorded;
import id.aglis.hub.platform.Likes;
import id.aglis.hub.web.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: logins (and failed ones), token use, and every administrative change. Entries are
 * written to PostgreSQL and published on {@link Addresses#AUDIT_ENTRY_RECORDED}. Details must never hold
 * a secret (passwords, tokens, hashes).
 */
public final class AuditLog {

  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  static final String INSERT = "insert into audit_log (actor_kind, actor_id, actor_name, action, target_kind, target_id, ip, detail) "
      + "values ($1, $2, $3, $4, $5, $6, $7, $8) returning id, at";
  /**
   * Newest first below $1. Filters, each null for none: $2 an action, which also matches the actions below it
   * ($3 = {@code <action>.%}: "staff" finds staff.created and staff.disabled); $4 the actor's name (any case);
   * $5/$6 the target's kind and id; $7 (inclusive) and $8 (exclusive) a time range.
   */
  static final String PAGE = "select id, at, actor_kind, actor_id, actor_name, action, target_kind, target_id, ip, detail "
      + "from audit_log where id < $1 and ($2::text is null or action = $2 or action like $3) "
      + "and ($4::text is null or lower(actor_name) = lower($4)) and ($5::text is null or target_kind = $5) "
      + "and ($6::text is null or target_id = $6) and ($7::timestamptz is null or at >= $7) "
      + "and ($8::timestamptz is null or at < $8) order by id desc limit $9";

  private final Vertx vertx;
  private final Pool pool;

  public AuditLog(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** One audit entry. {@code actor} may be null for anonymous events (a failed login). */
  public record Entry(String actorKind, Long actorId, String actorName, String action, String targetKind,
                      String targetId, String ip, JsonObject detail) {

    public static Entry by(Principal actor, String action, String targetKind, Object targetId, String ip, JsonObject detail) {
      return new Entry(actor == null ? "anonymous" : actor.kindWire(), actor == null ? null : actor.id(),
          actor == null ? null : actor.login(), action, targetKind, targetId == null ? null : targetId.toString(), ip,
          detail == null ? new JsonObject() : detail);
    }

    /** The entry once stored as {@code id} at {@code at}: what the bus announces and the audit page lists. */
    AuditEntryRecorded recorded(long id, OffsetDateTime at) {
      return new AuditEntryRecorded(id, at, actorKind, actorId, actorName, action, targetKind, targetId, ip, detail);
    }
  }

  /** What a change request changed, for the audit trail: a password is noted as changed, never recorded. */
  public static JsonObject changes(JsonObject body) {
    JsonObject detail = body.copy();
    if (detail.remove("password") != null) {
      detail.put("passwordChanged", true);
    }
    return detail;
  }

  public Future<Void> record(Entry e) {
    return pool.preparedQuery(INSERT)
        .execute(Tuple.from(new Object[] {e.actorKind(), e.actorId(), e.actorName(), e.action(), e.targetKind(), e.targetId(), e.ip(), e.detail()}))
        .onSuccess(rows -> {
          Row row = rows.iterator().next();
          vertx.eventBus().publish(Addresses.AUDIT_ENTRY_RECORDED, e.recorded(row.getLong("id"), row.getOffsetDateTime("at")).toJson());
        })
        .onFailure(err -> LOG.error("Could not write audit entry {}: {}", e.action(), err.getMessage()))
        .mapEmpty();
  }

  /**
   * {@link #record} for a change already committed: a lost entry is logged but never turns the answer to a change
   * that happened into an error (whose retry would find a used code or a changed password).
   */
  public Future<Void> recordCommitted(Entry e) {
    return record(e).recover(err -> Future.succeededFuture());
  }

  /** What a page of the audit trail is narrowed to; every part may be null (no filter). {@code to} is exclusive. */
  public record Filter(String action, String actor, String targetKind, String targetId, OffsetDateTime from, OffsetDateTime to) {

    public static final Filter NONE = new Filter(null, null, null, null, null, null);
  }

  public Future<List<JsonObject>> page(long beforeId, Filter filter, int limit) {
    String below = filter.action() == null ? null : Likes.escape(filter.action()) + ".%";
    return pool.preparedQuery(PAGE).execute(Tuple.from(new Object[] {beforeId, filter.action(), below, filter.actor(),
            filter.targetKind(), filter.targetId(), filter.from(), filter.to(), limit}))
        .map(rows -> rows.stream().map(r -> new Entry(r.getString("actor_kind"), r.getLong("actor_id"), r.getString("actor_name"),
            r.getString("action"), r.getString("target_kind"), r.getString("target_id"), r.getString("ip"),
            (JsonObject) r.getValue("detail")).recorded(r.getLong("id"), r.getOffsetDateTime("at")).toJson()).toList());
  }
}
