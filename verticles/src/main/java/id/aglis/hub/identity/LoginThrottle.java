package id.aglis.hub.identity;

import id.aglis.hub.platform.RedisScript;
import id.aglis.hub.web.ApiError;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Failed-login throttling shared by every node (counters in Redis): at most {@code perAccount} attempts
 * for one account, or {@code perIp} from one address, within {@code window}; further attempts get a 429
 * until the window ends. Each attempt is counted atomically before its password is checked, so parallel
 * guesses cannot slip past the limit; a success takes its own attempt back. The 429 says nothing about
 * which part was wrong.
 */
public final class LoginThrottle {

  public record Limits(int perAccount, int perIp, Duration window) {
  }

  private static final RedisScript ATTEMPT = RedisScript.load("login_attempt.lua");
  private static final RedisScript SUCCESS = RedisScript.load("login_success.lua");

  private final RedisAPI redis;
  private final Limits limits;

  public LoginThrottle(RedisAPI redis, Limits limits) {
    this.redis = redis;
    this.limits = limits;
  }

  /** Counts an attempt, or fails with a 429 when the account or the address is at its limit. */
  public Future<Void> attempt(String kind, String account, String ip) {
    return ATTEMPT.run(redis, List.of(accountKey(kind, account), ipKey(ip)),
            List.of(String.valueOf(limits.window().toMillis()), String.valueOf(limits.perAccount()), String.valueOf(limits.perIp())))
        .compose(this::allowedOrBlocked);
  }

  /** The attempt succeeded: the account starts afresh and the address gets its attempt back. */
  public Future<Void> succeeded(String kind, String account, String ip) {
    return SUCCESS.run(redis, List.of(accountKey(kind, account), ipKey(ip)), List.of()).mapEmpty();
  }

  private Future<Void> allowedOrBlocked(Response reply) {
    if (reply.get(0).toLong() == 1) {
      return Future.succeededFuture();
    }
    long ttl = reply.get(1).toLong();
    long seconds = ttl > 0 ? (ttl + 999) / 1000 : limits.window().toSeconds();
    return Future.failedFuture(ApiError.tooManyRequests("too_many_attempts",
        "Too many failed sign-in attempts. Try again in " + Math.max(1, (seconds + 59) / 60) + " minute(s).", seconds));
  }

  private static String accountKey(String kind, String account) {
    return "aglis:login:fail:" + kind + ":" + account.toLowerCase(Locale.ROOT);
  }

  private static String ipKey(String ip) {
    return "aglis:login:fail:ip:" + ip;
  }
}
