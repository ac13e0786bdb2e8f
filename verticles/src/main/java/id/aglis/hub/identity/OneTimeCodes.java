package id.aglis.hub.identity;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.EnqueueMessageRequest;
import id.aglis.hub.platform.RedisKeys;
import id.aglis.hub.platform.RedisScript;
import id.aglis.hub.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
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

/**
 * Six-digit codes sent on WhatsApp (urgent priority) to prove a customer holds a number: to reset a forgotten
 * password, and to move the account to a new number. Kept in Redis, shared by every node, as a digest: a code
 * lives {@link #LIFETIME}, works once, and dies after {@link #TRIES} wrong tries. Asking is throttled per subject
 * (one code per {@link #RESEND_GAP}, {@link #PER_SUBJECT_PER_HOUR} an hour) and per address
 * ({@link #PER_ADDRESS_PER_HOUR} an hour), so neither guessing nor flooding someone's phone is practical.
 *
 * <p>The message texts are templates named {@code auth.*}; staff pages show them masked, since a code read off a
 * queue would let its reader take the account.
 */
final class OneTimeCodes {

  static final Duration LIFETIME = Duration.ofMinutes(10);
  static final Duration RESEND_GAP = Duration.ofSeconds(60);
  static final int TRIES = 5;
  static final int PER_SUBJECT_PER_HOUR = 5;
  static final int PER_ADDRESS_PER_HOUR = 20;

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

  private static final RedisScript ISSUE = RedisScript.load("otp_issue.lua");
  private static final RedisScript CHECK = RedisScript.load("otp_check.lua");
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

  /**
   * Issues a code for {@code subject} and sends it to {@code phone}, or fails with a 429 when asked too often. A
   * null phone (no such account) is throttled just the same but nothing is sent, so answers cannot tell accounts apart.
   */
  Future<Void> send(Purpose purpose, String subject, String ip, String phone, String payload) {
    String code = String.format("%06d", RANDOM.nextInt(1_000_000));
    List<String> keys = RedisKeys.oneTimeCode(purpose.key, subject, ip);
    return ISSUE.run(redis, keys, List.of(digest(purpose, subject, code), payload == null ? "" : payload,
            String.valueOf(LIFETIME.toMillis()), String.valueOf(RESEND_GAP.toMillis()), String.valueOf(Duration.ofHours(1).toMillis()),
            String.valueOf(PER_SUBJECT_PER_HOUR), String.valueOf(PER_ADDRESS_PER_HOUR)))
        .compose(OneTimeCodes::issuedOrThrottled)
        .compose(v -> phone == null ? Future.succeededFuture() : enqueue(purpose, subject, phone, code));
  }

  /** The payload given when the code was issued, or a 400 {@code invalid_code} (wrong, expired, used or tried out). */
  Future<String> check(Purpose purpose, String subject, String code) {
    if (code == null || !code.matches("^[0-9]{6}$")) {
      return Future.failedFuture(invalid());
    }
    return CHECK.run(redis, List.of(RedisKeys.oneTimeCode(purpose.key, subject, "-").get(0)),
            List.of(digest(purpose, subject, code), String.valueOf(TRIES)))
        .compose(reply -> reply.get(0).toLong() == 1 ? Future.succeededFuture(reply.get(1).toString()) : Future.failedFuture(invalid()));
  }

  static ApiError invalid() {
    return ApiError.badRequest("invalid_code", "The code is wrong or has expired. Ask for a new code.");
  }

  private Future<Void> enqueue(Purpose purpose, String subject, String phone, String code) {
    EnqueueMessageRequest message = EnqueueMessageRequest.template(phone, purpose.template,
            new JsonObject().put("kode", code).put("menit", LIFETIME.toMinutes()))
        .withPriority("urgent").requestedBy("identity:" + purpose.key + ":" + subject);
    return vertx.eventBus().request(Addresses.DISPATCH_MESSAGE_ENQUEUE, message.toJson(), TIMEOUT).mapEmpty();
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
