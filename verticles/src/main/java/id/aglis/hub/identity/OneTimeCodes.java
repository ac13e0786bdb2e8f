package id.aglis.hub.identity;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.EnqueueMessageRequest;
import id.aglis.hub.platform.RedisKeys;
import id.aglis.hub.platform.RedisScript;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Requests;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Six-digit codes sent on WhatsApp (urgent priority) to prove a customer holds a number: to reset a forgotten
 * password, and to move the account to a new number. Kept in Redis, shared by every node, as a digest: a code
 * lives {@link #LIFETIME}, works once, and dies after {@link #TRIES} wrong tries. Asking is throttled per subject
 * (one code per {@link #RESEND_GAP}, {@link #PER_SUBJECT_PER_HOUR} an hour, {@link #PER_SUBJECT_PER_DAY} a day)
 * and per address ({@link #PER_ADDRESS_PER_HOUR} an hour; an IPv6 address by its /64), so that guessing stays
 * hopeless (at most 50 tries a day per account, one in a million each) and nobody can flood a phone.
 *
 * <p>Issuing and sending are two steps: {@link #issue} stores the code (throttled) and answers at once;
 * {@link #deliver} queues the message in the background, and gives the request back to the throttle when no
 * dispatcher is there to take it, so a customer is never locked out by the hub's own failure. An answer therefore never
 * waits on the dispatcher, which would otherwise tell apart an account that exists (a message queued) from one
 * that does not.
 *
 * <p>The message texts are templates named {@code auth.*} (kept from editing, see {@code TemplateRoutes}); staff
 * pages show them masked, since a code read off a queue would let its reader take the account.
 */
final class OneTimeCodes {

  private static final Logger LOG = LoggerFactory.getLogger(OneTimeCodes.class);

  static final Duration LIFETIME = Duration.ofMinutes(10);
  static final Duration RESEND_GAP = Duration.ofSeconds(60);
  static final int TRIES = 5;
  static final int PER_SUBJECT_PER_HOUR = 5;
  static final int PER_SUBJECT_PER_DAY = 10;
  /** Generous: behind an ISP's carrier-grade NAT, many customers share one IPv4 address. */
  static final int PER_ADDRESS_PER_HOUR = 60;

  /** What a code is for; the template that carries it. */
  enum Purpose {
    PASSWORD_RESET("reset", "auth.reset_code"),
    PHONE_CHANGE("phone", "auth.phone_code");

    final String key;
    final String template;

    Purpose(String key, String template) {
      this.key = key;
      this.template = template;
    }
  }

  /** A code stored for a subject, not yet sent. */
  record Issued(Purpose purpose, String subject, List<String> keys, String code) {
  }

  private static final RedisScript ISSUE = RedisScript.load("otp_issue.lua");
  private static final RedisScript CHECK = RedisScript.load("otp_check.lua");
  private static final RedisScript REFUND = RedisScript.load("otp_refund.lua");
  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(10_000);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final RedisAPI redis;

  OneTimeCodes(Vertx vertx, RedisAPI redis) {
    this.vertx = vertx;
    this.redis = redis;
  }

  /** The answer to a code request: how long it lives and when another may be asked for. */
  static JsonObject issuedJson() {
    return new JsonObject().put("expiresInSeconds", LIFETIME.toSeconds()).put("resendInSeconds", RESEND_GAP.toSeconds());
  }

  /** Stores a new code for {@code subject} (replacing an earlier one), or fails with a 429 when asked too often. */
  Future<Issued> issue(Purpose purpose, String subject, String ip, String payload) {
    String code = String.format("%06d", RANDOM.nextInt(1_000_000));
    List<String> keys = RedisKeys.oneTimeCode(purpose.key, subject, Requests.networkOf(ip));
    return ISSUE.run(redis, keys, List.of(digest(purpose, subject, code), payload == null ? "" : payload,
            String.valueOf(LIFETIME.toMillis()), String.valueOf(RESEND_GAP.toMillis()), String.valueOf(Duration.ofHours(1).toMillis()),
            String.valueOf(PER_SUBJECT_PER_HOUR), String.valueOf(PER_ADDRESS_PER_HOUR), String.valueOf(Duration.ofDays(1).toMillis()),
            String.valueOf(PER_SUBJECT_PER_DAY)))
        .compose(OneTimeCodes::issuedOrThrottled)
        .map(v -> new Issued(purpose, subject, keys, code));
  }

  /**
   * Queues the code's message to {@code phone}, in the background. When no dispatcher is there to take it, the code is
   * withdrawn and the request given back to the throttle, so asking again at once works.
   */
  void deliver(Issued issued, String phone) {
    EnqueueMessageRequest message = EnqueueMessageRequest.template(phone, issued.purpose().template,
            new JsonObject().put("kode", issued.code()).put("menit", LIFETIME.toMinutes()))
        .withPriority("urgent").requestedBy("identity:" + issued.purpose().key + ":" + issued.subject());
    vertx.eventBus().request(Addresses.DISPATCH_MESSAGE_ENQUEUE, message.toJson(), TIMEOUT)
        .onFailure(e -> {
          LOG.warn("A one-time code ({}) for {} could not be queued: {}", issued.purpose().key, issued.subject(), e.getMessage());
          // Given back only when no dispatcher took it for sure: after a timeout or a failure inside the dispatcher the
          // message may still go out, and a refund then would let anyone flood a phone while the dispatcher is slow.
          if (e instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
            REFUND.run(redis, issued.keys(), List.of()).onFailure(r -> LOG.warn("Its throttle could not be given back: {}", r.getMessage()));
          }
        });
  }

  /** The payload given when the code was issued, or a 400 {@code invalid_code} (wrong, expired, used or tried out). */
  Future<String> check(Purpose purpose, String subject, String code) {
    if (code == null || !code.matches("^[0-9]{6}$")) {
      return Future.failedFuture(invalid());
    }
    return CHECK.run(redis, List.of(RedisKeys.oneTimeCode(purpose.key, subject)),
            List.of(digest(purpose, subject, code), String.valueOf(TRIES)))
        .compose(reply -> reply.get(0).toLong() == 1 ? Future.succeededFuture(reply.get(1).toString()) : Future.failedFuture(invalid()));
  }

  static ApiError invalid() {
    return ApiError.badRequest("invalid_code", "The code is wrong or has expired. Ask for a new code.");
  }

  private static Future<Void> issuedOrThrottled(Response reply) {
    if (reply.get(0).toLong() == 1) {
      return Future.succeededFuture();
    }
    long seconds = Math.max(1, (reply.get(1).toLong() + 999) / 1000);
    return Future.failedFuture(ApiError.tooManyRequests("too_many_codes",
        "A code was asked for too often. Try again in " + (seconds < 60 ? seconds + " second(s)" : (seconds + 59) / 60 + " minute(s)") + ".",
        seconds));
  }

  /** Salted with what the code is for and whose it is, so a digest is useless anywhere else. */
  private static String digest(Purpose purpose, String subject, String code) {
    try {
      byte[] bytes = MessageDigest.getInstance("SHA-256")
          .digest(("aglis.otp:" + purpose.key + ":" + subject + ":" + code).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
