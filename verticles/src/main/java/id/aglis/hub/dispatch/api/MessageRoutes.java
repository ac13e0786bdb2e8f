package id.aglis.hub.dispatch.api;

import id.aglis.hub.common.Phones;
import id.aglis.hub.dispatch.EnqueueRequest;
import id.aglis.hub.dispatch.Enqueuer;
import id.aglis.hub.dispatch.MessageRepository;
import id.aglis.hub.dispatch.MessageStatus;
import id.aglis.hub.dispatch.Messages;
import id.aglis.hub.dispatch.WaMessage;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Cursor;
import id.aglis.hub.web.Principal;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /messages} (202 once committed; the same idempotency key again answers the first message
 * with 200), {@code GET /messages/{id}} with its timeline, {@code GET /messages?status=&to=&batchId=&cursor=},
 * {@code POST /messages/{id}/cancel} (before it left) and {@code POST /messages/{id}/requeue} (failed or dead).
 */
public final class MessageRoutes {

  private final Enqueuer enqueuer;
  private final Messages messages;
  private final MessageRepository repository;
  private final Set<String> deviceNames;

  /** @param deviceNames the devices a message may be pinned to */
  public MessageRoutes(Enqueuer enqueuer, Messages messages, MessageRepository repository, Set<String> deviceNames) {
    this.enqueuer = enqueuer;
    this.messages = messages;
    this.repository = repository;
    this.deviceNames = deviceNames;
  }

  public void mount(Router api) {
    var staff = Access.anyStaff();
    api.post("/messages").handler(staff).handler(this::enqueue);
    api.get("/messages").handler(staff).handler(this::list);
    api.get("/messages/:id").handler(staff).handler(this::get);
    api.post("/messages/:id/cancel").handler(staff).handler(this::cancel);
    api.post("/messages/:id/requeue").handler(Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.CS, Role.NOC)).handler(this::requeue);
  }

  private void enqueue(RoutingContext ctx) {
    EnqueueRequest request = EnqueueRequest.parse(Bodies.object(ctx), deviceNames);
    enqueuer.enqueue(request, requester(ctx))
        .onSuccess(result -> {
          if (result.created()) {
            Responses.json(ctx, 202, new JsonObject().put("id", result.message().id().toString())
                .put("status", result.message().status().wire()));
          } else {
            Responses.ok(ctx, result.message().toJson().put("deduplicated", result.deduplicated()));
          }
        })
        .onFailure(ctx::fail);
  }

  static String requester(RoutingContext ctx) {
    Principal who = Access.principal(ctx);
    return who.kindWire() + ":" + who.login();
  }

  private void list(RoutingContext ctx) {
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    String status = Requests.query(ctx, "status");
    if (status != null && MessageStatus.parse(status) == null) {
      throw ApiError.invalidField("status", "'status' must be one of queued, scheduled, sending, sent, delivered, read, failed, dead, cancelled, unknown.");
    }
    String to = Requests.query(ctx, "to");
    String normalisedTo = to == null ? null : Phones.normalise(to)
        .orElseThrow(() -> ApiError.invalidField("to", "'to' is not a valid phone number."));
    String batch = Requests.query(ctx, "batchId");
    UUID batchId = batch == null ? null : uuid(batch, "batchId");
    repository.page(before, status, normalisedTo, batchId, limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, WaMessage::seq, WaMessage::toJson))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    UUID id = idParam(ctx);
    repository.findById(id)
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Message")))
        .compose(m -> repository.timeline(id).map(timeline -> m.toJson().put("timeline", timeline)))
        .onSuccess(json -> Responses.ok(ctx, json))
        .onFailure(ctx::fail);
  }

  private void cancel(RoutingContext ctx) {
    messages.cancel(idParam(ctx), requester(ctx))
        .onSuccess(m -> Responses.ok(ctx, m.toJson()))
        .onFailure(ctx::fail);
  }

  private void requeue(RoutingContext ctx) {
    messages.requeue(idParam(ctx), requester(ctx))
        .onSuccess(m -> Responses.json(ctx, 202, m.toJson()))
        .onFailure(ctx::fail);
  }

  private static UUID idParam(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ApiError.notFound("Message");
    }
  }

  private static UUID uuid(String text, String field) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidField(field, "'" + field + "' is not an id this server issued.");
    }
  }

}
