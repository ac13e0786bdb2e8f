package id.aglis.hub.dispatch;

import id.aglis.hub.common.TimeOrderedIds;
import id.aglis.hub.dispatch.queue.DispatchQueue;
import id.aglis.hub.platform.RedisKeys;
import id.aglis.hub.platform.RedisScript;
import id.aglis.hub.web.ApiError;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts messages: durable first (committed in PostgreSQL), then queued in Redis. A Redis failure after
 * the commit loses nothing: the reconciler finds the message in PostgreSQL and queues it.
 *
 * <p>Per-recipient protection, shared by every node through Redis: identical text to the same recipient
 * within the dedupe window is accepted once (the duplicate answers with the first message), and a recipient
 * gets at most {@code recipientPerHour} non-urgent messages in a clock hour: the rest are scheduled for the
 * first later hour with room.
 */
public final class Enqueuer {

  private static final Logger LOG = LoggerFactory.getLogger(Enqueuer.class);
  private static final RedisScript RECIPIENT_SLOT = RedisScript.load("wa_recipient_slot.lua");
  private static final RedisScript RECIPIENT_UNSLOT = RedisScript.load("wa_recipient_unslot.lua");
  private static final long HOUR_MS = 3_600_000;

  private final MessageRepository messages;
  private final TemplateRepository templates;
  private final DispatchQueue queue;
  private final RedisAPI redis;
  private final StatusEvents events;
  private final DispatchSettings settings;
  private final OptOuts optOuts;
  /** Which clock hour "now" is: the system's clock, or a test's that it moves instead of waiting for an hour. */
  private final Clock clock;

  public Enqueuer(MessageRepository messages, TemplateRepository templates, DispatchQueue queue, RedisAPI redis,
                  StatusEvents events, DispatchSettings settings, OptOuts optOuts, Clock clock) {
    this.optOuts = optOuts;
    this.clock = clock;
    this.messages = messages;
    this.templates = templates;
    this.queue = queue;
    this.redis = redis;
    this.events = events;
    this.settings = settings;
  }

  /** The stored message, whether this call created it, and whether it was a duplicate of a recent one. */
  public record Result(WaMessage message, boolean created, boolean deduplicated) {
  }

  public Future<Result> enqueue(EnqueueRequest request, String requestedBy) {
    return prepare(request, requestedBy, null, null, null).compose(this::storeOne);
  }

  /**
   * A message ready to be written: its row and the recipient hour it took; or nothing to write, for an
   * identical message sent recently ({@code duplicate}, that earlier message) or one earlier in the same
   * batch ({@code message} and {@code duplicate} both null).
   */
  record Prepared(MessageRepository.NewMessage message, EnqueueRequest request, Hour hour, Result duplicate) {
    boolean toWrite() {
      return message != null;
    }
  }

  /**
   * Everything before the write: the text, the dedupe check, the opt-out check and the recipient's hour.
   * {@code batchIds} (null outside a batch) collects the ids of the batch's messages, none written yet: an
   * identical text earlier in the same batch is found by its id there, not in PostgreSQL.
   */
  Future<Prepared> prepare(EnqueueRequest request, String requestedBy, UUID batchId, String templateBody, Set<UUID> batchIds) {
    return text(request, templateBody).compose(text -> {
      UUID id = TimeOrderedIds.next();
      if (batchIds != null) {
        batchIds.add(id);
      }
      return dedupe(request, text, id).compose(earlier -> {
        if (earlier != null && batchIds != null && batchIds.contains(earlier)) {
          return Future.succeededFuture(new Prepared(null, request, null, null));
        }
        return (earlier == null ? Future.succeededFuture(Optional.<WaMessage>empty()) : messages.findById(earlier))
            .compose(found -> found.isPresent()
                ? Future.succeededFuture(new Prepared(null, request, null, new Result(found.get(), false, true)))
                : row(request, text, id, requestedBy, batchId));
      });
    });
  }

  private Future<Result> storeOne(Prepared prepared) {
    if (prepared.duplicate() != null) {
      return Future.succeededFuture(prepared.duplicate());
    }
    return messages.insert(prepared.message())
        // An hour taken for a message not stored after all (its idempotency key was used before, or the
        // write failed) goes back, so that it does not push the recipient's real messages later.
        .andThen(stored -> {
          if (stored.failed() || !stored.result().created()) {
            giveBack(prepared);
          }
        })
        .compose(this::afterStore);
  }

  /**
   * Writes the prepared messages of a batch together with the batch's row, in one transaction, then queues
   * them. Should the write fail, nothing of the batch is stored and every hour taken goes back.
   */
  Future<Void> storeBatch(BatchRepository batches, BatchRepository.NewBatch batch, List<Prepared> prepared) {
    List<Prepared> toWrite = prepared.stream().filter(Prepared::toWrite).toList();
    return batches.storeWhole(batch, toWrite.stream().map(Prepared::message).toList())
        .onFailure(failure -> giveBack(toWrite))
        .compose(stored -> {
          List<Future<Result>> queued = new ArrayList<>(stored.size());
          for (int i = 0; i < stored.size(); i++) {
            Optional<WaMessage> created = stored.get(i);
            if (created.isEmpty()) {
              giveBack(toWrite.get(i));
            } else {
              queued.add(afterStore(new MessageRepository.Stored(created.get(), true)));
            }
          }
          return Future.all(queued).mapEmpty();
        });
  }

  /** Gives back the hours of messages that will not be stored (a batch that failed part-way through preparing). */
  void giveBack(List<Prepared> prepared) {
    prepared.forEach(this::giveBack);
  }

