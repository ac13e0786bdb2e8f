package id.aglis.hub.dispatch.send;

import id.aglis.hub.dispatch.MessageStatus;
import id.aglis.hub.dispatch.WaMessage;
import id.aglis.hub.dispatch.fonnte.SendOutcome;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * What each send outcome does to the message and the device, decided without doing it: the device worker
 * carries the decision out (writes, queue, events). Kept apart so every rule can be read and tested on its
 * own:
 * <ul>
 *   <li>accepted: the message is {@code sent}, with Fonnte's ids;</li>
 *   <li>rejected (Fonnte refused the message itself): {@code failed}, never retried;</li>
 *   <li>device failure (disconnected, out of quota, bad token): the device is paused and the message goes
 *   back to the queue for another device, its attempt not counted;</li>
 *   <li>transient (5xx, 429, a refused connection): retried with exponential backoff, at least as long as a
 *   {@code Retry-After} asks, until {@code maxAttempts}, then {@code dead};</li>
 *   <li>unknown (the request may have reached Fonnte): {@code unknown}, watched for a status callback and never
 *   resent blindly.</li>
 * </ul>
 */
public final class OutcomePolicy {

  static final long BACKOFF_BASE_MS = 2_000;
  static final long BACKOFF_CAP_MS = 10 * 60_000;

  private final int maxAttempts;
  /** Given the ceiling of a backoff, the backoff itself (random in production, fixed in tests). */
  private final LongUnaryOperator jitter;

  public OutcomePolicy(int maxAttempts) {
    this(maxAttempts, OutcomePolicy::equalJitter);
  }

  OutcomePolicy(int maxAttempts, LongUnaryOperator jitter) {
    this.maxAttempts = maxAttempts;
    this.jitter = jitter;
  }

  /** A decision; {@code detail} is what the message's timeline records about the attempt. */
  public sealed interface Decision permits Sent, Settle, PauseDevice, RetryLater {
    JsonObject detail();
  }

  /** Record {@code sent} with the provider's ids. */
  public record Sent(List<String> providerIds, JsonObject detail) implements Decision {
  }

  /** End the attempt in {@code status} ({@code failed}, {@code dead} or {@code unknown}). */
  public record Settle(MessageStatus status, String reason, JsonObject detail) implements Decision {
    /** An unknown send is watched for a status callback before anything else happens to it. */
    public boolean watchForCallback() {
      return status == MessageStatus.UNKNOWN;
    }
  }

  /** Pause the device for {@code reason} and queue the message again at once, this attempt not counted. */
  public record PauseDevice(String reason, JsonObject detail) implements Decision {
  }

  /** Queue the message again, due in {@code delayMs}. */
  public record RetryLater(long delayMs, String reason, JsonObject detail) implements Decision {
  }

  /** The decision for {@code outcome} of {@code message}'s attempt through {@code device}. */
  public Decision decide(String device, WaMessage message, SendOutcome outcome) {
    JsonObject detail = detail(device, outcome);
    return switch (outcome.kind()) {
      case ACCEPTED -> new Sent(outcome.providerIds(), detail);
      case REJECTED -> new Settle(MessageStatus.FAILED, outcome.reason(), detail);
      case DEVICE_FAILURE -> new PauseDevice(outcome.reason(), detail.put("handedBack", true));
      case UNKNOWN -> new Settle(MessageStatus.UNKNOWN, outcome.reason(), detail);
      case TRANSIENT -> transientFailure(message, outcome, detail);
    };
  }

  private Decision transientFailure(WaMessage message, SendOutcome outcome, JsonObject detail) {
    if (message.attempts() >= maxAttempts) {
      return new Settle(MessageStatus.DEAD, outcome.reason(), detail.put("attempts", message.attempts()));
    }
    long backoff = backoffMs(message.attempts());
    if (outcome.retryAfterMs() != null && outcome.retryAfterMs() > backoff) {
      backoff = outcome.retryAfterMs();
    }
    return new RetryLater(backoff, outcome.reason(), detail.put("retryInMs", backoff));
  }

  /** The backoff after {@code attempts} sends: doubling from 2 s up to 10 minutes, then jittered. */
  long backoffMs(int attempts) {
    long ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS << Math.min(20, Math.max(0, attempts - 1)));
    return jitter.applyAsLong(ceiling);
  }

  /** "Equal jitter": half fixed, half random, so retries from many nodes spread out. */
  static long equalJitter(long ceiling) {
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }

  private static JsonObject detail(String device, SendOutcome outcome) {
    JsonObject detail = new JsonObject().put("device", device).put("outcome", outcome.kind().name().toLowerCase(Locale.ROOT));
    if (outcome.reason() != null) {
      detail.put("reason", outcome.reason());
    }
    if (!outcome.providerIds().isEmpty()) {
      detail.put("providerIds", new JsonArray(outcome.providerIds()));
    }
    if (outcome.requestId() != null) {
      detail.put("requestId", outcome.requestId());
    }
    if (outcome.quota() != null) {
      detail.put("quota", outcome.quota());
    }
    if (outcome.httpStatus() > 0) {
      detail.put("httpStatus", outcome.httpStatus());
    }
    return detail;
  }
}
