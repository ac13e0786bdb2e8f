package id.aglis.hub.dispatch.api;

import id.aglis.hub.common.Times;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;

/**
 * {@code GET /analytics/whatsapp?from=&to=&groupBy=device|template|day}: what reached whom, over messages
 * created in {@code [from, to)} (ISO dates or times; dates are Jakarta days; default the last 7 days):
 * sent, delivered, read and failed counts and rates, sent→delivered and delivered→read latency p50/p95
 * (ms), template usage, and quota units (one per accepted send) per device and day.
 */
public final class AnalyticsRoutes {

  private final Pool pool;

  public AnalyticsRoutes(Pool pool) {
    this.pool = pool;
  }

  public void mount(Router api) {
    api.get("/analytics/whatsapp").handler(Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.NOC, Role.CS)).handler(this::report);
  }

  private void report(RoutingContext ctx) {
    OffsetDateTime until = Requests.time(ctx, "to");
    OffsetDateTime to = until == null ? OffsetDateTime.now() : until;
    OffsetDateTime since = Requests.time(ctx, "from");
    OffsetDateTime from = since == null ? to.minusDays(7) : since;
    if (!from.isBefore(to)) {
      throw ApiError.invalidField("from", "'from' must be before 'to'.");
    }
    String groupBy = Requests.query(ctx, "groupBy") == null ? "day" : Requests.query(ctx, "groupBy");
    String grouping = AnalyticsSql.GROUPS.get(groupBy);
    if (grouping == null) {
      throw ApiError.invalidField("groupBy", "'groupBy' must be device, template or day.");
    }
    Tuple range = Tuple.of(from, to);
    Future<JsonArray> groups = pool.preparedQuery(String.format(AnalyticsSql.BY_GROUP, grouping)).execute(range).map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(r -> list.add(group(r)));
      return list;
    });
    Future<JsonArray> templates = pool.preparedQuery(AnalyticsSql.TEMPLATES).execute(range).map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(r -> list.add(new JsonObject().put("template", r.getString("template")).put("uses", r.getLong("uses"))));
      return list;
    });
    Future<JsonArray> quota = pool.preparedQuery(AnalyticsSql.QUOTA).execute(range).map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(r -> list.add(new JsonObject().put("device", r.getString("device")).put("day", r.getString("day"))
          .put("units", r.getLong("units"))));
      return list;
    });
    Future.all(groups, templates, quota)
        .onSuccess(all -> Responses.ok(ctx, new JsonObject().put("from", Times.iso(from)).put("to", Times.iso(to))
            .put("groupBy", groupBy).put("groups", groups.result()).put("templates", templates.result())
            .put("quota", quota.result())))
        .onFailure(ctx::fail);
  }

  private static JsonObject group(Row r) {
    long total = r.getLong("total");
    long sent = r.getLong("sent");
    long delivered = r.getLong("delivered");
    long read = r.getLong("read");
    long failed = r.getLong("failed");
    return new JsonObject().put("key", r.getString("key")).put("total", total).put("sent", sent).put("delivered", delivered)
        .put("read", read).put("failed", failed)
        .put("deliveryRate", rate(delivered, sent)).put("readRate", rate(read, delivered)).put("failureRate", rate(failed, total))
        .put("latencyMs", new JsonObject()
            .put("sentToDeliveredP50", millis(r, "sent_to_delivered_p50")).put("sentToDeliveredP95", millis(r, "sent_to_delivered_p95"))
            .put("deliveredToReadP50", millis(r, "delivered_to_read_p50")).put("deliveredToReadP95", millis(r, "delivered_to_read_p95")));
  }

  private static Double rate(long part, long whole) {
    return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
  }

  private static Long millis(Row r, String column) {
    Double value = r.getDouble(column);
    return value == null ? null : Math.round(value);
  }
}
