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
 * Failed-login throttling shared by every node (counters in Redis): after {@code perAccount} failures for
 * one login, or {@code perIp} from one address, within {@code window}, further attempts get a 429 until the
 * window ends. A success clears the account's counter. The 429 says nothing about which part was wrong.
 */
public final class LoginThrottle {

  public record Limits(int perAccount, int perIp, Duration window) {
  }

  private static final RedisScript COUNT_SCRIPT = RedisScript.load("incr_window.lua");

  private final RedisAPI redis;
  private final Limits limits;

  public LoginThrottle(RedisAPI redis, Limits limits) {
    this.redis = redis;
    this.limits = limits;
  }

  public Future<Void> check(String kind, String login, String ip) {
    String account = accountKey(kind, login);
    String address = ipKey(ip);
    return redis.mget(List.of(account, address)).compose(counts -> {
      if (count(counts.get(0)) >= limits.perAccount()) {
        return blocked(account);
      }
      if (count(counts.get(1)) >= limits.perIp()) {
        return blocked(address);
      }
      return Future.succeededFuture();
    });
  }

  public Future<Void> recordFailure(String kind, String login, String ip) {
    String window = String.valueOf(limits.window().toMillis());
    return Future.all(
        COUNT_SCRIPT.run(redis, List.of(accountKey(kind, login)), List.of(window)),
        COUNT_SCRIPT.run(redis, List.of(ipKey(ip)), List.of(window))).mapEmpty();
  }

  public Future<Void> reset(String kind, String login) {
    return redis.del(List.of(accountKey(kind, login))).mapEmpty();
  }

  private Future<Void> blocked(String key) {
    return redis.pttl(key).compose(ttl -> {
      long seconds = ttl == null ? limits.window().toSeconds() : Math.max(1, (ttl.toLong() + 999) / 1000);
      return Future.failedFuture(ApiError.tooManyRequests("too_many_attempts",
          "Too many failed sign-in attempts. Try again in " + Math.max(1, (seconds + 59) / 60) + " minute(s).", seconds));
    });
  }

  private static long count(Response r) {
    return r == null ? 0 : r.toLong();
  }

  private static String accountKey(String kind, String login) {
    return "aglis:login:fail:" + kind + ":" + login.toLowerCase(Locale.ROOT);
  }

  private static String ipKey(String ip) {
    return "aglis:login:fail:ip:" + ip;
  }
}
