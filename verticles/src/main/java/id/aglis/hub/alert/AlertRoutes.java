package id.aglis.hub.alert;

import id.aglis.hub.alert.engine.Acknowledgements;
import id.aglis.hub.alert.engine.Alert;
import id.aglis.hub.alert.engine.AlertRepository;
import id.aglis.hub.alert.metrics.MeterSampler;
import id.aglis.hub.alert.metrics.Series;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Cursor;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code GET /alerts} (history, filtered), {@code GET /alerts/{id}} (with its timeline), {@code POST /alerts/{id}/ack}
 * and {@code /resolve} (optional {@code comment}), {@code POST /alerts/ack} and {@code /alerts/resolve} in bulk
 * ({@code {"ids":[…]}}), {@code GET /alerts/analytics} and {@code GET /alerts/metrics} (what a rule may name).
 */
final class AlertRoutes {

  static final Set<String> STATES = Set.of("pending", "firing", "nodata", "resolved", "inactive");
  private static final int MAX_BULK = 200;

  private final AlertRepository alerts;
  private final Acknowledgements acknowledgements;
  private final MeterSampler sampler;

  AlertRoutes(AlertRepository alerts, Acknowledgements acknowledgements, MeterSampler sampler) {
    this.alerts = alerts;
    this.acknowledgements = acknowledgements;
    this.sampler = sampler;
  }

