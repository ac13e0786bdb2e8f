package id.aglis.hub.platform.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The projection most streams need: this node's domain events on one address, kept as the latest change per thing
 * (an alert, a ticket, an installation) between frames, with a count per kind of change for the day's totals. A
 * frame is {@code {"changes":[…],"counts":{name:n,…}}}, every declared count present (zero included).
 */
public final class LatestChanges implements LiveStream.Projection {

  /** What one event says: which thing it is about, what the frame shows of it, and which count it adds to (or null). */
  public record Change(long key, JsonObject json, String count) {
  }

  private final MessageConsumer<JsonObject> consumer;
  private final List<String> countNames;
  private final Map<Long, JsonObject> latest = new LinkedHashMap<>();
  private final Map<String, Long> counts = new LinkedHashMap<>();

  /** Listens to {@code address} (local: each node projects what it produced); {@code read} turns an event into a change. */
  public LatestChanges(Vertx vertx, String address, List<String> countNames, Function<JsonObject, Change> read) {
    this.countNames = List.copyOf(countNames);
    this.consumer = vertx.eventBus().localConsumer(address, m -> {
      Change change = read.apply(m.body());
      latest.remove(change.key());
      latest.put(change.key(), change.json());
      if (change.count() != null) {
        counts.merge(change.count(), 1L, Long::sum);
      }
    });
  }

  @Override
  public Future<JsonObject> drain() {
    if (latest.isEmpty()) {
      return Future.succeededFuture();
    }
    JsonObject totals = new JsonObject();
    countNames.forEach(name -> totals.put(name, counts.getOrDefault(name, 0L)));
    JsonObject frame = new JsonObject().put("changes", new JsonArray(latest.values().stream().map(Object.class::cast).toList()))
        .put("counts", totals);
    latest.clear();
    counts.clear();
    return Future.succeededFuture(frame);
  }

  @Override
  public void close() {
    consumer.unregister();
  }
}
