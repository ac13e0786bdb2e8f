package id.aglis.hub.speedtest;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** One saved speed test, with the plan the customer had when they ran it. */
record SpeedTestResult(long id, long customerId, OffsetDateTime at, double latencyMs, double jitterMs, double downloadMbps,
                       double uploadMbps, String planName, Integer planSpeedMbps) {

  static SpeedTestResult from(Row row) {
    return new SpeedTestResult(row.getLong("id"), row.getLong("customer_id"), row.getOffsetDateTime("at"),
        row.getDouble("latency_ms"), row.getDouble("jitter_ms"), row.getDouble("download_mbps"), row.getDouble("upload_mbps"),
        row.getString("plan_name"), row.getInteger("plan_speed_mbps"));
  }

  /** The download as a whole percentage of the plan's speed; null without a plan speed to compare with. */
  Integer percentOfPlan() {
    return planSpeedMbps == null || planSpeedMbps <= 0 ? null : (int) Math.round(downloadMbps * 100 / planSpeedMbps);
  }

  JsonObject toJson() {
    JsonObject plan = planName == null && planSpeedMbps == null ? null
        : new JsonObject().put("name", planName).put("speedMbps", planSpeedMbps);
    return new JsonObject().put("id", id).put("at", at.toString()).put("latencyMs", latencyMs).put("jitterMs", jitterMs)
        .put("downloadMbps", downloadMbps).put("uploadMbps", uploadMbps).put("plan", plan).put("percentOfPlan", percentOfPlan());
  }
}
