package id.aglis.hub.dispatch.send;

import id.aglis.hub.common.Times;
import id.aglis.hub.dispatch.MessageRepository;
import id.aglis.hub.dispatch.MessageStatus;
import id.aglis.hub.dispatch.StatusEvents;
import id.aglis.hub.platform.RedisKeys;
import id.aglis.hub.platform.RedisScript;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's answers that PostgreSQL could not take. Fonnte accepted a message, and the write of
 * {@code sent} failed (PostgreSQL down or restarting): without this journal the message stayed
 * {@code sending}, its lease ran out, its next claim turned it {@code unknown} and it was resent after the
 * unknown window, a duplicate for every send in flight during the outage.
 *
 * <p>The answer goes to a Redis hash ({@code aglis:wa:journal}, message id → entry) in the same Lua step
 * that ends the claim ({@code wa_release.lua}, mode {@code keep}); Redis runs with its append-only file, so the answer
 * survives a restart of Redis or of the node. It is replayed into PostgreSQL by {@link #replayAll} (the
 * reconciler, every second) and by {@link #replay} wherever a message would otherwise be sent again (a
 * claim that finds it {@code unknown}, the unknown-send settler, the reconciler's repair of a
 * {@code sending} message Redis no longer knows). A replay is the ordinary guarded {@code sent} write, so
 * running it twice, on two nodes, or after the original write did commit after all, changes nothing more;
 * the entry is removed only after PostgreSQL took it.
 *
 * <p>Not covered: a Redis that loses its data (flushed, or restarted without its append-only file) while an
 * answer waits here; that message falls back to {@code unknown}.
 */
public final class OutcomeJournal {

  private static final Logger LOG = LoggerFactory.getLogger(OutcomeJournal.class);
  static final String KEY = RedisKeys.waJournal();
  private static final RedisScript RELEASE = RedisScript.load("wa_release.lua");
  private static final int REPLAY_PAGE = 200;

  private final RedisAPI redis;
  private final MessageRepository messages;
  private final StatusEvents events;

  public OutcomeJournal(RedisAPI redis, MessageRepository messages, StatusEvents events) {
    this.redis = redis;
    this.messages = messages;
    this.events = events;
  }

  /**
   * Keeps Fonnte's acceptance of {@code id} and ends {@code claim} (see {@code wa_release.lua}). Fails only
   * when Redis is unreachable too; the message then takes the old path (lease ends → {@code unknown}).
   */
  public Future<Void> keepAccepted(UUID id, String claim, List<String> providerIds, JsonObject detail) {
    JsonObject entry = new JsonObject().put("status", MessageStatus.SENT.wire())
        .put("providerIds", new JsonArray(new ArrayList<>(providerIds)))
        .put("detail", detail)
        .put("at", System.currentTimeMillis());
    return RELEASE.run(redis, RedisKeys.waScriptKeys(), List.of(id.toString(), "keep", "0", "0", claim, entry.encode()))
        .mapEmpty();
  }

  /**
   * Records the kept answer of {@code id} in PostgreSQL, if there is one. True when there was: the provider has
   * the message, and the caller must not send it again. Fails when the answer could not be recorded yet (it
   * stays kept); a caller that would send the message must then not send it either.
   */
  public Future<Boolean> replay(UUID id) {
    return redis.hget(KEY, id.toString()).compose(entry -> entry == null
        ? Future.succeededFuture(false)
        : record(id, new JsonObject(entry.toString())).map(true));
  }

  /** Replays up to a page of kept answers; returns how many PostgreSQL took. */
  public Future<Integer> replayAll() {
    return redis.hscan(List.of(KEY, "0", "COUNT", String.valueOf(REPLAY_PAGE))).compose(reply -> {
      Response pairs = reply.get(1);
      List<Future<Void>> recorded = new ArrayList<>();
      for (int i = 0; i + 1 < pairs.size(); i += 2) {
        UUID id = UUID.fromString(pairs.get(i).toString());
        recorded.add(record(id, new JsonObject(pairs.get(i + 1).toString())));
      }
      return Future.join(recorded).transform(done -> {
        int taken = (int) recorded.stream().filter(Future::succeeded).count();
        if (taken > 0) {
          LOG.info("Recorded {} provider answer(s) kept in Redis while PostgreSQL could not take them", taken);
        }
        return recorded.isEmpty() || taken > 0 ? Future.succeededFuture(taken) : Future.failedFuture(done.cause());
      });
    });
  }

  private Future<Void> record(UUID id, JsonObject entry) {
    List<String> providerIds = entry.getJsonArray("providerIds", new JsonArray()).stream().map(String::valueOf).toList();
    JsonObject detail = entry.getJsonObject("detail", new JsonObject()).copy()
        .put("journaled", true).put("acceptedAt", Times.iso(java.time.Instant.ofEpochMilli(entry.getLong("at", 0L))));
    return messages.markSent(id, providerIds, detail).compose(sent -> {
      // Empty: already 'sent' (the first write committed after all, or another node replayed it first).
      sent.ifPresent(events::message);
      return redis.hdel(List.of(KEY, id.toString())).<Void>mapEmpty();
    });
  }
}
