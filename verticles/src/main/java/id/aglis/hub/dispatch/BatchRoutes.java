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
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /messages/batch}: up to 10,000 messages, either {@code {"messages":[{…}, …]}} (each item as
 * for {@code POST /messages}) or one template for many recipients:
 * {@code {"template","recipients":[{"to","params"}, …],"priority"?,"notBefore"?}}. Bad items are listed by
 * index; good ones are accepted. Answers 202 {@code {"batchId","accepted","rejected":[{"index","error"}]}}
 * once every accepted message is committed. {@code GET /batches/{id}} gives progress counters.
 */
final class BatchRoutes {

  static final int MAX_BATCH = 10_000;
  /**
   * Items stored at once: they travel to PostgreSQL and Redis together (one statement, one script call), and
   * calls from other requests join the same round trips, so a large batch does not hold them up for long.
   */
  private static final int PARALLEL = 256;

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
    Fields.onlyKnown(body, Set.of("messages", "template", "recipients", "priority", "notBefore", "device"));
    List<JsonObject> items = items(body);
    String requester = MessageRoutes.requester(ctx);
    UUID batchId = UUID.randomUUID();
    String template = body.getString("template");
    Future<String> templateBody = template == null ? Future.succeededFuture(null) : dispatch.enqueuer().templateBody(template);
    templateBody
        .compose(loaded -> dispatch.batches().insert(batchId, requester, items.size()).map(loaded))
        .compose(loaded -> store(items, batchId, requester, loaded))
        .onSuccess(rejected -> Responses.json(ctx, 202, new JsonObject().put("batchId", batchId.toString())
            .put("accepted", items.size() - rejected.size()).put("rejected", rejected)))
        .onFailure(ctx::fail);
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

  /** Stores every valid item, a few at a time; returns the rejected ones as {@code [{"index","error"}]}. */
  private Future<JsonArray> store(List<JsonObject> items, UUID batchId, String requester, String templateBody) {
    JsonArray rejected = new JsonArray();
    return storeFrom(0, items, batchId, requester, templateBody, rejected).map(rejected);
  }

  private Future<Void> storeFrom(int start, List<JsonObject> items, UUID batchId, String requester, String templateBody, JsonArray rejected) {
    if (start >= items.size()) {
      return Future.succeededFuture();
    }
    int end = Math.min(items.size(), start + PARALLEL);
    List<Future<Void>> chunk = new ArrayList<>();
    for (int i = start; i < end; i++) {
      int index = i;
      chunk.add(storeOne(items.get(i), batchId, requester, templateBody).recover(error -> {
        if (error instanceof ApiError api && api.status() < 500) {
          JsonObject entry = new JsonObject().put("index", index).put("error", new JsonObject().put("code", api.code()).put("message", api.getMessage()));
          if (api.field() != null) {
            entry.getJsonObject("error").put("field", api.field());
          }
          rejected.add(entry);
          return Future.succeededFuture();
        }
        return Future.failedFuture(error);
      }));
    }
    return Future.all(chunk).compose(done -> storeFrom(end, items, batchId, requester, templateBody, rejected));
  }

  private Future<Void> storeOne(JsonObject item, UUID batchId, String requester, String templateBody) {
    try {
      if (item == null) {
        throw ApiError.badRequest("invalid_item", "Each item must be an object.");
      }
      EnqueueRequest request = EnqueueRequest.parse(item, dispatch.deviceNames());
      return dispatch.enqueuer().enqueue(request, requester, batchId, templateBody).mapEmpty();
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
