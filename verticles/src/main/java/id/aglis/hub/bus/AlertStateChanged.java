package id.aglis.hub.bus;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link Addresses#ALERT_STATE_CHANGED}: an alert changed, as {@code GET /api/v1/alerts/{id}} shows it without its
 * timeline.
 *
 * @param change what happened: {@code pending}, {@code firing}, {@code nodata}, {@code resolved}, {@code inactive},
 *               {@code acknowledged}, {@code notified}, {@code escalated}
 * @param state  the alert's state after it
 */
public record AlertStateChanged(long id, String code, String ruleKey, String ruleName, String severity, String state, String change,
                                Map<String, String> labels, Double value, String summary, boolean silenced, boolean inhibited,
                                OffsetDateTime startedAt, OffsetDateTime firedAt, OffsetDateTime resolvedAt,
                                OffsetDateTime ackedAt, String ackedBy, OffsetDateTime at) {

  public AlertStateChanged {
    labels = Map.copyOf(labels);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("code", code).put("ruleKey", ruleKey).put("ruleName", ruleName)
        .put("severity", severity).put("state", state).put("change", change).put("labels", new JsonObject(new TreeMap<>(labels)))
        .put("value", value).put("summary", summary).put("silenced", silenced).put("inhibited", inhibited)
        .put("startedAt", Times.withOffset(startedAt)).put("firedAt", Times.withOffset(firedAt))
        .put("resolvedAt", Times.withOffset(resolvedAt)).put("ackedAt", Times.withOffset(ackedAt)).put("ackedBy", ackedBy)
        .put("at", Times.withOffset(at));
  }

  public static AlertStateChanged fromJson(JsonObject json) {
    Map<String, String> labels = new TreeMap<>();
    json.getJsonObject("labels", new JsonObject()).forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
    return new AlertStateChanged(json.getLong("id"), json.getString("code"), json.getString("ruleKey"), json.getString("ruleName"),
        json.getString("severity"), json.getString("state"), json.getString("change"), labels, json.getDouble("value"),
        json.getString("summary"), json.getBoolean("silenced", false), json.getBoolean("inhibited", false),
        Times.parse(json.getString("startedAt")), Times.parse(json.getString("firedAt")), Times.parse(json.getString("resolvedAt")),
        Times.parse(json.getString("ackedAt")), json.getString("ackedBy"), Times.parse(json.getString("at")));
  }
}
