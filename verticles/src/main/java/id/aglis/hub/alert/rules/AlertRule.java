package id.aglis.hub.alert.rules;

import id.aglis.hub.bus.MetricQuery;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An alert rule as the API takes it ({@code POST /api/v1/alerts/rules}) and the evaluator reads it: a metric
 * (filtered, summed per group, aggregated across nodes), a function over a window, a comparison, how long the
 * condition must hold ({@code forSeconds}) and keep holding after it stops ({@code keepFiringForSeconds}), who is
 * paged and how, an escalation step, and which other alerts it inhibits while it fires.
 *
 * <p>{@link #parse} validates everything and names the bad field (nested ones as {@code targets.roles});
 * {@code toJson} is what is stored and shown.
 */
public record AlertRule(long id, String key, boolean builtin, boolean enabled, String name, String description,
                        MetricQuery query, Across across, Ratio ratioTo, String comparator, double threshold,
                        int forSeconds, int keepFiringForSeconds, String severity, Map<String, String> labels, String summary,
                        Targets targets, Escalation escalation, int repeatMinutes, Inhibits inhibits) {

  public static final Set<String> COMPARATORS = Set.of(">", ">=", "<", "<=", "==", "!=");
  public static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
  public static final Set<String> CHANNELS = Set.of("whatsapp", "dashboard");
  static final Set<String> FIELDS = Set.of("key", "name", "description", "metric", "filters", "function", "windowSeconds",
      "acrossNodes", "groupBy", "ratioTo", "comparator", "threshold", "forSeconds", "keepFiringForSeconds", "severity", "labels",
      "summary", "targets", "escalation", "repeatMinutes", "inhibits", "enabled");
  private static final Pattern KEY = Pattern.compile("^[a-z0-9][a-z0-9-]{1,63}$");
  private static final Pattern LABEL = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]{0,63}$");
  private static final Pattern USERNAME = Pattern.compile("^[a-z][a-z0-9._-]{2,31}$");
  private static final int MAX_SECONDS = 7 * 24 * 3600;

  /** How the nodes' values of one group become one. */
  public enum Across {
    SUM, MAX, MIN, AVG;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A denominator: the rule's value is the metric divided by this one (same function, window and groups). A group
   * whose denominator is below {@code minimum} has no value: one failure out of two sends is no failure ratio.
   */
  public record Ratio(String metric, Map<String, String> filters, double minimum) {
    JsonObject toJson() {
      return new JsonObject().put("metric", metric).put("filters", new JsonObject(new TreeMap<>(filters))).put("minimum", minimum);
    }
  }

  /** Who is paged, by role or by name, and on which channels. */
  public record Targets(Set<Role> roles, Set<String> staff, Set<String> channels) {
    public boolean whatsapp() {
      return channels.contains("whatsapp");
    }

    JsonObject toJson() {
      return new JsonObject().put("roles", new JsonArray(roles.stream().map(Role::wire).sorted().toList()))
          .put("staff", new JsonArray(staff.stream().sorted().toList())).put("channels", new JsonArray(channels.stream().sorted().toList()));
    }
  }

  /** Still unacknowledged {@code afterMinutes} after it fired: page these too (once). */
  public record Escalation(int afterMinutes, Set<Role> roles, Set<String> staff) {
    JsonObject toJson() {
      return new JsonObject().put("afterMinutes", afterMinutes).put("roles", new JsonArray(roles.stream().map(Role::wire).sorted().toList()))
          .put("staff", new JsonArray(staff.stream().sorted().toList()));
    }
  }

  /**
   * While an alert of this rule fires, alerts of {@code rules} ({@code "*"} for every other rule) whose labels
   * {@code equal} this one's are inhibited: recorded, shown, not paged.
   */
  public record Inhibits(Set<String> rules, List<String> equal) {
    public boolean covers(String ruleKey) {
      return rules.contains("*") || rules.contains(ruleKey);
    }

    JsonObject toJson() {
      return new JsonObject().put("rules", new JsonArray(rules.stream().sorted().toList())).put("equal", new JsonArray(equal));
    }
  }

  /** Whether {@code value} meets the condition. */
  public boolean breached(double value) {
    return switch (comparator) {
      case ">" -> value > threshold;
      case ">=" -> value >= threshold;
      case "<" -> value < threshold;
      case "<=" -> value <= threshold;
      case "==" -> value == threshold;
      default -> value != threshold;
    };
  }

  public AlertRule withId(long id, boolean builtin) {
    return new AlertRule(id, key, builtin, enabled, name, description, query, across, ratioTo, comparator, threshold, forSeconds,
        keepFiringForSeconds, severity, labels, summary, targets, escalation, repeatMinutes, inhibits);
  }

  public AlertRule withEnabled(boolean enabled) {
    return new AlertRule(id, key, builtin, enabled, name, description, query, across, ratioTo, comparator, threshold, forSeconds,
        keepFiringForSeconds, severity, labels, summary, targets, escalation, repeatMinutes, inhibits);
  }

  /** The definition as stored and as the API shows it (plus {@code id}, {@code builtin}). */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("key", key).put("builtin", builtin).put("enabled", enabled)
        .put("name", name).put("description", description).put("metric", query.metric())
        .put("filters", new JsonObject(new TreeMap<>(query.filters()))).put("function", query.function().wire())
        .put("windowSeconds", query.windowSeconds()).put("acrossNodes", across.wire()).put("groupBy", new JsonArray(query.groupBy()))
        .put("comparator", comparator).put("threshold", threshold).put("forSeconds", forSeconds)
        .put("keepFiringForSeconds", keepFiringForSeconds).put("severity", severity).put("labels", new JsonObject(new TreeMap<>(labels)))
        .put("summary", summary).put("targets", targets.toJson()).put("repeatMinutes", repeatMinutes);
    json.put("ratioTo", ratioTo == null ? null : ratioTo.toJson());
    json.put("escalation", escalation == null ? null : escalation.toJson());
    json.put("inhibits", inhibits == null ? null : inhibits.toJson());
    return json;
  }

  /**
   * A rule from API (or stored) JSON. {@code knownMetric} says whether a metric name exists on {@code /metrics};
   * {@code current} is the rule being replaced (its key is kept), or null for a new rule.
   */
  public static AlertRule parse(JsonObject body, Predicate<String> knownMetric, AlertRule current) {
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field) && !"id".equals(field) && !"builtin".equals(field)) {
        throw ApiError.invalidField(field, "Unknown field '" + field + "'.");
      }
    }
    String name = text(body, "name", 100, true);
    String key = current != null ? current.key() : keyOf(text(body, "key", 64, false), name);
    String metric = metric(body, "metric", knownMetric);
    MetricQuery.Function function = MetricQuery.Function.parse(text(body, "function", 16, true));
    if (function == null) {
      throw ApiError.invalidField("function", "'function' must be one of last, avg, max, min, sum, rate, increase.");
    }
    int window = function == MetricQuery.Function.LAST ? whole(body, "windowSeconds", 0, MetricQuery.MAX_WINDOW_SECONDS, 0)
        : whole(body, "windowSeconds", 10, MetricQuery.MAX_WINDOW_SECONDS, -1);
    List<String> groupBy = labelNames(body, "groupBy");
    MetricQuery query = new MetricQuery(metric, stringMap(body, "filters", 10), function, window, groupBy);
    Ratio ratio = null;
    JsonObject ratioJson = object(body, "ratioTo");
    if (ratioJson != null) {
      only(ratioJson, "ratioTo", Set.of("metric", "filters", "minimum"));
      Object minimum = ratioJson.getValue("minimum");
      if (minimum != null && (!(minimum instanceof Number m) || !Double.isFinite(m.doubleValue()) || m.doubleValue() < 0)) {
        throw ApiError.invalidField("ratioTo.minimum", "'ratioTo.minimum' must be a number of at least 0.");
      }
      ratio = new Ratio(metric(ratioJson, "ratioTo.metric", knownMetric), stringMap(ratioJson, "ratioTo.filters", 10),
          minimum == null ? 0 : ((Number) minimum).doubleValue());
    }
    String across = text(body, "acrossNodes", 8, false);
    Across acrossNodes = across == null ? Across.SUM : switch (across) {
      case "sum" -> Across.SUM;
      case "max" -> Across.MAX;
      case "min" -> Across.MIN;
      case "avg" -> Across.AVG;
      default -> throw ApiError.invalidField("acrossNodes", "'acrossNodes' must be sum, max, min or avg.");
    };
    String comparator = text(body, "comparator", 2, true);
    if (!COMPARATORS.contains(comparator)) {
      throw ApiError.invalidField("comparator", "'comparator' must be one of >, >=, <, <=, ==, !=.");
    }
    Object threshold = body.getValue("threshold");
    if (!(threshold instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw ApiError.invalidField("threshold", "'threshold' is required and must be a number.");
    }
    String severity = text(body, "severity", 16, false);
    if (severity == null) {
      severity = "warning";
    } else if (!SEVERITIES.contains(severity)) {
      throw ApiError.invalidField("severity", "'severity' must be critical, warning or info.");
    }
    // A replaced rule keeps its switch unless the body says otherwise; a new one starts enabled.
    Boolean enabled = body.getValue("enabled") == null ? Boolean.valueOf(current == null || current.enabled())
        : body.getValue("enabled") instanceof Boolean b ? b : null;
    if (enabled == null) {
      throw ApiError.invalidField("enabled", "'enabled' must be true or false.");
    }
    return new AlertRule(current == null ? 0 : current.id(), key, current != null && current.builtin(), enabled, name,
        text(body, "description", 1000, false), query, acrossNodes, ratio, comparator, n.doubleValue(),
        whole(body, "forSeconds", 0, MAX_SECONDS, 0), whole(body, "keepFiringForSeconds", 0, MAX_SECONDS, 0), severity,
        stringMap(body, "labels", 10), text(body, "summary", 300, false), targets(body), escalation(body),
        whole(body, "repeatMinutes", 0, 7 * 24 * 60, 60), inhibits(body));
  }

  private static String keyOf(String given, String name) {
    if (given != null) {
      if (!KEY.matcher(given).matches()) {
        throw ApiError.invalidField("key", "'key' must be 2-64 lower-case letters, digits or '-'.");
      }
      return given;
    }
    String slug = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    slug = slug.length() > 56 ? slug.substring(0, 56).replaceAll("-+$", "") : slug;
    return slug.length() < 2 ? "rule-" + Integer.toHexString(name.hashCode() & 0xffff) : slug;
  }

  private static String metric(JsonObject body, String field, Predicate<String> knownMetric) {
    String leaf = field.substring(field.lastIndexOf('.') + 1);
    String metric = text(body, leaf, field, 200, true);
    if (!knownMetric.test(metric)) {
      throw ApiError.invalidField(field, "Unknown metric '" + metric + "': name a series shown on /metrics "
          + "(GET /api/v1/alerts/metrics lists them).");
    }
    return metric;
  }

  private static Targets targets(JsonObject body) {
    JsonObject json = object(body, "targets");
    if (json == null) {
      return new Targets(Set.of(Role.NOC), Set.of(), Set.of("whatsapp", "dashboard"));
    }
    only(json, "targets", Set.of("roles", "staff", "channels"));
    Set<String> channels = words(json, "targets.channels", CHANNELS);
    return new Targets(roles(json, "targets.roles"), usernames(json, "targets.staff"), channels.isEmpty() ? Set.of("dashboard") : channels);
  }

  private static Escalation escalation(JsonObject body) {
    JsonObject json = object(body, "escalation");
    if (json == null) {
      return null;
    }
    only(json, "escalation", Set.of("afterMinutes", "roles", "staff"));
    int after = whole(json, "afterMinutes", "escalation.afterMinutes", 1, 7 * 24 * 60, -1);
    Set<Role> roles = roles(json, "escalation.roles");
    Set<String> staff = usernames(json, "escalation.staff");
    if (roles.isEmpty() && staff.isEmpty()) {
      throw ApiError.invalidField("escalation.roles", "An escalation names at least one role or staff member.");
    }
    return new Escalation(after, roles, staff);
  }

  private static Inhibits inhibits(JsonObject body) {
    JsonObject json = object(body, "inhibits");
    if (json == null) {
      return null;
    }
    only(json, "inhibits", Set.of("rules", "equal"));
    Set<String> rules = new LinkedHashSet<>();
    for (Object rule : array(json, "rules", "inhibits.rules")) {
      if (!(rule instanceof String s) || !("*".equals(s) || KEY.matcher(s).matches())) {
        throw ApiError.invalidField("inhibits.rules", "'inhibits.rules' lists rule keys, or \"*\" for every other rule.");
      }
      rules.add(s);
    }
    if (rules.isEmpty()) {
      throw ApiError.invalidField("inhibits.rules", "'inhibits.rules' names at least one rule key (or \"*\").");
    }
    List<String> equal = new ArrayList<>();
    for (Object label : array(json, "equal", "inhibits.equal")) {
      if (!(label instanceof String s) || !LABEL.matcher(s).matches()) {
        throw ApiError.invalidField("inhibits.equal", "'inhibits.equal' lists label names.");
      }
      equal.add(s);
    }
    return new Inhibits(Set.copyOf(rules), List.copyOf(equal));
  }

  // ---- small readers that name nested fields in full ----

  private static String text(JsonObject body, String field, int max, boolean required) {
    return text(body, field, field, max, required);
  }

  private static String text(JsonObject body, String key, String field, int max, boolean required) {
    return required ? Fields.requiredString(body, key, field, max) : Fields.optionalString(body, key, field, max);
  }

  private static int whole(JsonObject body, String field, int min, int max, int absent) {
    return whole(body, field, field, min, max, absent);
  }

  /** A whole number in range; {@code absent} when missing, or required when {@code absent} is negative. */
  private static int whole(JsonObject body, String key, String field, int min, int max, int absent) {
    Object value = body.getValue(key);
    if (value == null) {
      if (absent < 0) {
        throw ApiError.invalidField(field, "'" + field + "' is required (" + min + " to " + max + ").");
      }
      return absent;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < min || n.doubleValue() > max) {
      throw ApiError.invalidField(field, "'" + field + "' must be a whole number from " + min + " to " + max + ".");
    }
    return n.intValue();
  }

  private static JsonObject object(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject o)) {
      throw ApiError.invalidField(field, "'" + field + "' must be an object.");
    }
    return o;
  }

  private static JsonArray array(JsonObject body, String key, String field) {
    Object value = body.getValue(key);
    if (value == null) {
      return new JsonArray();
    }
    if (!(value instanceof JsonArray a) || a.size() > 20) {
      throw ApiError.invalidField(field, "'" + field + "' must be a list (at most 20).");
    }
    return a;
  }

  private static void only(JsonObject json, String field, Set<String> known) {
    for (String key : json.fieldNames()) {
      if (!known.contains(key)) {
        throw ApiError.invalidField(field + "." + key, "Unknown field '" + field + "." + key + "'.");
      }
    }
  }

  private static Map<String, String> stringMap(JsonObject body, String field, int max) {
    String key = field.substring(field.lastIndexOf('.') + 1);
    JsonObject json = object(body, key);
    Map<String, String> map = new TreeMap<>();
    if (json == null) {
      return map;
    }
    if (json.size() > max) {
      throw ApiError.invalidField(field, "'" + field + "' has at most " + max + " entries.");
    }
    for (Map.Entry<String, Object> entry : json) {
      if (!LABEL.matcher(entry.getKey()).matches() || !(entry.getValue() instanceof String v) || v.length() > 200) {
        throw ApiError.invalidField(field, "'" + field + "' maps label names to strings (e.g. {\"device\":\"dev-1\"}).");
      }
      map.put(entry.getKey(), v);
    }
    return map;
  }

  private static List<String> labelNames(JsonObject body, String field) {
    List<String> names = new ArrayList<>();
    for (Object label : array(body, field, field)) {
      if (!(label instanceof String s) || !LABEL.matcher(s).matches()) {
        throw ApiError.invalidField(field, "'" + field + "' lists label names (e.g. [\"device\"] or [\"node\"]).");
      }
      if (!names.contains(s)) {
        names.add(s);
      }
    }
    return names;
  }

  private static Set<Role> roles(JsonObject json, String field) {
    Set<Role> roles = new LinkedHashSet<>();
    for (String word : words(json, field, Role.NAMES)) {
      roles.add(Role.fromWire(word));
    }
    return Set.copyOf(roles);
  }

  private static Set<String> usernames(JsonObject json, String field) {
    Set<String> names = new LinkedHashSet<>();
    for (Object name : array(json, field.substring(field.lastIndexOf('.') + 1), field)) {
      if (!(name instanceof String s) || !USERNAME.matcher(s).matches()) {
        throw ApiError.invalidField(field, "'" + field + "' lists staff usernames.");
      }
      names.add(s);
    }
    return Set.copyOf(names);
  }

  private static Set<String> words(JsonObject json, String field, Set<String> allowed) {
    Set<String> words = new LinkedHashSet<>();
    for (Object word : array(json, field.substring(field.lastIndexOf('.') + 1), field)) {
      if (!(word instanceof String s) || !allowed.contains(s)) {
        throw ApiError.invalidField(field, "'" + field + "' lists only " + String.join(", ", allowed.stream().sorted().toList()) + ".");
      }
      words.add(s);
    }
    return Set.copyOf(words);
  }
}
