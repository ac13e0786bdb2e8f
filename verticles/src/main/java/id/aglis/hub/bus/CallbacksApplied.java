package id.aglis.hub.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@link Addresses#WEBHOOK_CALLBACKS_APPLIED}: a node applied a page of recorded callbacks of one kind, and what
 * it did with each is stored. The ids are those the callbacks were recorded under ({@code callbackId} of
 * {@link StatusCallbackReceived}).
 *
 * @param kind    {@code status}, {@code device} or {@code incoming}, as in the webhook's URL
 * @param done    settled for good: applied, stored in the inbox, or given up (an orphan receipt past its time)
 * @param waiting receipts whose message is not known yet: kept, and tried again in a later round
 */
public record CallbacksApplied(String kind, List<Long> done, List<Long> waiting) {

  public CallbacksApplied {
    done = List.copyOf(done);
    waiting = List.copyOf(waiting);
  }

  public JsonObject toJson() {
    return new JsonObject().put("kind", kind).put("done", new JsonArray(done)).put("waiting", new JsonArray(waiting));
  }

  public static CallbacksApplied fromJson(JsonObject json) {
    return new CallbacksApplied(json.getString("kind"), ids(json.getJsonArray("done")), ids(json.getJsonArray("waiting")));
  }

  /** Both lists: every callback of the page. */
  public boolean covers(long callbackId) {
    return done.contains(callbackId) || waiting.contains(callbackId);
  }

  private static List<Long> ids(JsonArray array) {
    // JSON numbers come back as the smallest type that holds them (an Integer for a small id).
    return array == null ? List.of() : array.stream().map(id -> ((Number) id).longValue()).toList();
  }
}
