package id.aglis.hub.testing;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.MessageStatusChanged;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows {@code dispatch.message.status} on a node, so tests wait for the event that proves a message
 * moved instead of sleeping.
 */
public final class StatusWatcher implements AutoCloseable {

  private final Map<String, List<String>> history = new HashMap<>();
  private final MessageConsumer<JsonObject> consumer;

  public StatusWatcher(Vertx vertx) {
    consumer = vertx.eventBus().consumer(Addresses.DISPATCH_MESSAGE_STATUS,
        m -> record(MessageStatusChanged.fromJson(m.body())));
    consumer.completion().await();
  }

  private synchronized void record(MessageStatusChanged event) {
    history.computeIfAbsent(event.id().toString(), k -> new ArrayList<>()).add(event.status());
    notifyAll();
  }

  /** Waits until the message has reached one of {@code statuses}; returns the one it reached. */
  public synchronized String await(String id, Set<String> statuses, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      List<String> seen = history.getOrDefault(id, List.of());
      for (String status : seen) {
        if (statuses.contains(status)) {
          return status;
        }
      }
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new AssertionError("message " + id + " did not reach " + statuses + " within " + timeoutMs + " ms; saw " + seen);
      }
      wait(left);
    }
  }

  public synchronized List<String> history(String id) {
    return new ArrayList<>(history.getOrDefault(id, List.of()));
  }

  @Override
  public void close() {
    consumer.unregister().await();
  }
}
