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
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Principal;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /messages} (202 once committed; the same idempotency key again answers the first message
 * with 200), {@code GET /messages/{id}} with its timeline,
 * {@code GET /messages?status=&to=&batchId=&template=&since=&until=&cursor=}, {@code POST /messages/{id}/cancel}
 * (before it left) and {@code POST /messages/{id}/requeue} (failed, dead or unknown), and both in bulk:
 * {@code POST /messages/cancel} and {@code POST /messages/requeue} with {@code {"ids":[…]}} answer 200
 * {@code {"results":[{"id","ok","status"|"error"}]}}, one result per id in the order given.
 */
public final class MessageRoutes {

  /** Ids in one bulk cancel or requeue: what a console selects at most (and what one answer can show). */
  static final int MAX_BULK = 500;
  private static final String STATUSES = "queued, scheduled, sending, sent, delivered, read, failed, dead, cancelled, unknown";

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
    var requeuers = Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.CS, Role.NOC);
    api.post("/messages/cancel").handler(staff).handler(this::cancelMany);
    api.post("/messages/requeue").handler(requeuers).handler(this::requeueMany);
    api.post("/messages/:id/cancel").handler(staff).handler(this::cancel);
    api.post("/messages/:id/requeue").handler(requeuers).handler(this::requeue);
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
    repository.page(before, filter(ctx), limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, WaMessage::seq, WaMessage::toJson))
        .onFailure(ctx::fail);
  }

  /** The list's filters, each optional; {@code status} may name several, comma-separated ({@code failed,dead}). */
  private static MessageRepository.Filter filter(RoutingContext ctx) {
    String status = Requests.query(ctx, "status");
    List<MessageStatus> statuses = null;
    if (status != null) {
      statuses = new ArrayList<>();
      for (String word : status.split(",", -1)) {
        MessageStatus parsed = MessageStatus.parse(word.strip());
        if (parsed == null) {
          throw ApiError.invalidField("status", "'status' must be one or more (comma-separated) of " + STATUSES + ".");
        }
        statuses.add(parsed);
      }
    }
    String to = Requests.query(ctx, "to");
    String normalisedTo = to == null ? null : Phones.normalise(to)
        .orElseThrow(() -> ApiError.invalidField("to", "'to' is not a valid phone number."));
    String batch = Requests.query(ctx, "batchId");
    UUID batchId = batch == null ? null : uuid(batch, "batchId");
    String template = Requests.query(ctx, "template");
    if (template != null && template.length() > 64) {
      throw ApiError.invalidField("template", "'template' must be at most 64 characters.");
    }
    OffsetDateTime since = Requests.time(ctx, "since");
    OffsetDateTime until = Requests.time(ctx, "until");
    if (since != null && until != null && !since.isBefore(until)) {
      throw ApiError.invalidField("since", "'since' must be before 'until'.");
    }
    return new MessageRepository.Filter(statuses, normalisedTo, batchId, template, since, until);
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

  private void cancelMany(RoutingContext ctx) {
    messages.cancelAll(ids(ctx), requester(ctx)).onSuccess(outcomes -> results(ctx, outcomes)).onFailure(ctx::fail);
  }

  private void requeueMany(RoutingContext ctx) {
    messages.requeueAll(ids(ctx), requester(ctx)).onSuccess(outcomes -> results(ctx, outcomes)).onFailure(ctx::fail);
  }

  private static void results(RoutingContext ctx, List<Messages.Outcome> outcomes) {
    Responses.ok(ctx, new JsonObject().put("results", new JsonArray(outcomes.stream().map(Messages.Outcome::toJson).toList())));
  }

  /** {@code {"ids":[…]}}: 1 to {@value #MAX_BULK} message ids, each once (a repeat is left out). */
  private static List<UUID> ids(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("ids"));
    if (!(body.getValue("ids") instanceof JsonArray list)) {
      throw ApiError.invalidField("ids", "'ids' must be an array of message ids.");
    }
    if (list.isEmpty() || list.size() > MAX_BULK) {
      throw ApiError.invalidField("ids", "'ids' must hold 1 to " + MAX_BULK + " message ids (got " + list.size() + ").");
    }
    Set<UUID> ids = new LinkedHashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.getValue(i) instanceof String text)) {
        throw ApiError.invalidField("ids", "'ids[" + i + "]' must be a message id (a string).");
      }
      ids.add(uuid(text, "ids[" + i + "]", "ids"));
    }
    return List.copyOf(ids);
  }

  private static UUID idParam(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ApiError.notFound("Message");
    }
  }

  private static UUID uuid(String text, String field) {
    return uuid(text, field, field);
  }

  /** {@code text} as an id, or a 400 on {@code field} saying that {@code what} is not one. */
  private static UUID uuid(String text, String what, String field) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidField(field, "'" + what + "' is not an id this server issued.");
    }
  }

}
