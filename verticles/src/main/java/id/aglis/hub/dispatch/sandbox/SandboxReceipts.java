package id.aglis.hub.dispatch.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the sandbox device feel real: for each message it accepted, posts the status callbacks Fonnte
 * would, to this node's own webhook, so they take the same path as real ones: sent (1–3 s), delivered
 * (2–6 s later), and for most read (3–15 s later); about one in thirty fails instead.
 *
 * <p>Like Fonnte, it retries a callback that is not answered 200 (an error, a refused or broken connection,
 * no answer within {@link #ANSWER_TIMEOUT}): {@link #MAX_ATTEMPTS} attempts in all, the waits between them
 * doubling from {@link Backoff#FONNTE_LIKE}'s first up to its cap. Without that, a short outage of the
 * hub's database (its webhook answers 500 until it can record the callback) lost the receipts sent meanwhile
 * and left their messages at {@code sent} for good. Each callback is retried on its own, so they may arrive
 * out of order, as Fonnte's do; the hub applies them in any order and ignores duplicates.
 */
public final class SandboxReceipts implements Handler<SandboxGateway.Accepted> {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxReceipts.class);

  /** Attempts per callback, the first included; Fonnte retries a webhook 15 times (fonnte-protocol.md §3). */
  public static final int MAX_ATTEMPTS = 15;
  /** How long an attempt waits for the hub's answer before it counts as failed. */
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The waits between attempts: {@code first} before the second attempt, doubling each time, never more
   * than {@code max}.
   */
  public record Backoff(Duration first, Duration max) {

    /**
     * 1 s, 2 s, 4 s … capped at Fonnte's one minute: a blip is bridged in seconds, and the fifteenth attempt
     * comes about nine minutes after the first (Fonnte's come a minute apart, so fifteen minutes).
     */
    public static final Backoff FONNTE_LIKE = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    public Backoff {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(max, "max");
      if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
        throw new IllegalArgumentException("backoff needs 0 < first <= max");
      }
    }

    /** The wait after failed attempt {@code attempt} (1 for the first). */
    public Duration after(int attempt) {
      Duration wait = first;
      for (int i = 1; i < attempt && wait.compareTo(max) < 0; i++) {
        wait = wait.multipliedBy(2);
      }
      return wait.compareTo(max) > 0 ? max : wait;
    }
  }

  private final Vertx vertx;
  private final HttpClient client;
  private final int port;
  private final String path;
  private final Backoff backoff;
  private Fates fates = Fates.realistic();

  public SandboxReceipts(Vertx vertx, int port, String secret) {
    this(vertx, port, secret, Backoff.FONNTE_LIKE);
  }

  /** With another backoff (tests shorten it, so that fifteen attempts take milliseconds). */
  public SandboxReceipts(Vertx vertx, int port, String secret, Backoff backoff) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient();
    this.port = port;
    this.path = "/hooks/fonnte/" + secret + "/status";
    this.backoff = Objects.requireNonNull(backoff, "backoff");
  }

  /** How far a sandbox message gets. */
  public enum Fate { FAILED, DELIVERED, READ }

  /** Decides each accepted message's fate. */
  @FunctionalInterface
  public interface Fates {
    Fate of(SandboxGateway.Accepted accepted);

    /** As real recipients behave: about one in thirty fails, seven in ten of the rest are read. */
    static Fates realistic() {
      return accepted -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return random.nextInt(30) == 0 ? Fate.FAILED : random.nextInt(10) < 7 ? Fate.READ : Fate.DELIVERED;
      };
    }
  }

  /** Each message's fate; realistic unless a test fixes it (see {@code DispatchFeature(Fates)}). */
  public SandboxReceipts withFates(Fates fates) {
    this.fates = Objects.requireNonNull(fates, "fates");
    return this;
  }

  @Override
  public void handle(SandboxGateway.Accepted accepted) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String stateId = "3EB0" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    long sentAt = random.nextLong(1_000, 3_000);
    Fate fate = fates.of(accepted);
    if (fate == Fate.FAILED) {
      later(sentAt, new JsonObject().put("device", accepted.device()).put("id", accepted.providerId()).put("status", "failed"));
      return;
    }
    later(sentAt, new JsonObject().put("device", accepted.device()).put("id", accepted.providerId()).put("stateid", stateId)
        .put("status", "sent").put("state", "sent"));
    long deliveredAt = sentAt + random.nextLong(2_000, 6_000);
    later(deliveredAt, new JsonObject().put("device", accepted.device()).put("stateid", stateId).put("state", "delivered"));
    if (fate == Fate.READ) {
      later(deliveredAt + random.nextLong(3_000, 15_000),
          new JsonObject().put("device", accepted.device()).put("stateid", stateId).put("state", "read"));
    }
  }

  private void later(long delayMs, JsonObject callback) {
    vertx.setTimer(delayMs, t -> deliver(callback));
  }

  /**
   * Posts one callback until the hub answers 200, at most {@link #MAX_ATTEMPTS} times. Completes with the
   * number of attempts it took, or fails once the last one has failed.
   */
  Future<Integer> deliver(JsonObject callback) {
    Promise<Integer> delivered = Promise.promise();
    attempt(callback, 1, delivered);
    return delivered.future();
  }

  private void attempt(JsonObject callback, int attempt, Promise<Integer> delivered) {
    post(callback).onComplete(answered -> {
      if (answered.succeeded()) {
        delivered.complete(attempt);
      } else if (attempt >= MAX_ATTEMPTS) {
        LOG.warn("Sandbox gave up on a status callback after {} attempts ({}): {}", attempt,
            answered.cause().getMessage(), callback.encode());
        delivered.fail(answered.cause());
      } else {
        vertx.setTimer(backoff.after(attempt).toMillis(), t -> attempt(callback, attempt + 1, delivered));
      }
    });
  }

  /** One attempt: succeeds on a 200 only, as Fonnte counts it. */
  private Future<Void> post(JsonObject callback) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI(path)
        .putHeader("Content-Type", "application/json").setTimeout(ANSWER_TIMEOUT.toMillis());
    return client.request(options)
        .compose(request -> request.send(callback.toBuffer())
            .compose(response -> response.body().compose(body -> response.statusCode() == 200
                ? Future.<Void>succeededFuture()
                : Future.<Void>failedFuture("HTTP " + response.statusCode()))));
  }
}
