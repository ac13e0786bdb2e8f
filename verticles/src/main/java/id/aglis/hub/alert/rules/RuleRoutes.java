package id.aglis.hub.alert.rules;

import id.aglis.hub.alert.metrics.ClusterMetrics;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import id.aglis.hub.web.StaffDirectory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * {@code POST/GET /alerts/rules}, {@code GET/PUT/DELETE /alerts/rules/{id}}, and {@code POST /alerts/rules/preview}
 * (the rule evaluated against the cluster's data now, not saved), for admin, supervisor and noc.
 */
public final class RuleRoutes {

  private final RuleRepository rules;
  private final ClusterMetrics metrics;
  private final StaffDirectory staff;
  private final Predicate<String> knownMetric;

  public RuleRoutes(RuleRepository rules, ClusterMetrics metrics, StaffDirectory staff, Predicate<String> knownMetric) {
    this.rules = rules;
    this.metrics = metrics;
    this.staff = staff;
    this.knownMetric = knownMetric;
  }

  public void mount(Router api) {
    var editors = Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.NOC);
    api.post("/alerts/rules/preview").handler(editors).handler(this::preview);
    api.post("/alerts/rules").handler(editors).handler(this::create);
    api.get("/alerts/rules").handler(editors).handler(this::list);
    api.get("/alerts/rules/:id").handler(editors).handler(this::get);
    api.put("/alerts/rules/:id").handler(editors).handler(this::update);
    api.delete("/alerts/rules/:id").handler(editors).handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    AlertRule rule = AlertRule.parse(Bodies.object(ctx), knownMetric, null);
    knownStaff(rule).compose(v -> rules.insert(rule, Access.principal(ctx).login()))
        .onSuccess(saved -> Responses.json(ctx, 201, saved.toJson())).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    rules.all().onSuccess(all -> Responses.ok(ctx, new JsonObject().put("items", new JsonArray(all.stream().map(AlertRule::toJson).toList()))))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    found(ctx).onSuccess(rule -> Responses.ok(ctx, rule.toJson())).onFailure(ctx::fail);
  }

  /** The whole rule, as for a create; its key stays. {@code {"enabled":false}} alone switches it off. */
  private void update(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    found(ctx).compose(current -> {
      AlertRule next = body.size() == 1 && body.containsKey("enabled")
          ? current.withEnabled(enabledOf(body))
          : AlertRule.parse(body, knownMetric, current);
      return knownStaff(next).compose(v -> rules.update(current.id(), next));
    }).map(saved -> saved.orElseThrow(() -> ApiError.notFound("Alert rule")))
        .onSuccess(saved -> Responses.ok(ctx, saved.toJson())).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    rules.delete(Requests.idParam(ctx, "id", "Alert rule")).map(found -> found.orElseThrow(() -> ApiError.notFound("Alert rule")))
        .onSuccess(deleted -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  /**
   * What the rule would do now: its value per group, which groups breach, whether it would go pending or fire at
   * once, and who would be paged (and who could not be, having no phone on file).
   */
  private void preview(RoutingContext ctx) {
    AlertRule rule = AlertRule.parse(Bodies.object(ctx), knownMetric, null).withId(-1, false);
    // Refused as saving would refuse it: a name that pages nobody is a mistake to show now, not after saving.
    knownStaff(rule).onFailure(ctx::fail).onSuccess(known -> preview(ctx, rule));
  }

  private void preview(RoutingContext ctx, AlertRule rule) {
    Future<ClusterMetrics.Values> values = metrics.evaluate(List.of(rule)).map(all -> all.get(rule.id()));
    Future<List<StaffDirectory.Contact>> people = staff.active(rule.targets().roles(), rule.targets().staff());
    Future.all(values, people).onSuccess(done -> {
      ClusterMetrics.Values v = values.result();
      JsonArray groups = new JsonArray();
      v.groups().forEach((labels, value) -> groups.add(new JsonObject().put("labels", new JsonObject(new TreeMap<>(labels)))
          .put("value", value).put("breached", rule.breached(value))));
      long breaching = v.groups().values().stream().filter(rule::breached).count();
      String outcome = v.noData() ? "nodata" : breaching == 0 ? "inactive" : rule.forSeconds() > 0 ? "pending" : "firing";
      JsonArray recipients = new JsonArray(people.result().stream().map(p -> new JsonObject().put("username", p.username())
          .put("name", p.name()).put("role", p.role().wire()).put("reachable", p.phone() != null)).toList());
      Responses.ok(ctx, new JsonObject().put("rule", rule.toJson().put("id", (Object) null)).put("noData", v.noData()).put("groups", groups)
          .put("breaching", breaching).put("outcome", outcome).put("message", message(rule, outcome, breaching))
          .put("recipients", recipients));
    }).onFailure(ctx::fail);
  }

  private static String message(AlertRule rule, String outcome, long breaching) {
    return switch (outcome) {
      case "nodata" -> "No node has the metric " + rule.query().metric() + " now: the rule would show 'nodata'.";
      case "inactive" -> "The condition does not hold now: nothing would happen.";
      case "pending" -> breaching + " group(s) breach now: pending, firing if it still holds after " + rule.forSeconds() + " s.";
      default -> breaching + " group(s) breach now: the rule would fire at once and page its targets.";
    };
  }

  private Future<AlertRule> found(RoutingContext ctx) {
    return rules.find(Requests.idParam(ctx, "id", "Alert rule")).map(found -> found.orElseThrow(() -> ApiError.notFound("Alert rule")));
  }

  private Future<Void> knownStaff(AlertRule rule) {
    Set<String> named = new HashSet<>(rule.targets().staff());
    if (rule.escalation() != null) {
      named.addAll(rule.escalation().staff());
    }
    return staff.unknown(named).map(unknown -> {
      if (!unknown.isEmpty()) {
        String field = rule.targets().staff().containsAll(unknown) ? "targets.staff" : "escalation.staff";
        throw ApiError.invalidField(field, "No active staff member is called " + String.join(", ", unknown) + ".");
      }
      return null;
    });
  }

  private static boolean enabledOf(JsonObject body) {
    if (!(body.getValue("enabled") instanceof Boolean b)) {
      throw ApiError.invalidField("enabled", "'enabled' must be true or false.");
    }
    return b;
  }
}
