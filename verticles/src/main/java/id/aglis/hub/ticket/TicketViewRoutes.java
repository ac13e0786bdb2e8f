package id.aglis.hub.ticket;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.PgErrors;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.Set;

/** A staff member's own saved queue views: a name and the queue's query parameters. */
final class TicketViewRoutes {

  private static final String LIST = "select id, name, filters from ticket_views where staff_id = $1 order by name";
  private static final String INSERT = "insert into ticket_views (staff_id, name, filters) values ($1, $2, $3) returning id, name, filters";
  private static final String DELETE = "delete from ticket_views where id = $1 and staff_id = $2";
  private static final Set<String> FILTERS = Set.of("status", "priority", "category", "assignee", "sla", "customerNo", "q");
  private static final int MAX_VIEWS = 30;

  private final Pool pool;

  TicketViewRoutes(Pool pool) {
    this.pool = pool;
  }

  void mount(Router api) {
    // Saved views belong to a person: staff sessions only, not API tokens.
    var person = Access.staffPerson();
    api.get("/tickets/views").handler(person).handler(this::list);
    api.post("/tickets/views").handler(person).handler(this::create);
    api.delete("/tickets/views/:id").handler(person).handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    pool.preparedQuery(LIST).execute(Tuple.of(Access.principal(ctx).id())).onSuccess(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(r -> items.add(json(r)));
      Responses.ok(ctx, new JsonObject().put("items", items));
    }).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    long staffId = Access.principal(ctx).id();
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("name", "filters"));
    String name = Fields.requiredString(body, "name", 60);
    Object raw = body.getValue("filters");
    if (!(raw instanceof JsonObject filters)) {
      throw ApiError.invalidField("filters", "'filters' must be an object of the queue's query parameters.");
    }
    for (String key : filters.fieldNames()) {
      if (!FILTERS.contains(key) || !(filters.getValue(key) instanceof String value) || value.length() > 100) {
        throw ApiError.invalidField("filters", "'filters' may hold text values (at most 100 characters) for "
            + String.join(", ", new java.util.TreeSet<>(FILTERS)) + ".");
      }
    }
    pool.preparedQuery("select count(*) from ticket_views where staff_id = $1").execute(Tuple.of(staffId))
        .compose(count -> {
          if (count.iterator().next().getLong(0) >= MAX_VIEWS) {
            throw ApiError.conflict("too_many_views", "At most " + MAX_VIEWS + " saved views; delete one first.");
          }
          return pool.preparedQuery(INSERT).execute(Tuple.of(staffId, name, filters));
        })
        .recover(PgErrors.uniqueAs(Map.of("ticket_views_staff_id_name_key", "name")))
        .onSuccess(rows -> Responses.json(ctx, 201, json(rows.iterator().next())))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "View");
    pool.preparedQuery(DELETE).execute(Tuple.of(id, Access.principal(ctx).id())).onSuccess(rows -> {
      if (rows.rowCount() == 0) {
        ctx.fail(ApiError.notFound("View"));
      } else {
        Responses.noContent(ctx);
      }
    }).onFailure(ctx::fail);
  }

  private static JsonObject json(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name")).put("filters", r.getValue("filters"));
  }
}
