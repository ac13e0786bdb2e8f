package id.aglis.hub.identity;

import id.aglis.hub.platform.RedisKeys;
import id.aglis.hub.platform.RedisScript;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Requests;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Failed-login throttling shared by every node (counters in Redis), within {@code window}:
 * <ul>
 *   <li>one account from one address: at most {@code perAccount} failures, then that address gets a 429
 *       for that account until the window ends (the owner elsewhere is not affected);</li>
 *   <li>one address, any accounts: at most {@code perIp} failures, then a 429 for everything it tries;</li>
 *   <li>one account, any addresses: from {@code accountSlowAfter} failures on (a looser limit, four times
 *       {@code perAccount} by default) the addresses that have already failed on it share one attempt per
 *       {@code accountSpacing}; others get a 429 for those few seconds. This slows guesses spread over many
 *       addresses but never locks the account: an address without failures on it (the owner's) is not held
 *       back, so a lock anyone could trigger cannot keep a staff member out.</li>
 * </ul>
 * Each attempt is counted atomically before its password is checked, so parallel guesses cannot slip past
 * the limits; a success takes its own attempt back. The 429 says nothing about which part was wrong.
 */
public final class LoginThrottle {

  /** Attempts beyond the account-wide limit are let through one per this interval. */
  public static final Duration ACCOUNT_SPACING = Duration.ofSeconds(2);
  /** The account-wide limit is this many times the per-account-and-address one, unless given. */
  public static final int ACCOUNT_WIDE_FACTOR = 4;

  public record Limits(int perAccount, int perIp, Duration window, int accountSlowAfter, Duration accountSpacing) {

    public Limits(int perAccount, int perIp, Duration window) {
      this(perAccount, perIp, window, perAccount * ACCOUNT_WIDE_FACTOR, ACCOUNT_SPACING);
    }
  }

  private static final RedisScript ATTEMPT = RedisScript.load("login_attempt.lua");
  private static final RedisScript SUCCESS = RedisScript.load("login_success.lua");

  private final RedisAPI redis;
  private final Limits limits;

  public LoginThrottle(RedisAPI redis, Limits limits) {
    this.redis = redis;
    this.limits = limits;
  }

  /** Counts an attempt, or fails with a 429 when a limit holds for this account, this address or both. */
  public Future<Void> attempt(String kind, String account, String ip) {
    return ATTEMPT.run(redis, keys(kind, account, ip), List.of(String.valueOf(limits.window().toMillis()),
            String.valueOf(limits.perAccount()), String.valueOf(limits.perIp()), String.valueOf(limits.accountSlowAfter()),
            String.valueOf(limits.accountSpacing().toMillis())))
        .compose(this::allowedOrBlocked);
  }

  /** The attempt succeeded: this address starts afresh for the account; address and account get their attempt back. */
  public Future<Void> succeeded(String kind, String account, String ip) {
    return SUCCESS.run(redis, keys(kind, account, ip).subList(0, 3), List.of()).mapEmpty();
  }

  private Future<Void> allowedOrBlocked(Response reply) {
    if (reply.get(0).toLong() == 1) {
      return Future.succeededFuture();
    }
    long ttl = reply.get(1).toLong();
    long seconds = ttl > 0 ? (ttl + 999) / 1000 : limits.window().toSeconds();
    String wait = seconds < 60 ? seconds + " second(s)" : (seconds + 59) / 60 + " minute(s)";
    return Future.failedFuture(ApiError.tooManyRequests("too_many_attempts",
        "Too many failed sign-in attempts. Try again in " + wait + ".", seconds));
  }

  /** Per account and address, per address, per account, and the account's pacing gate; an IPv6 address counts by its /64. */
  private static List<String> keys(String kind, String account, String ip) {
    String who = kind + ":" + account.toLowerCase(Locale.ROOT);
    return RedisKeys.loginThrottle(who, Requests.networkOf(ip));
  }
}
