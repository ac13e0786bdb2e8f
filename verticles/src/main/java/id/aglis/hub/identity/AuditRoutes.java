package id.aglis.hub.identity;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Cursor;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /audit?action=&actor=&targetKind=&targetId=&from=&to=&cursor=}: the audit trail, newest first, for
 * admins. {@code action} also matches the actions below it ({@code staff} finds {@code staff.created}); {@code actor}
 * is a login (any case); {@code from} (inclusive) and {@code to} (exclusive) are ISO-8601 times with offset.
 */
public final class AuditRoutes {

  private static final int MAX_FILTER_LENGTH = 100;

  private final AuditLog audit;

  public AuditRoutes(AuditLog audit) {
    this.audit = audit;
  }

  public void mount(Router api) {
    api.get("/audit").handler(Access.staff(Role.ADMIN)).handler(this::list);
  }

  private void list(RoutingContext ctx) {
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    AuditLog.Filter filter = filter(ctx);
    audit.page(before, filter, limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, row -> row.getLong("id"), row -> row))
        .onFailure(ctx::fail);
  }

  private static AuditLog.Filter filter(RoutingContext ctx) {
    OffsetDateTime from = time(ctx, "from");
    OffsetDateTime to = time(ctx, "to");
    if (from != null && to != null && !from.isBefore(to)) {
      throw ApiError.invalidField("to", "'to' must be after 'from'.");
    }
    return new AuditLog.Filter(text(ctx, "action"), text(ctx, "actor"), text(ctx, "targetKind"), text(ctx, "targetId"), from, to);
  }

  private static String text(RoutingContext ctx, String name) {
    String value = Requests.query(ctx, name);
    if (value != null && value.length() > MAX_FILTER_LENGTH) {
      throw ApiError.invalidField(name, "'" + name + "' must be at most " + MAX_FILTER_LENGTH + " characters.");
    }
    return value;
  }

  private static OffsetDateTime time(RoutingContext ctx, String name) {
    String value = Requests.query(ctx, name);
    if (value == null) {
      return null;
    }
    try {
      // An unencoded '+' in "+07:00" arrives as a space (form encoding); it can only have meant the offset.
      return Fields.saneTime(OffsetDateTime.parse(value.replace(' ', '+')), name);
    } catch (DateTimeParseException e) {
      throw ApiError.invalidField(name, "'" + name + "' must be an ISO-8601 time with offset, e.g. 2026-12-01T00:00:00+07:00.");
    }
  }
}
