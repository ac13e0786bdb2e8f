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
  /** Per batch: the latest status of each of its messages. */
  private final Map<String, Map<String, String>> batches = new HashMap<>();
  private final MessageConsumer<JsonObject> consumer;

  public StatusWatcher(Vertx vertx) {
    consumer = vertx.eventBus().consumer(Addresses.DISPATCH_MESSAGE_STATUS,
        m -> record(MessageStatusChanged.fromJson(m.body())));
    consumer.completion().await();
  }

  private synchronized void record(MessageStatusChanged event) {
    history.computeIfAbsent(event.id().toString(), k -> new ArrayList<>()).add(event.status());
    if (event.batchId() != null) {
      batches.computeIfAbsent(event.batchId().toString(), k -> new HashMap<>()).put(event.id().toString(), event.status());
    }
    notifyAll();
  }

  /** Waits until the message has reported {@code status} at least {@code times} times (a retry goes back to queued). */
  public synchronized void awaitTimes(String id, String status, int times, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (history.getOrDefault(id, List.of()).stream().filter(status::equals).count() < times) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new AssertionError("message " + id + " did not report " + status + " " + times + " time(s) within " + timeoutMs
            + " ms; saw " + history.getOrDefault(id, List.of()));
      }
      wait(left);
    }
  }

  /** Waits until {@code count} messages of the batch are, as last reported, in {@code status}. */
  public synchronized void awaitBatch(String batchId, String status, int count, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      Map<String, String> latest = batches.getOrDefault(batchId, Map.of());
      long reached = latest.values().stream().filter(status::equals).count();
      if (reached >= count) {
        return;
      }
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new AssertionError("batch " + batchId + ": " + reached + " of " + count + " message(s) " + status + " within "
            + timeoutMs + " ms; latest " + latest);
      }
      wait(left);
    }
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
