package id.aglis.hub.ticket;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.PgErrors;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Set;

/** Canned replies for the ticket thread: every staff member reads them, admins and supervisors keep them. */
final class CannedReplyRoutes {

  private static final String LIST = "select id, title, body, updated_at from ticket_canned_replies order by title";
  private static final String INSERT = "insert into ticket_canned_replies (title, body) values ($1, $2) returning id, title, body, updated_at";
  private static final String UPDATE = "update ticket_canned_replies set title = $2, body = $3, updated_at = now() where id = $1 "
      + "returning id, title, body, updated_at";
  private static final String DELETE = "delete from ticket_canned_replies where id = $1";
  private static final Set<String> FIELDS = Set.of("title", "text");
  private static final java.util.Map<String, String> TITLE_UNIQUE = java.util.Map.of("ticket_canned_replies_title_key", "title");

  private final Pool pool;

  CannedReplyRoutes(Pool pool) {
    this.pool = pool;
  }

  void mount(Router api) {
    var keepers = Access.staff(Role.ADMIN, Role.SUPERVISOR);
    api.get("/tickets/canned-replies").handler(Access.anyStaff()).handler(this::list);
    api.post("/tickets/canned-replies").handler(keepers).handler(this::create);
    api.put("/tickets/canned-replies/:id").handler(keepers).handler(this::update);
    api.delete("/tickets/canned-replies/:id").handler(keepers).handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    pool.query(LIST).execute().onSuccess(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(r -> items.add(json(r)));
      Responses.ok(ctx, new JsonObject().put("items", items));
    }).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, FIELDS);
    String title = Fields.requiredString(body, "title", 80);
    String text = Fields.requiredString(body, "text", TicketRoutes.TEXT_MAX);
    pool.preparedQuery(INSERT).execute(Tuple.of(title, text))
        .recover(PgErrors.uniqueAs(TITLE_UNIQUE))
        .onSuccess(rows -> Responses.json(ctx, 201, json(rows.iterator().next())))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Canned reply");
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, FIELDS);
    String title = Fields.requiredString(body, "title", 80);
    String text = Fields.requiredString(body, "text", TicketRoutes.TEXT_MAX);
    pool.preparedQuery(UPDATE).execute(Tuple.of(id, title, text))
        .recover(PgErrors.uniqueAs(TITLE_UNIQUE))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            ctx.fail(ApiError.notFound("Canned reply"));
          } else {
            Responses.ok(ctx, json(rows.iterator().next()));
          }
        })
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Canned reply");
    pool.preparedQuery(DELETE).execute(Tuple.of(id)).onSuccess(rows -> {
      if (rows.rowCount() == 0) {
        ctx.fail(ApiError.notFound("Canned reply"));
      } else {
        Responses.noContent(ctx);
      }
    }).onFailure(ctx::fail);
  }

  private static JsonObject json(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("title", r.getString("title")).put("text", r.getString("body"))
        .put("updatedAt", id.aglis.hub.common.Times.iso(r.getOffsetDateTime("updated_at")));
  }
}
