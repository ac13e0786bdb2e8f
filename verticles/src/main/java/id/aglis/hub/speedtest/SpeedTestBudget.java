package id.aglis.hub.speedtest;

import id.aglis.hub.platform.RedisKeys;
import id.aglis.hub.platform.RedisScript;
import id.aglis.hub.web.ApiError;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one customer may take from the speed test per hour, counted in Redis so that every node shares it (one hash per
 * customer, gone with its window). Everything derives from {@code runsPerHour}: a run is one download (at most
 * {@link Transfers#MAX_BYTES}); uploads may move as many bytes as that many full runs; pings as many as that many runs
 * of {@link #PINGS_PER_RUN}; saved results one a run made (a download), never more. Past a budget: 429 with Retry-After until the window ends.
 *
 * <p>When Redis cannot answer the request is refused (503), unlike the help pages: the budget is what keeps the test
 * from being used to flood the node, and a speed test can wait.
 */
final class SpeedTestBudget {

  private static final Logger LOG = LoggerFactory.getLogger(SpeedTestBudget.class);
  private static final RedisScript TAKE = RedisScript.load("speedtest_budget.lua");
  static final long WINDOW_MS = TimeUnit.HOURS.toMillis(1);
  /** The page pings ten times a run; the rest is room for a retry after a lost packet. */
  static final int PINGS_PER_RUN = 30;

  private final RedisAPI redis;
  private final int runsPerHour;

  SpeedTestBudget(RedisAPI redis, int runsPerHour) {
    this.redis = redis;
    this.runsPerHour = runsPerHour;
  }

  Future<Void> run(long customerId) {
    return take(customerId, "runs", 1, runsPerHour, "You have run the speed test " + runsPerHour + " times this hour; try again later.");
  }

  Future<Void> upload(long customerId, long bytes) {
    return take(customerId, "uploadBytes", bytes, (long) runsPerHour * Transfers.MAX_BYTES,
        "You have uploaded as much as the speed test allows this hour; try again later.");
  }

  Future<Void> ping(long customerId) {
    return take(customerId, "pings", 1, (long) runsPerHour * PINGS_PER_RUN, "Too many pings this hour; try again later.");
  }

  /**
   * One saved result a run: no more results than downloads this hour, so what the customer 360 shows support comes
   * from tests that ran (409 {@code no_test_run} otherwise).
   */
  Future<Void> result(long customerId) {
    return take(customerId, "results", 1, runsPerHour, "You have saved " + runsPerHour + " results this hour; try again later.", "runs");
  }

  private Future<Void> take(long customerId, String budget, long amount, long limit, String message) {
    return take(customerId, budget, amount, limit, message, null);
  }

  private Future<Void> take(long customerId, String budget, long amount, long limit, String message, String boundBy) {
    List<String> args = boundBy == null
        ? List.of(budget, String.valueOf(amount), String.valueOf(limit), String.valueOf(WINDOW_MS))
        : List.of(budget, String.valueOf(amount), String.valueOf(limit), String.valueOf(WINDOW_MS), boundBy);
    return TAKE.run(redis, List.of(RedisKeys.speedTestBudget(customerId)), args)
        .timeout(1, TimeUnit.SECONDS)
        .recover(failure -> {
          LOG.warn("Could not count a speed-test {} in Redis, refusing it: {}", budget, failure.getMessage());
          return Future.failedFuture(ApiError.unavailable(5));
        })
        .compose(reply -> switch (reply.get(0).toInteger()) {
          case 1 -> Future.<Void>succeededFuture();
          case -1 -> Future.<Void>failedFuture(ApiError.conflict("no_test_run",
              "There is no speed test of this hour to save a result for; run the test first."));
          default -> Future.<Void>failedFuture(ApiError.tooManyRequests("too_many_requests", message, (reply.get(1).toLong() + 999) / 1000));
        });
  }
}
