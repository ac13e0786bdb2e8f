package id.aglis.hub.dispatch;

import id.aglis.hub.common.Times;
import id.aglis.hub.dispatch.queue.DispatchQueue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The WhatsApp devices' state: paused or not (in Redis, where every claim checks it, and in PostgreSQL,
 * for the record), the last quota the provider reported, and sends today.
 */
public final class Devices {

  private final List<DeviceConfig> configured;
  private final DispatchQueue queue;
  private final Pool pool;
  private final StatusEvents events;
  private final java.util.concurrent.ConcurrentHashMap<String, Long> quotaWritten = new java.util.concurrent.ConcurrentHashMap<>();

  public Devices(List<DeviceConfig> configured, DispatchQueue queue, Pool pool, StatusEvents events) {
    this.configured = configured;
    this.queue = queue;
    this.pool = pool;
    this.events = events;
  }

  public List<DeviceConfig> configured() {
    return configured;
  }

  public boolean isConfigured(String device) {
    return configured.stream().anyMatch(d -> d.device().equals(device));
  }

  public Future<Void> pause(String device, String reason) {
    return queue.pause(device, reason)
        .compose(v -> pool.preparedQuery(MessageSql.DEVICE_STATE_UPSERT).execute(Tuple.of(device, true, reason)))
        .onSuccess(v -> events.device(device, true, reason))
        .mapEmpty();
  }

  /** Pauses again, in Redis, the devices PostgreSQL records as paused (after Redis lost its data). */
  public Future<Void> restorePauses() {
    return pool.query(MessageSql.PAUSED_DEVICES).execute().compose(rows -> {
      List<Future<Void>> restored = new ArrayList<>();
      rows.forEach(r -> restored.add(queue.pause(r.getString("device"), r.getString("paused_reason"))));
      return Future.all(restored).mapEmpty();
    });
  }

  public Future<Void> resume(String device) {
    return queue.resume(device)
        .compose(v -> pool.preparedQuery(MessageSql.DEVICE_STATE_UPSERT).execute(Tuple.of(device, false, null)))
        .onSuccess(v -> {
          events.device(device, false, null);
          events.nudge();
        })
        .mapEmpty();
  }

  /** Keeps the last quota the provider reported; written at most once a second per device and node. */
  public Future<Void> recordQuota(String device, JsonObject quota) {
    long now = System.currentTimeMillis();
    Long last = quotaWritten.get(device);
    if (quota == null || (last != null && now - last < 1_000)) {
      return Future.succeededFuture();
    }
    quotaWritten.put(device, now);
    return pool.preparedQuery(MessageSql.DEVICE_QUOTA).execute(Tuple.of(device, quota)).mapEmpty();
  }

  /** {@code [{"device","sandbox","paused","pausedReason","sendsToday","lastQuota","limits"}]}. */
  public Future<JsonArray> list() {
    OffsetDateTime startOfDay = LocalDate.now(Times.BUSINESS_ZONE).atStartOfDay(Times.BUSINESS_ZONE).toOffsetDateTime();
    Future<Map<String, Row>> states = pool.query(MessageSql.DEVICE_STATES).execute().map(rows -> {
      Map<String, Row> byDevice = new HashMap<>();
      rows.forEach(r -> byDevice.put(r.getString("device"), r));
      return byDevice;
    });
    Future<Map<String, Long>> sends = pool.preparedQuery(MessageSql.SENT_TODAY).execute(Tuple.of(startOfDay)).map(rows -> {
      Map<String, Long> byDevice = new HashMap<>();
      rows.forEach(r -> byDevice.put(r.getString("device"), r.getLong("sends")));
      return byDevice;
    });
    List<Future<String>> paused = new ArrayList<>();
    configured.forEach(d -> paused.add(queue.pausedReason(d.device())));
    return Future.all(states, sends, Future.all(paused)).map(all -> {
      JsonArray list = new JsonArray();
      for (int i = 0; i < configured.size(); i++) {
        DeviceConfig d = configured.get(i);
        String reason = paused.get(i).result();
        Row state = states.result().get(d.device());
        list.add(new JsonObject().put("device", d.device()).put("sandbox", d.sandbox()).put("paused", reason != null)
            .put("pausedReason", reason).put("sendsToday", sends.result().getOrDefault(d.device(), 0L))
            .put("lastQuota", state == null ? null : state.getValue("last_quota"))
            .put("limits", new JsonObject().put("perMinute", d.perMinute()).put("perHour", d.perHour()).put("perDay", d.perDay())
                .put("minGapMs", d.minGapMs()).put("jitterMs", d.jitterMs())));
      }
      return list;
    });
  }
}
