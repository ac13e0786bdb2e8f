package id.aglis.hub.dispatch;

import id.aglis.hub.bus.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicBoolean;

/** Publishes {@link Addresses#DISPATCH_MESSAGE_STATUS} and {@link Addresses#DISPATCH_DEVICE_CHANGED}. */
public final class StatusEvents {

  private final Vertx vertx;
  private final AtomicBoolean nudgePending = new AtomicBoolean();

  public StatusEvents(Vertx vertx) {
    this.vertx = vertx;
  }

  public void message(WaMessage m) {
    vertx.eventBus().publish(Addresses.DISPATCH_MESSAGE_STATUS, new JsonObject().put("id", m.id().toString())
        .put("status", m.status().wire()).put("to", m.to()).put("priority", m.priority().wire()).put("device", m.device())
        .put("batchId", m.batchId() == null ? null : m.batchId().toString()).put("attempts", m.attempts())
        .put("providerIds", new JsonArray(m.providerIds())).put("lastError", m.lastError())
        .put("at", OffsetDateTime.now().toString()));
  }

  public void device(String device, boolean paused, String reason) {
    vertx.eventBus().publish(Addresses.DISPATCH_DEVICE_CHANGED, new JsonObject().put("device", device).put("paused", paused)
        .put("reason", reason).put("at", OffsetDateTime.now().toString()));
  }

  /**
   * Tells every node's workers that new work is queued. Nudges asked for (from any thread) before the pending
   * one goes out are merged into it (under load every enqueue asks), and none is lost: the flag is cleared
   * before publishing.
   */
  public void nudge() {
    if (nudgePending.compareAndSet(false, true)) {
      vertx.runOnContext(v -> {
        nudgePending.set(false);
        vertx.eventBus().publish(Addresses.DISPATCH_QUEUE_NUDGE, null);
      });
    }
  }
}
