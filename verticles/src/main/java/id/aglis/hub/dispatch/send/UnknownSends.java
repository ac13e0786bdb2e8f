package id.aglis.hub.dispatch.send;

import id.aglis.hub.dispatch.DispatchSettings;
import id.aglis.hub.dispatch.Enqueuer;
import id.aglis.hub.dispatch.MessageRepository;
import id.aglis.hub.dispatch.MessageStatus;
import id.aglis.hub.dispatch.StatusEvents;
import id.aglis.hub.platform.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/**
 * Sends whose outcome is ambiguous (a timeout after the request was written, an unreadable answer, a node
 * that died mid-send). Fonnte may have queued them, so a blind resend risks a duplicate that costs quota
 * and annoys the customer. Each waits {@code unknownWindow} for a status callback proving acceptance
 * (the webhook then moves it on); if none came, it is resent or left for review, as configured.
 */
public final class UnknownSends {

  private static final String KEY = RedisKeys.waUnknown();

  private final RedisAPI redis;
  private final MessageRepository messages;
  private final Enqueuer enqueuer;
  private final StatusEvents events;
  private final DispatchSettings settings;
  private final OutcomeJournal journal;

  public UnknownSends(RedisAPI redis, MessageRepository messages, Enqueuer enqueuer, StatusEvents events, DispatchSettings settings,
                      OutcomeJournal journal) {
    this.journal = journal;
    this.redis = redis;
    this.messages = messages;
    this.enqueuer = enqueuer;
    this.events = events;
    this.settings = settings;
  }

  public Future<Void> watch(UUID id) {
    long due = System.currentTimeMillis() + settings.unknownWindow().toMillis();
    return redis.zadd(List.of(KEY, String.valueOf(due), id.toString())).mapEmpty();
  }

  /** Settles the ambiguous sends whose window ended; safe on every node at once (ZREM decides who acts). */
  public Future<Void> settleDue() {
    return redis.zrangebyscore(List.of(KEY, "-inf", String.valueOf(System.currentTimeMillis()), "LIMIT", "0", "100"))
        .compose(due -> {
          List<Future<Void>> settled = new ArrayList<>();
          for (Response id : due) {
            UUID message = UUID.fromString(id.toString());
            // Settle first, then forget: if PostgreSQL fails in between, the entry is still there to retry.
            // Settling is guarded by the message's status, so two nodes doing it at once is harmless.
            settled.add(settle(message).compose(v -> redis.zrem(List.of(KEY, id.toString()))).mapEmpty());
          }
          return Future.join(settled).mapEmpty();
        });
  }

  /** Watches an unknown message the queue lost track of (after a Redis flush); no-op when already watched. */
  public Future<Void> ensureWatched(UUID id, long dueMs) {
    return redis.zadd(List.of(KEY, "NX", String.valueOf(dueMs), id.toString())).mapEmpty();
  }

  /** Stops watching (the message was requeued or cancelled by staff). */
  public Future<Void> forget(UUID id) {
    return redis.zrem(List.of(KEY, id.toString())).mapEmpty();
  }

  /**
   * A message whose provider answer is in the journal was sent: it is recorded, never resent. When the journal
   * cannot be read, nothing happens and the entry is tried again on the next round.
   */
  private Future<Void> settle(UUID id) {
    return journal.replay(id).compose(answered -> answered ? Future.succeededFuture() : settleUnanswered(id));
  }

  private Future<Void> settleUnanswered(UUID id) {
    if (!settings.resendUnknown()) {
      return messages.findById(id).compose(found -> found.isPresent() && found.get().status() == MessageStatus.UNKNOWN
          ? messages.event(id, "review", new JsonObject()
              .put("reason", "No status callback within " + settings.unknownWindow().toSeconds() + " s; left for review (requeue to resend)."))
          : Future.succeededFuture());
    }
    return messages.transition(id, MessageStatus.QUEUED, EnumSet.of(MessageStatus.UNKNOWN), null, 0,
            new JsonObject().put("reason", "No status callback within " + settings.unknownWindow().toSeconds() + " s: sending again."))
        .compose(moved -> moved.isEmpty() ? Future.succeededFuture() : enqueuer.queued(moved.get()));
  }
}
