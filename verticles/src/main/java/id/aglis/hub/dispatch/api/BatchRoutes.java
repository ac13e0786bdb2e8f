package id.aglis.hub.dispatch.api;

import id.aglis.hub.dispatch.BatchRepository;
import id.aglis.hub.dispatch.Batches;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Cursor;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /messages/batch}: up to 10,000 messages, either {@code {"messages":[{…}, …]}} (each item as
 * for {@code POST /messages}) or one template for many recipients:
 * {@code {"template","recipients":[{"to","params"}, …],"priority"?,"notBefore"?}}, with an optional
 * {@code idempotencyKey}. Bad items are listed by index; the good ones are stored whole or not at all (one
 * transaction). Answers 202 {@code {"batchId","accepted","rejected":[{"index","error"}]}} once the batch is
 * committed; the same {@code idempotencyKey} again answers the first batch's answer with 200.
 * {@code GET /batches/{id}} gives progress counters; {@code GET /batches?cursor=&limit=} the recent batches, newest first,
 * each with the same counters.
 */
public final class BatchRoutes {

  private static final int MAX_BATCH = 10_000;
  /** A batch of 10,000 messages with long texts fits; anything bigger is a 413. */
  private static final long BODY_LIMIT = 16L * 1024 * 1024;
  private static final Set<String> FIELDS = Set.of("messages", "template", "recipients", "priority", "notBefore", "device",
      "idempotencyKey");

  private final Batches batches;
  private final BatchRepository repository;

  public BatchRoutes(Batches batches, BatchRepository repository) {
    this.batches = batches;
    this.repository = repository;
  }

  public void mount(Router api) {
    var senders = Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.CS, Role.NOC);
    // Who is calling is checked before the (large) body is read; Vert.x wants body handlers first on a
    // route, so the check is a route of its own.
    api.post("/messages/batch").handler(senders);
    api.post("/messages/batch").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT).setHandleFileUploads(false))
        .handler(this::create);
    api.get("/batches").handler(Access.anyStaff()).handler(this::list);
    api.get("/batches/:id").handler(Access.anyStaff()).handler(this::progress);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, FIELDS);
    String key = Fields.optionalString(body, "idempotencyKey", 200);
    List<JsonObject> items = items(body);
    batches.accept(items, body.getString("template"), MessageRoutes.requester(ctx), key)
        .onSuccess(outcome -> Responses.json(ctx, outcome.created() ? 202 : 200, outcome.answer().toJson()))
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

  private void list(RoutingContext ctx) {
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    repository.page(before, limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, BatchRepository.Progress::seq, BatchRepository.Progress::json))
        .onFailure(ctx::fail);
  }

  private void progress(RoutingContext ctx) {
    UUID id;
    try {
      id = UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ApiError.notFound("Batch");
    }
    repository.progress(id)
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Batch")))
        .onSuccess(json -> Responses.ok(ctx, json))
        .onFailure(ctx::fail);
  }
}
