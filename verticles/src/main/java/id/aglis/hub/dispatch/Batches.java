package id.aglis.hub.dispatch;

import id.aglis.hub.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Accepts batches of messages: every item is checked and prepared on its own, the bad ones are listed by index,
 * and the good ones are stored with the batch's row whole or not at all (one transaction). A batch's idempotency
 * key, given again, answers with the first batch's answer.
 */
public final class Batches {

  /**
   * Items prepared at once (template, dedupe, opt-out and recipient-hour checks): their Redis calls travel
   * together, and calls from other requests join the same round trips, so a large batch does not hold them
   * up for long.
   */
  private static final int PARALLEL = 256;

  private final BatchRepository batches;
  private final Enqueuer enqueuer;
  private final Set<String> deviceNames;

  Batches(BatchRepository batches, Enqueuer enqueuer, Set<String> deviceNames) {
    this.batches = batches;
    this.enqueuer = enqueuer;
    this.deviceNames = deviceNames;
  }

  /** The answer to give, and whether this request stored the batch (false: its idempotency key was used before). */
  public record Outcome(BatchRepository.Answer answer, boolean created) {
  }

  /**
   * Accepts {@code items}, each a single-message request as for {@code POST /messages} (null for an entry that is
   * not an object, which is rejected by its index), on behalf of {@code requestedBy}. {@code template} names the
   * template every item uses (its body is read once), or is null; {@code idempotencyKey} may be null.
   */
  public Future<Outcome> accept(List<JsonObject> items, String template, String requestedBy, String idempotencyKey) {
    Future<Optional<BatchRepository.Answer>> earlier = idempotencyKey == null ? Future.succeededFuture(Optional.empty())
        : batches.answerFor(idempotencyKey);
    return earlier.compose(found -> found.isPresent()
        ? Future.succeededFuture(new Outcome(found.get(), false))
        : store(items, template, requestedBy, idempotencyKey));
  }

  private Future<Outcome> store(List<JsonObject> items, String template, String requester, String key) {
    UUID batchId = UUID.randomUUID();
    Future<String> templateBody = template == null ? Future.succeededFuture(null) : enqueuer.templateBody(template);
    JsonArray rejected = new JsonArray();
    List<Enqueuer.Prepared> prepared = new ArrayList<>(items.size());
    return templateBody
        // The batch's message ids, none written until the end: identical texts within it are sent once.
        .compose(body -> prepareFrom(0, items, batchId, requester, body, prepared, rejected, new HashSet<>()))
        .onFailure(failure -> enqueuer.giveBack(prepared))
        .compose(ready -> {
          var batch = new BatchRepository.NewBatch(batchId, requester, items.size(), key, items.size() - rejected.size(), rejected);
          return enqueuer.storeBatch(batches, batch, prepared)
              .map(stored -> new Outcome(new BatchRepository.Answer(batchId, batch.accepted(), rejected), true))
              // Another request with the same key won the race: its answer is the one to give.
              .recover(failure -> BatchRepository.isKeyTaken(failure)
                  ? batches.answerFor(key).map(found -> new Outcome(found.orElseThrow(), false))
                  : Future.failedFuture(failure));
        });
  }

  /**
   * Prepares the items from {@code start} on, a few at a time, into {@code prepared}; rejected ones go to
   * {@code rejected} as {@code {"index","error"}}.
   */
  private Future<Void> prepareFrom(int start, List<JsonObject> items, UUID batchId, String requester, String templateBody,
                                   List<Enqueuer.Prepared> prepared, JsonArray rejected, Set<UUID> batchIds) {
    if (start >= items.size()) {
      return Future.succeededFuture();
    }
    int end = Math.min(items.size(), start + PARALLEL);
    List<Future<Enqueuer.Prepared>> chunk = new ArrayList<>(end - start);
    for (int i = start; i < end; i++) {
      chunk.add(prepareOne(items.get(i), batchId, requester, templateBody, batchIds));
    }
    return Future.join(chunk).transform(done -> {
      Throwable unexpected = null;
      for (int i = 0; i < chunk.size(); i++) {
        Future<Enqueuer.Prepared> item = chunk.get(i);
        if (item.succeeded()) {
          prepared.add(item.result());
        } else if (item.cause() instanceof ApiError api && api.status() < 500) {
          rejected.add(rejection(start + i, api));
        } else {
          unexpected = item.cause();
        }
      }
      return unexpected != null ? Future.<Void>failedFuture(unexpected)
          : prepareFrom(end, items, batchId, requester, templateBody, prepared, rejected, batchIds);
    });
  }

  private static JsonObject rejection(int index, ApiError api) {
    JsonObject error = new JsonObject().put("code", api.code()).put("message", api.getMessage());
    if (api.field() != null) {
      error.put("field", api.field());
    }
    return new JsonObject().put("index", index).put("error", error);
  }

  private Future<Enqueuer.Prepared> prepareOne(JsonObject item, UUID batchId, String requester, String templateBody,
                                               Set<UUID> batchIds) {
    try {
      if (item == null) {
        throw ApiError.badRequest("invalid_item", "Each item must be an object.");
      }
      EnqueueRequest request = EnqueueRequest.parse(item, deviceNames);
      return enqueuer.prepare(request, requester, batchId, templateBody, batchIds);
    } catch (ApiError e) {
      return Future.failedFuture(e);
    }
  }
}