  private Future<Result> afterStore(MessageRepository.Stored stored) {
    if (!stored.created()) {
      return Future.succeededFuture(new Result(stored.message(), false, false));
    }
    if (stored.message().status() == MessageStatus.CANCELLED) {
      events.message(stored.message());
      return Future.succeededFuture(new Result(stored.message(), true, false));
    }
    return queued(stored.message()).map(new Result(stored.message(), true, false));
  }

  private Future<String> text(EnqueueRequest request, String templateBody) {
    if (request.text() != null) {
      return Future.succeededFuture(request.text());
    }
    Future<String> body = templateBody != null ? Future.succeededFuture(templateBody) : templateBody(request.template());
    return body.map(found -> {
      String text = Templates.render(found, request.params());
      if (text.length() > EnqueueRequest.MAX_TEXT) {
        throw ApiError.invalidField("params", "The rendered text is longer than " + EnqueueRequest.MAX_TEXT + " characters.");
      }
      return text;
    });
  }

  /** The body of a template, or a 400 naming the unknown template. */
  public Future<String> templateBody(String name) {
    return templates.findByName(name).map(found -> found.orElseThrow(() -> ApiError.invalidField("template",
        "Unknown template '" + name + "'.")).body());
  }

  /** The row of a new message: cancelled for an opted-out recipient, delayed to the recipient's free hour. */
  private Future<Prepared> row(EnqueueRequest request, String text, UUID id, String requestedBy, UUID batchId) {
    Future<Boolean> optedOut = request.priority() == Priority.LOW ? optOuts.isOptedOut(request.to()) : Future.succeededFuture(false);
    return optedOut.compose(out -> (out ? Future.<Hour>succeededFuture(null) : recipientHour(request)).map(hour -> {
      OffsetDateTime notBefore = later(request.notBefore(), hour == null ? null : hour.delayedUntil());
      boolean scheduled = notBefore != null && notBefore.isAfter(OffsetDateTime.now(clock));
      // A promotion to someone who replied STOP is kept on record, cancelled, and never queued.
      MessageStatus status = out ? MessageStatus.CANCELLED : scheduled ? MessageStatus.SCHEDULED : MessageStatus.QUEUED;
      return new Prepared(new MessageRepository.NewMessage(id, request.to(), text, request.template(), request.params(),
          request.priority(), status, request.idempotencyKey(), batchId, request.device(), notBefore, requestedBy,
          out ? OptOuts.REASON : null), request, hour, null);
    }));
  }

  /** Queues a committed message and wakes the device workers; failures are left to the reconciler. */
  public Future<Void> queued(WaMessage m) {
    long due = m.notBefore() == null ? 0 : m.notBefore().toInstant().toEpochMilli();
    return queue.enqueue(m.id(), m.priority(), m.seq(), m.pinnedDevice(), due)
        .onSuccess(v -> {
          events.message(m);
          events.nudge();
        })
        .recover(failure -> {
          LOG.warn("Message {} is committed but not queued yet ({}); the reconciler will queue it", m.id(), failure.getMessage());
          return Future.succeededFuture();
        });
  }

  /** The id of an identical message to the same recipient within the window, or null (and this one is claimed). */
  private Future<UUID> dedupe(EnqueueRequest request, String text, UUID id) {
    if (settings.limitsOff() || settings.dedupeWindow().isZero()) {
      return Future.succeededFuture(null);
    }
    String key = RedisKeys.waDedupe(request.to(), sha256(text));
    return redis.set(List.of(key, id.toString(), "NX", "PX", String.valueOf(settings.dedupeWindow().toMillis())))
        .compose(set -> set != null ? Future.succeededFuture((UUID) null)
            : redis.get(key).map(existing -> existing == null ? null : UUID.fromString(existing.toString())));
  }

  /**
   * The clock hour a non-urgent message was given in its recipient's hourly allowance (start in ms), and, when
   * that hour is later than the one it is due in, the time it must wait for.
   */
  record Hour(long startMs, OffsetDateTime delayedUntil) {
  }

  /** The hour of a non-urgent message (see {@code wa_recipient_slot.lua}); null when no cap applies. */
  private Future<Hour> recipientHour(EnqueueRequest request) {
    if (settings.limitsOff() || request.priority() == Priority.URGENT || settings.recipientPerHour() <= 0) {
      return Future.succeededFuture(null);
    }
    long now = clock.millis();
    long due = request.notBefore() == null ? now : Math.max(now, request.notBefore().toInstant().toEpochMilli());
    List<String> args = List.of(String.valueOf(now), String.valueOf(due), String.valueOf(settings.recipientPerHour()),
        String.valueOf(HOUR_MS));
    return RECIPIENT_SLOT.run(redis, List.of(recipientHoursKey(request)), args).map(reply -> {
      long start = reply.get(0).toLong();
      boolean delayed = reply.get(1).toInteger() == 1;
      return new Hour(start, delayed ? OffsetDateTime.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.UTC) : null);
    });
  }

  private void giveBack(Prepared prepared) {
    if (prepared.hour() == null) {
      return;
    }
    RECIPIENT_UNSLOT.run(redis, List.of(recipientHoursKey(prepared.request())),
            List.of(String.valueOf(prepared.hour().startMs()), String.valueOf(HOUR_MS)))
        .onFailure(e -> LOG.warn("Could not give back a recipient's hour ({}); it stays counted until it passes", e.getMessage()));
  }

  private static String recipientHoursKey(EnqueueRequest request) {
    return RedisKeys.waRecipientHours(request.to());
  }

  private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
