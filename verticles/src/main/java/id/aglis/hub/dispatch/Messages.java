package id.aglis.hub.dispatch;

import id.aglis.hub.dispatch.queue.DispatchQueue;
import id.aglis.hub.dispatch.send.UnknownSends;
import id.aglis.hub.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * What staff may do to a message once it is accepted: cancel it before it leaves, or put it back in the queue
 * after it failed, died or was left for review. The move in PostgreSQL is guarded by the statuses the message may
 * leave (a cancel racing a send cannot both win); the queue and the unknown-send watch follow it.
 */
public final class Messages {

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