  void mount(Router api) {
    var watchers = Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.NOC, Role.CS);
    var responders = Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.NOC);
    api.get("/alerts").handler(watchers).handler(this::list);
    api.get("/alerts/analytics").handler(watchers).handler(this::analytics);
    api.get("/alerts/metrics").handler(responders).handler(this::metrics);
    api.post("/alerts/ack").handler(watchers).handler(ctx -> bulk(ctx, true));
    api.post("/alerts/resolve").handler(responders).handler(ctx -> bulk(ctx, false));
    api.get("/alerts/:id").handler(watchers).handler(this::get);
    api.post("/alerts/:id/ack").handler(watchers).handler(this::ack);
    api.post("/alerts/:id/resolve").handler(responders).handler(this::resolve);
  }

  private void list(RoutingContext ctx) {
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    String state = Requests.queryEnum(ctx, "state", STATES);
    String severity = Requests.queryEnum(ctx, "severity", Set.of("critical", "warning", "info"));
    String rule = Requests.query(ctx, "rule");
    OffsetDateTime from = Requests.time(ctx, "from");
    OffsetDateTime to = Requests.time(ctx, "to");
    if (from != null && to != null && !to.isAfter(from)) {
      throw ApiError.invalidField("to", "'to' must be after 'from'.");
    }
    alerts.page(before, state, severity, rule, from, to, limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, Alert::id, Alert::toJson)).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Alert");
    alerts.find(id).map(found -> found.orElseThrow(() -> ApiError.notFound("Alert")))
        .compose(alert -> alerts.timeline(id).map(timeline -> alert.toJson().put("timeline", timeline)))
        .onSuccess(json -> Responses.ok(ctx, json)).onFailure(ctx::fail);
  }

  private void ack(RoutingContext ctx) {
    String comment = comment(ctx);
    acknowledgements.acknowledge(Requests.idParam(ctx, "id", "Alert"), Access.principal(ctx).login(), comment, "api")
        .onSuccess(alert -> Responses.ok(ctx, alert.toJson())).onFailure(ctx::fail);
  }

  private void resolve(RoutingContext ctx) {
    String comment = comment(ctx);
    acknowledgements.resolve(Requests.idParam(ctx, "id", "Alert"), Access.principal(ctx).login(), comment)
        .onSuccess(alert -> Responses.ok(ctx, alert.toJson())).onFailure(ctx::fail);
  }

  /** Each id on its own: {@code {"done":[ids],"failed":[{"id","error":{code,message}}]}}. */
  private void bulk(RoutingContext ctx, boolean acknowledge) {
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("ids", "comment"));
    String comment = Fields.optionalString(body, "comment", 500);
    if (!(body.getValue("ids") instanceof JsonArray ids) || ids.isEmpty() || ids.size() > MAX_BULK) {
      throw ApiError.invalidField("ids", "'ids' lists 1 to " + MAX_BULK + " alert ids.");
    }
    List<Long> wanted = new ArrayList<>();
    for (Object id : ids) {
      if (!(id instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != Math.rint(n.doubleValue())) {
        throw ApiError.invalidField("ids", "'ids' lists alert ids (positive whole numbers).");
      }
      wanted.add(n.longValue());
    }
    String by = Access.principal(ctx).login();
    List<Future<Alert>> each = wanted.stream().map(id -> acknowledge
        ? acknowledgements.acknowledge(id, by, comment, "api") : acknowledgements.resolve(id, by, comment)).toList();
    Future.join(each).otherwiseEmpty().onSuccess(v -> {
      JsonArray done = new JsonArray();
      JsonArray failed = new JsonArray();
      for (int i = 0; i < each.size(); i++) {
        if (each.get(i).succeeded()) {
          done.add(wanted.get(i));
        } else {
          Throwable cause = each.get(i).cause();
          JsonObject error = cause instanceof ApiError api ? new JsonObject().put("code", api.code()).put("message", api.getMessage())
              : new JsonObject().put("code", "internal").put("message", "Not changed; try again.");
          failed.add(new JsonObject().put("id", wanted.get(i)).put("error", error));
        }
      }
      Responses.ok(ctx, new JsonObject().put("done", done).put("failed", failed));
    });
  }

  private static String comment(RoutingContext ctx) {
    boolean empty = ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0;
    JsonObject body = empty ? new JsonObject() : Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("comment"));
    return Fields.optionalString(body, "comment", 500);
  }

  /**
   * {@code ?from=&to=} (default: the last 30 days): per rule, how often it fired, how many blips never did, time to
   * acknowledge and to resolve (p50/p95, seconds); the noisiest rules first; flapping ones (fired 5+ times a day
   * on average) marked.
   */
  private void analytics(RoutingContext ctx) {
    OffsetDateTime to = Requests.time(ctx, "to");
    OffsetDateTime from = Requests.time(ctx, "from");
    OffsetDateTime end = to == null ? OffsetDateTime.now() : to;
    OffsetDateTime start = from == null ? end.minusDays(30) : from;
    if (!end.isAfter(start)) {
      throw ApiError.invalidField("to", "'to' must be after 'from'.");
    }
    double days = Math.max(1, java.time.Duration.between(start, end).toHours() / 24.0);
    alerts.analyticsByRule(start, end).onSuccess(rows -> {
      JsonArray rules = new JsonArray();
      long total = 0;
      for (Row row : rows) {
        long fired = row.getLong("fired");
        total += fired;
        rules.add(new JsonObject().put("rule", row.getString("rule_key")).put("name", row.getString("rule_name")).put("fired", fired)
            .put("blips", row.getLong("blips")).put("ackSecondsP50", seconds(row, "ack_p50")).put("ackSecondsP95", seconds(row, "ack_p95"))
            .put("resolveSecondsP50", seconds(row, "resolve_p50")).put("resolveSecondsP95", seconds(row, "resolve_p95"))
            .put("flapping", fired / days >= 5));
      }
      Responses.ok(ctx, new JsonObject().put("from", id.aglis.hub.common.Times.iso(start)).put("to", id.aglis.hub.common.Times.iso(end))
          .put("fired", total).put("rules", rules));
    }).onFailure(ctx::fail);
  }

  private static Double seconds(Row row, String column) {
    Double value = row.getDouble(column);
    return value == null ? null : Math.round(value * 10) / 10.0;
  }

  /** {@code {"items":[{"metric","labels":[names]}]}}: every series name on this node's {@code /metrics}, plus the cluster's own. */
  private void metrics(RoutingContext ctx) {
    Map<String, TreeSet<String>> names = new TreeMap<>();
    for (Series series : sampler.sample().keySet()) {
      names.computeIfAbsent(series.name(), n -> new TreeSet<>()).addAll(series.labels().keySet());
    }
    names.computeIfAbsent(id.aglis.hub.alert.metrics.ClusterMetrics.NODE_UP, n -> new TreeSet<>()).add("node");
    JsonArray items = new JsonArray();
    names.forEach((name, labels) -> items.add(new JsonObject().put("metric", name).put("labels", new JsonArray(new ArrayList<>(labels)))));
    Responses.ok(ctx, new JsonObject().put("items", items));
  }
}
