package id.aglis.hub.dispatch;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Cursor;
import id.aglis.hub.web.Principal;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * {@code POST /messages} (202 once committed; the same idempotency key again answers the first message
 * with 200), {@code GET /messages/{id}} with its timeline, {@code GET /messages?status=&to=&batchId=&cursor=},
 * {@code POST /messages/{id}/cancel} (before it left) and {@code POST /messages/{id}/requeue} (failed or dead).
 */
final class MessageRoutes {

  private final Dispatch dispatch;

  MessageRoutes(Dispatch dispatch) {
    this.dispatch = dispatch;
  }

  void mount(Router api) {
    var staff = Access.anyStaff();
    api.post("/messages").handler(staff).handler(this::enqueue);
    api.get("/messages").handler(staff).handler(this::list);
    api.get("/messages/:id").handler(staff).handler(this::get);
    api.post("/messages/:id/cancel").handler(staff).handler(this::cancel);
    api.post("/messages/:id/requeue").handler(Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.CS, Role.NOC)).handler(this::requeue);
  }

  private void enqueue(RoutingContext ctx) {
    EnqueueRequest request = EnqueueRequest.parse(Bodies.object(ctx), dispatch.deviceNames());
    dispatch.enqueuer().enqueue(request, requester(ctx))
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
    String normalisedTo = to == null ? null : id.aglis.hub.common.Phones.normalise(to)
        .orElseThrow(() -> ApiError.invalidField("to", "'to' is not a valid phone number."));
    String batch = Requests.query(ctx, "batchId");
    UUID batchId = batch == null ? null : uuid(batch, "batchId");
    dispatch.messages().page(before, status, normalisedTo, batchId, limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, WaMessage::seq, WaMessage::toJson))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    UUID id = idParam(ctx);
    dispatch.messages().findById(id)
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Message")))
        .compose(m -> dispatch.messages().timeline(id).map(timeline -> m.toJson().put("timeline", timeline)))
        .onSuccess(json -> Responses.ok(ctx, json))
        .onFailure(ctx::fail);
  }

  private void cancel(RoutingContext ctx) {
    UUID id = idParam(ctx);
    JsonObject detail = new JsonObject().put("by", requester(ctx));
    dispatch.messages().transition(id, MessageStatus.CANCELLED, MessageStatus.CANCELLABLE, null, 0, detail)
        .compose(moved -> moved.isPresent()
            ? Future.all(dispatch.queue().forget(id), dispatch.unknown().forget(id)).map(moved.get())
            : refuse(id, "cancelled: it has already left for the provider or ended"))
        .onSuccess(m -> {
          dispatch.events().message(m);
          Responses.ok(ctx, m.toJson());
        })
        .onFailure(ctx::fail);
  }

  private void requeue(RoutingContext ctx) {
    UUID id = idParam(ctx);
    JsonObject detail = new JsonObject().put("by", requester(ctx));
    dispatch.messages().requeue(id, MessageStatus.REQUEUEABLE, detail)
        .compose(moved -> moved.isPresent()
            ? dispatch.unknown().forget(id).compose(v -> dispatch.enqueuer().queued(moved.get())).map(moved.get())
            : refuse(id, "requeued: only failed, dead or unknown messages can be"))
        .onSuccess(m -> Responses.json(ctx, 202, m.toJson()))
        .onFailure(ctx::fail);
  }

  /** 404 when the message does not exist, else 409 saying why the move is refused. */
  private Future<WaMessage> refuse(UUID id, String why) {
    return dispatch.messages().findById(id).compose(found -> Future.failedFuture(found.isEmpty()
        ? ApiError.notFound("Message")
        : ApiError.conflict("invalid_state", "The message is " + found.get().status().wire() + " and cannot be " + why + ".")));
  }

  private static UUID idParam(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ApiError.notFound("Message");
    }
  }

  static UUID uuid(String text, String field) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidField(field, "'" + field + "' is not an id this server issued.");
    }
  }

}
