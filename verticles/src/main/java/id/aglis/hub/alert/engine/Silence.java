package id.aglis.hub.alert.engine;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A silence: between its start and end, the alerts whose labels match every matcher are recorded and shown but
 * not paged. An alert's labels for matching are its own plus {@code alertname} (the rule's key) and
 * {@code severity}.
 */
public record Silence(long id, List<Matcher> matchers, OffsetDateTime startsAt, OffsetDateTime endsAt, String createdBy, String comment,
                      OffsetDateTime createdAt) {

  /** {@code label} compared with {@code value}: {@code =}, {@code !=} or {@code =~} (a regular expression, whole value). */
  public record Matcher(String label, String op, String value, Pattern pattern) {

    public static Matcher of(String label, String op, String value) {
      return new Matcher(label, op, value, "=~".equals(op) ? Pattern.compile(value) : null);
    }

    boolean matches(Map<String, String> labels) {
      String actual = labels.getOrDefault(label, "");
      return switch (op) {
        case "=" -> actual.equals(value);
        case "!=" -> !actual.equals(value);
        default -> pattern.matcher(actual).matches();
      };
    }

    JsonObject toJson() {
      return new JsonObject().put("label", label).put("op", op).put("value", value);
    }
  }

  public boolean matches(Alert alert) {
    Map<String, String> labels = new HashMap<>(alert.labels());
    labels.put("alertname", alert.ruleKey());
    labels.put("severity", alert.severity());
    return matchers.stream().allMatch(m -> m.matches(labels));
  }

  public boolean activeAt(OffsetDateTime at) {
    return !startsAt.isAfter(at) && endsAt.isAfter(at);
  }

  /** As the API shows it; {@code active} at {@code now}. */
  public JsonObject toJson(OffsetDateTime now) {
    return new JsonObject().put("id", id).put("matchers", new JsonArray(matchers.stream().map(Matcher::toJson).toList()))
        .put("startsAt", Times.iso(startsAt)).put("endsAt", Times.iso(endsAt)).put("createdBy", createdBy).put("comment", comment)
        .put("createdAt", Times.iso(createdAt)).put("active", activeAt(now));
  }

  static Silence from(Row row) {
    List<Matcher> matchers = new ArrayList<>();
    JsonArray stored = (JsonArray) row.getJson("matchers");
    for (Object m : stored) {
      JsonObject json = (JsonObject) m;
      matchers.add(Matcher.of(json.getString("label"), json.getString("op"), json.getString("value")));
    }
    return new Silence(row.getLong("id"), matchers, row.getOffsetDateTime("starts_at"), row.getOffsetDateTime("ends_at"),
        row.getString("created_by"), row.getString("comment"), row.getOffsetDateTime("created_at"));
  }
}
