package id.aglis.hub.identity;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Principal;
import id.aglis.hub.web.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Set;

/**
 * A signed-in customer's notice preferences: {@code GET|PUT /portal/preferences} with {@code ticketNotices} and
 * {@code installationNotices} (WhatsApp notices about their tickets and installation; on by default).
 */
final class PreferenceRoutes {

  private static final Set<String> FIELDS = Set.of("ticketNotices", "installationNotices");
  private static final String READ = "select ticket_notices, installation_notices from customers where id = $1";
  private static final String UPDATE = "update customers set ticket_notices = coalesce($2, ticket_notices), "
      + "installation_notices = coalesce($3, installation_notices), updated_at = now() where id = $1 "
      + "returning ticket_notices, installation_notices";

  private final Pool pool;

  PreferenceRoutes(Pool pool) {
    this.pool = pool;
  }

  void mount(Router api) {
    api.get("/portal/preferences").handler(Access.customer()).handler(this::read);
    api.put("/portal/preferences").handler(Access.customer()).handler(this::update);
  }

  private void read(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    pool.preparedQuery(READ).execute(Tuple.of(who.id()))
        .onSuccess(rows -> answer(ctx, rows))
        .onFailure(ctx::fail);
  }

  /** The preferences, or 401 when the signed-in customer's row is gone. */
  private static void answer(RoutingContext ctx, io.vertx.sqlclient.RowSet<Row> rows) {
    if (rows.size() == 0) {
      ctx.fail(id.aglis.hub.web.ApiError.unauthenticated());
    } else {
      Responses.ok(ctx, json(rows.iterator().next()));
    }
  }

  private void update(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, FIELDS);
    Boolean tickets = Fields.optionalBoolean(body, "ticketNotices");
    Boolean installations = Fields.optionalBoolean(body, "installationNotices");
    pool.preparedQuery(UPDATE).execute(Tuple.of(who.id(), tickets, installations))
        .onSuccess(rows -> answer(ctx, rows))
        .onFailure(ctx::fail);
  }

  private static JsonObject json(Row row) {
    return new JsonObject().put("ticketNotices", row.getBoolean("ticket_notices"))
        .put("installationNotices", row.getBoolean("installation_notices"));
  }
}
