package id.aglis.hub.ops;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /ops/statements?limit=10&order=mean|total|calls}: the database's slowest statements, for the people who
 * watch the hub's performance (admin, supervisor, noc).
 */
final class StatementRoutes {

  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 50;

  private final Statements statements;

  StatementRoutes(Statements statements) {
    this.statements = statements;
  }

  void mount(Router api) {
    api.get("/ops/statements").handler(Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.NOC)).handler(this::slowest);
  }

  private void slowest(RoutingContext ctx) {
    int limit = limit(Requests.query(ctx, "limit"));
    String orderText = Requests.query(ctx, "order");
    Statements.Order order = orderText == null ? Statements.Order.MEAN : Statements.Order.parse(orderText);
    if (order == null) {
      throw ApiError.invalidField("order", "Rank by 'mean' (average time), 'total' (time in all) or 'calls'.");
    }
    statements.slowest(limit, order).onSuccess(answer -> Responses.ok(ctx, answer)).onFailure(ctx::fail);
  }

  private static int limit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw ApiError.invalidField("limit", "Give 'limit' as a whole number from 1 to " + MAX_LIMIT + ".");
  }
}
