package id.aglis.hub.alert;

import id.aglis.hub.alert.engine.AlertRepository;
import id.aglis.hub.alert.engine.Silence;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code POST/GET /alerts/silences} and {@code DELETE /alerts/silences/{id}} (ends it now; kept for the record).
 * A silence: {@code matchers} ({@code [{"label","op","value"}]}, op {@code =}, {@code !=} or {@code =~}),
 * {@code startsAt} (default now), {@code endsAt}, {@code comment}; its author is who made it.
 */
final class SilenceRoutes {

  private static final Pattern LABEL = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]{0,63}$");

  private final AlertRepository alerts;
  /** The evaluator's clock, so "from now" means the same instant to both. */
  private final java.time.Clock clock;

  SilenceRoutes(AlertRepository alerts, java.time.Clock clock) {
    this.alerts = alerts;
    this.clock = clock;
  }

  void mount(Router api) {
    var responders = Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.NOC);
    api.post("/alerts/silences").handler(responders).handler(this::create);
    api.get("/alerts/silences").handler(Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.NOC, Role.CS)).handler(this::list);
    api.delete("/alerts/silences/:id").handler(responders).handler(this::end);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("matchers", "startsAt", "endsAt", "comment"));
    JsonArray matchers = matchers(body);
    OffsetDateTime startsAt = time(body, "startsAt");
    OffsetDateTime endsAt = time(body, "endsAt");
    if (endsAt == null) {
      throw ApiError.invalidField("endsAt", "'endsAt' is required (ISO time with offset).");
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    OffsetDateTime start = startsAt == null ? now : startsAt;
    if (!endsAt.isAfter(start)) {
      throw ApiError.invalidField("endsAt", "'endsAt' must be after 'startsAt' (or after now).");
    }
    if (!endsAt.isAfter(now)) {
      throw ApiError.invalidField("endsAt", "'endsAt' is already past: the silence would never hold.");
    }
    String comment = Fields.requiredString(body, "comment", 500);
    alerts.addSilence(matchers, start, endsAt, Access.principal(ctx).login(), comment)
        .onSuccess(silence -> Responses.json(ctx, 201, silence.toJson(OffsetDateTime.now(clock)))).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    Boolean all = Requests.queryBoolean(ctx, "all");
    alerts.silences(Boolean.TRUE.equals(all))
        .onSuccess(list -> Responses.ok(ctx, new JsonObject().put("items", new JsonArray(list.stream().map(s -> s.toJson(OffsetDateTime.now(clock))).toList()))))
        .onFailure(ctx::fail);
  }

  private void end(RoutingContext ctx) {
    alerts.endSilence(Requests.idParam(ctx, "id", "Silence"), OffsetDateTime.now(clock)).map(found -> found.orElseThrow(() -> ApiError.notFound("Silence")))
        .onSuccess(silence -> Responses.ok(ctx, silence.toJson(OffsetDateTime.now(clock)))).onFailure(ctx::fail);
  }

  private static JsonArray matchers(JsonObject body) {
    if (!(body.getValue("matchers") instanceof JsonArray given) || given.isEmpty() || given.size() > 10) {
      throw ApiError.invalidField("matchers", "'matchers' lists 1 to 10 {\"label\",\"op\",\"value\"} (e.g. alertname = wa-device-down).");
    }
    JsonArray matchers = new JsonArray();
    for (Object m : given) {
      if (!(m instanceof JsonObject matcher)) {
        throw ApiError.invalidField("matchers", "Each matcher is an object {\"label\",\"op\",\"value\"}.");
      }
      String label = matcher.getValue("label") instanceof String s ? s : null;
      String op = matcher.getValue("op") == null ? "=" : matcher.getValue("op") instanceof String s ? s : "";
      String value = matcher.getValue("value") instanceof String s ? s : null;
      if (label == null || !LABEL.matcher(label).matches()) {
        throw ApiError.invalidField("matchers", "A matcher's 'label' is a label name (alertname, severity, device, node…).");
      }
      if (!Set.of("=", "!=", "=~").contains(op)) {
        throw ApiError.invalidField("matchers", "A matcher's 'op' is =, != or =~.");
      }
      if (value == null || value.length() > 200) {
        throw ApiError.invalidField("matchers", "A matcher's 'value' is a string of at most 200 characters.");
      }
      if ("=~".equals(op)) {
        try {
          Pattern.compile(value);
        } catch (PatternSyntaxException bad) {
          throw ApiError.invalidField("matchers", "'" + value + "' is not a valid regular expression.");
        }
      }
      matchers.add(new JsonObject().put("label", label).put("op", op).put("value", value));
    }
    return matchers;
  }

  private static OffsetDateTime time(JsonObject body, String field) {
    String text = Fields.optionalString(body, field, 64);
    if (text == null) {
      return null;
    }
    try {
      return Fields.saneTime(OffsetDateTime.parse(text), field);
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiError.invalidField(field, "'" + field + "' must be an ISO time with offset (2026-12-03T20:00:00+07:00).");
    }
  }
}
