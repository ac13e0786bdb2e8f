package id.aglis.hub.dispatch;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.DevicePauseChanged;
import id.aglis.hub.bus.MessageStatusChanged;
import id.aglis.hub.bus.QueueNudge;
import io.vertx.core.Vertx;
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
    vertx.eventBus().publish(Addresses.DISPATCH_MESSAGE_STATUS, new MessageStatusChanged(m.id(), m.status().wire(), m.to(),
        m.priority().wire(), m.device(), m.batchId(), m.attempts(), m.providerIds(), m.lastError(), OffsetDateTime.now()).toJson());
  }

  public void device(String device, boolean paused, String reason) {
    vertx.eventBus().publish(Addresses.DISPATCH_DEVICE_CHANGED, new DevicePauseChanged(device, paused, reason, OffsetDateTime.now()).toJson());
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
        vertx.eventBus().publish(Addresses.DISPATCH_QUEUE_NUDGE, QueueNudge.INSTANCE.toJson());
      });
    }
  }
}
