package id.aglis.hub.testing;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records what is published on one event-bus address of a node, so a test waits for the event that proves a state
 * (a device paused, an inbox entry stored) instead of polling the API. {@link #mark()} before the action and await
 * events after the mark, so an earlier test's events never satisfy a later wait.
 */
public final class BusEvents implements AutoCloseable {

  private final List<JsonObject> events = new ArrayList<>();
  private final MessageConsumer<JsonObject> consumer;
  private final String address;

  public BusEvents(Vertx vertx, String address) {
    this.address = address;
    consumer = vertx.eventBus().consumer(address, m -> record(m.body()));
    consumer.completion().await();
  }

  private synchronized void record(JsonObject event) {
    events.add(event == null ? new JsonObject() : event);
    notifyAll();
  }

  /** The position of the next event: pass it to {@link #await} to see only what comes after now. */
  public synchronized int mark() {
    return events.size();
  }

  /** Waits for the first event after {@code mark} that matches. */
  public JsonObject await(int mark, Predicate<JsonObject> which, long timeoutMs) throws InterruptedException {
    return await(mark, which, 1, timeoutMs).get(0);
  }

  /** Waits until {@code count} events after {@code mark} match; returns the matches in arrival order. */
  public synchronized List<JsonObject> await(int mark, Predicate<JsonObject> which, int count, long timeoutMs)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      List<JsonObject> seen = events.subList(mark, events.size()).stream().filter(which).toList();
      if (seen.size() >= count) {
        return seen;
      }
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new AssertionError(address + ": " + seen.size() + " matching event(s), not " + count + ", within "
            + timeoutMs + " ms");
      }
      wait(left);
    }
  }

  @Override
  public void close() {
    consumer.unregister().await();
  }
}
