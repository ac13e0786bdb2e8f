package id.aglis.hub.identity;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.Cursor;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /audit?action=&cursor=}: the audit trail, newest first, for admins. */
public final class AuditRoutes {

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
    String action = Requests.query(ctx, "action");
    audit.page(before, action == null || action.isBlank() ? null : action.strip(), limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, row -> row.getLong("id"), row -> row))
        .onFailure(ctx::fail);
  }
}
