package id.aglis.hub.dispatch;

import id.aglis.hub.dispatch.queue.DispatchQueue;
import id.aglis.hub.dispatch.send.UnknownSends;
import id.aglis.hub.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * What staff may do to a message once it is accepted: cancel it before it leaves, or put it back in the queue
 * after it failed, died or was left for review. The move in PostgreSQL is guarded by the statuses the message may
 * leave (a cancel racing a send cannot both win); the queue and the unknown-send watch follow it.
 */
public final class Messages {

  /** Messages of a bulk request moved at once. */
  private static final int BULK_PARALLEL = 25;

  private final MessageRepository messages;
  private final DispatchQueue queue;
  private final UnknownSends unknown;
  private final Enqueuer enqueuer;
  private final StatusEvents events;

  Messages(MessageRepository messages, DispatchQueue queue, UnknownSends unknown, Enqueuer enqueuer, StatusEvents events) {
    this.messages = messages;
    this.queue = queue;
    this.unknown = unknown;
    this.enqueuer = enqueuer;
    this.events = events;
  }

  /**
   * Cancels the message, on behalf of {@code by}, while it is {@link MessageStatus#CANCELLABLE}. Fails with a 404
   * when it does not exist, a 409 when it has left or ended.
   */
  public Future<WaMessage> cancel(UUID id, String by) {
    return messages.transition(id, MessageStatus.CANCELLED, MessageStatus.CANCELLABLE, null, 0, requestedBy(by))
        .compose(moved -> moved.isPresent()
            ? Future.all(queue.forget(id), unknown.forget(id)).map(moved.get())
            : refuse(id, "cancelled: it has already left for the provider or ended"))
        .onSuccess(events::message);
  }

  /**
   * Queues the message again with a fresh attempt budget, on behalf of {@code by}, when it is
   * {@link MessageStatus#REQUEUEABLE}. Fails with a 404 when it does not exist, a 409 when it is in another status.
   */
  public Future<WaMessage> requeue(UUID id, String by) {
    return messages.requeue(id, MessageStatus.REQUEUEABLE, requestedBy(by))
        .compose(moved -> moved.isPresent()
            ? unknown.forget(id).compose(v -> enqueuer.queued(moved.get())).map(moved.get())
            : refuse(id, "requeued: only failed, dead or unknown messages can be"));
  }

  /**
   * What became of one message of a bulk cancel or requeue: the message as it now is, or why it was refused (404, or a
   * 409 saying its status). {@code {"id","ok":true,"status"}} or {@code {"id","ok":false,"error":{"code","message"}}}.
   */
  public record Outcome(UUID id, WaMessage moved, ApiError refused) {

    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("id", id.toString()).put("ok", moved != null);
      return moved != null ? json.put("status", moved.status().wire())
          : json.put("error", new JsonObject().put("code", refused.code()).put("message", refused.getMessage()));
    }
  }

  /** {@link #cancel} for each of {@code ids}, in their order; a refusal is that message's outcome, not a failure. */
  public Future<List<Outcome>> cancelAll(List<UUID> ids, String by) {
    return each(ids, id -> cancel(id, by));
  }

  /** {@link #requeue} for each of {@code ids}, in their order; a refusal is that message's outcome, not a failure. */
  public Future<List<Outcome>> requeueAll(List<UUID> ids, String by) {
    return each(ids, id -> requeue(id, by));
  }

  /**
   * Moves the messages {@link #BULK_PARALLEL} at a time (a bulk of 500 must not take every database connection from
   * the senders). Fails only when a move fails for another reason than a refusal (the database is down): the caller
   * may send the same request again, and the messages already moved are refused the second time with their status.
   */
  private Future<List<Outcome>> each(List<UUID> ids, Function<UUID, Future<WaMessage>> move) {
    List<Outcome> outcomes = new ArrayList<>(ids.size());
    Future<Void> chain = Future.succeededFuture();
    for (int start = 0; start < ids.size(); start += BULK_PARALLEL) {
      List<UUID> chunk = ids.subList(start, Math.min(ids.size(), start + BULK_PARALLEL));
      chain = chain.compose(v -> {
        List<Future<WaMessage>> moves = chunk.stream().map(move).toList();
        return Future.join(moves).transform(done -> {
          for (int i = 0; i < moves.size(); i++) {
            Future<WaMessage> one = moves.get(i);
            if (one.succeeded()) {
              outcomes.add(new Outcome(chunk.get(i), one.result(), null));
            } else if (one.cause() instanceof ApiError refusal && refusal.status() < 500) {
              outcomes.add(new Outcome(chunk.get(i), null, refusal));
            } else {
              return Future.failedFuture(one.cause());
            }
          }
          return Future.succeededFuture();
        });
      });
    }
    return chain.map(outcomes);
  }

  private static JsonObject requestedBy(String by) {
    return new JsonObject().put("by", by);
  }

  /** 404 when the message does not exist, else 409 saying why the move is refused. */
  private Future<WaMessage> refuse(UUID id, String why) {
    return messages.findById(id).compose(found -> Future.failedFuture(found.isEmpty()
        ? ApiError.notFound("Message")
        : ApiError.conflict("invalid_state", "The message is " + found.get().status().wire() + " and cannot be " + why + ".")));
  }
}
