package id.aglis.hub.alert.engine;

import id.aglis.hub.bus.AlertStateChanged;
import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

/** One alert: an episode of one rule and label set, from pending (or nodata) to resolved (or inactive). */
public record Alert(long id, Long ruleId, String ruleKey, String ruleName, String fingerprint, Map<String, String> labels,
                    String severity, String state, Double value, String code, OffsetDateTime startedAt, OffsetDateTime firedAt,
                    OffsetDateTime resolvedAt, String resolvedBy, OffsetDateTime ackedAt, String ackedBy, OffsetDateTime escalatedAt,
                    OffsetDateTime lastNotifiedAt, int notifications, Long silencedBy, Long inhibitedBy, String summary) {

  public static final String PENDING = "pending";
  public static final String FIRING = "firing";
  public static final String NODATA = "nodata";
  public static final String RESOLVED = "resolved";
  public static final String INACTIVE = "inactive";

  public boolean open() {
    return PENDING.equals(state) || FIRING.equals(state) || NODATA.equals(state);
  }

  static Alert from(Row row) {
    Map<String, String> labels = new TreeMap<>();
    row.getJsonObject("labels").forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
    return new Alert(row.getLong("id"), row.getLong("rule_id"), row.getString("rule_key"), row.getString("rule_name"),
        row.getString("fingerprint"), labels, row.getString("severity"), row.getString("state"), row.getDouble("value"),
        row.getString("code"), row.getOffsetDateTime("started_at"), row.getOffsetDateTime("fired_at"),
        row.getOffsetDateTime("resolved_at"), row.getString("resolved_by"), row.getOffsetDateTime("acked_at"), row.getString("acked_by"),
        row.getOffsetDateTime("escalated_at"), row.getOffsetDateTime("last_notified_at"), row.getInteger("notifications"),
        row.getLong("silenced_by"), row.getLong("inhibited_by"), row.getString("summary"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("code", code).put("ruleId", ruleId).put("ruleKey", ruleKey).put("ruleName", ruleName)
        .put("severity", severity).put("state", state).put("labels", new JsonObject(new TreeMap<>(labels))).put("value", value)
        .put("summary", summary).put("silencedBy", silencedBy).put("inhibitedBy", inhibitedBy)
        .put("startedAt", Times.iso(startedAt)).put("firedAt", Times.iso(firedAt)).put("resolvedAt", Times.iso(resolvedAt))
        .put("resolvedBy", resolvedBy).put("ackedAt", Times.iso(ackedAt)).put("ackedBy", ackedBy)
        .put("escalatedAt", Times.iso(escalatedAt)).put("lastNotifiedAt", Times.iso(lastNotifiedAt)).put("notifications", notifications);
  }

  AlertStateChanged changed(String change, OffsetDateTime at) {
    return new AlertStateChanged(id, code, ruleKey, ruleName, severity, state, change, labels, value, summary, silencedBy != null,
        inhibitedBy != null, startedAt, firedAt, resolvedAt, ackedAt, ackedBy, at);
  }
}
