package id.aglis.hub.dispatch;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /messages/batch}: up to 10,000 messages, either {@code {"messages":[{…}, …]}} (each item as
 * for {@code POST /messages}) or one template for many recipients:
 * {@code {"template","recipients":[{"to","params"}, …],"priority"?,"notBefore"?}}, with an optional
 * {@code idempotencyKey}. Bad items are listed by index; the good ones are stored whole or not at all (one
 * transaction). Answers 202 {@code {"batchId","accepted","rejected":[{"index","error"}]}} once the batch is
 * committed; the same {@code idempotencyKey} again answers the first batch's answer with 200.
 * {@code GET /batches/{id}} gives progress counters.
 */
final class BatchRoutes {

  static final int MAX_BATCH = 10_000;
  /**
   * Items prepared at once (template, dedupe, opt-out and recipient-hour checks): their Redis calls travel
   * together, and calls from other requests join the same round trips, so a large batch does not hold them
   * up for long.
   */
  private static final int PARALLEL = 256;
  private static final Set<String> FIELDS = Set.of("messages", "template", "recipients", "priority", "notBefore", "device",
      "idempotencyKey");

  private final Dispatch dispatch;

  BatchRoutes(Dispatch dispatch) {
    this.dispatch = dispatch;
  }

  void mount(Router api) {
    var senders = Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.CS, Role.NOC);
    // Who is calling is checked before the (large) body is read; Vert.x wants body handlers first on a
    // route, so the check is a route of its own.
    api.post("/messages/batch").handler(senders);
    api.post("/messages/batch").handler(Dispatch.batchBody()).handler(this::create);
    api.get("/batches/:id").handler(Access.anyStaff()).handler(this::progress);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, FIELDS);
    String key = Fields.optionalString(body, "idempotencyKey", 200);
    List<JsonObject> items = items(body);
    String requester = MessageRoutes.requester(ctx);
    Future<Optional<BatchRepository.Answer>> earlier = key == null ? Future.succeededFuture(Optional.empty())
        : dispatch.batches().answerFor(key);
    earlier
        .compose(found -> found.isPresent()
            ? Future.succeededFuture(new Outcome(found.get(), false))
            : accept(items, body.getString("template"), requester, key))
        .onSuccess(outcome -> Responses.json(ctx, outcome.created() ? 202 : 200, outcome.answer().toJson()))
        .onFailure(ctx::fail);
  }

  /** The answer to give, and whether this request stored the batch (false: its idempotency key was used before). */
  private record Outcome(BatchRepository.Answer answer, boolean created) {
  }

  private Future<Outcome> accept(List<JsonObject> items, String template, String requester, String key) {
    UUID batchId = UUID.randomUUID();
    Future<String> templateBody = template == null ? Future.succeededFuture(null) : dispatch.enqueuer().templateBody(template);
    JsonArray rejected = new JsonArray();
    List<Enqueuer.Prepared> prepared = new ArrayList<>(items.size());
    return templateBody
        // The batch's message ids, none written until the end: identical texts within it are sent once.
        .compose(body -> prepareFrom(0, items, batchId, requester, body, prepared, rejected, new HashSet<>()))
        .onFailure(failure -> dispatch.enqueuer().giveBack(prepared))
        .compose(ready -> {
          var batch = new BatchRepository.NewBatch(batchId, requester, items.size(), key, items.size() - rejected.size(), rejected);
          return dispatch.enqueuer().storeBatch(dispatch.batches(), batch, prepared)
              .map(stored -> new Outcome(new BatchRepository.Answer(batchId, batch.accepted(), rejected), true))
              // Another request with the same key won the race: its answer is the one to give.
              .recover(failure -> BatchRepository.isKeyTaken(failure)
                  ? dispatch.batches().answerFor(key).map(found -> new Outcome(found.orElseThrow(), false))
                  : Future.failedFuture(failure));
        });
  }

  /** The batch as a list of single-message requests, validated for shape and size. */
  private static List<JsonObject> items(JsonObject body) {
    Object messages = body.getValue("messages");
    Object recipients = body.getValue("recipients");
    if ((messages == null) == (recipients == null)) {
      throw ApiError.invalidField("messages", "Give either 'messages' or 'template' with 'recipients'.");
    }
    String listField = messages != null ? "messages" : "recipients";
    if (!(body.getValue(listField) instanceof JsonArray list)) {
      throw ApiError.invalidField(listField, "'" + listField + "' must be an array.");
    }
    if (list.isEmpty()) {
      throw ApiError.invalidField(listField, "'" + listField + "' must not be empty.");
    }
    if (list.size() > MAX_BATCH) {
      throw ApiError.invalidField(listField, "A batch holds at most " + MAX_BATCH + " messages (got " + list.size() + ").");
    }
    if (recipients != null) {
      Fields.requiredString(body, "template", 64);
    } else if (body.containsKey("template")) {
      throw ApiError.invalidField("template", "'template' goes with 'recipients', not 'messages'.");
    }
    List<JsonObject> items = new ArrayList<>(list.size());
    for (Object entry : list) {
      JsonObject item = entry instanceof JsonObject o ? o.copy() : null;
      if (item != null && recipients != null) {
        item.put("template", body.getString("template"));
      }
      if (item != null) {
        for (String shared : List.of("priority", "notBefore", "device")) {
          if (body.containsKey(shared) && !item.containsKey(shared)) {
            item.put(shared, body.getValue(shared));
          }
        }
      }
      items.add(item);
    }
    return items;
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
      EnqueueRequest request = EnqueueRequest.parse(item, dispatch.deviceNames());
      return dispatch.enqueuer().prepare(request, requester, batchId, templateBody, batchIds);
    } catch (ApiError e) {
      return Future.failedFuture(e);
    }
  }

  private void progress(RoutingContext ctx) {
    UUID id;
    try {
      id = UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ApiError.notFound("Batch");
    }
    dispatch.batches().progress(id)
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Batch")))
        .onSuccess(json -> Responses.ok(ctx, json))
        .onFailure(ctx::fail);
  }
}
