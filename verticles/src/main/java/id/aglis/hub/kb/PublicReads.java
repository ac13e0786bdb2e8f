package id.aglis.hub.kb;

import id.aglis.hub.platform.RedisKeys;
import id.aglis.hub.platform.RedisScript;
import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Requests;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.RedisAPI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limit on visitors who read the help pages without signing in: at most {@code perMinute} requests per client
 * address per minute, counted in Redis so every node shares it; then a 429 with Retry-After. Signed-in callers
 * (customers, staff) are not counted. When Redis cannot answer, the request goes through: these routes only read
 * published help, and a help page that fails while Redis is down would hurt the customers it is for.
 */
final class PublicReads implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(PublicReads.class);
  private static final RedisScript WINDOW = RedisScript.load("fixed_window.lua");
  private static final long WINDOW_MS = 60_000;

  private final RedisAPI redis;
  private final int perMinute;

  PublicReads(RedisAPI redis, int perMinute) {
    this.redis = redis;
    this.perMinute = perMinute;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (Access.principal(ctx) != null) {
      ctx.next();
      return;
    }
    // A Redis that stalls rather than refuses must not hang help pages: past a quarter second the read goes through.
    WINDOW.run(redis, List.of(RedisKeys.kbPublicReads(Requests.network(ctx))), List.of(String.valueOf(WINDOW_MS)))
        .timeout(250, java.util.concurrent.TimeUnit.MILLISECONDS)
        .onSuccess(reply -> {
          long count = reply.get(0).toLong();
          if (count <= perMinute) {
            ctx.next();
          } else {
            long ttl = reply.get(1).toLong();
            ctx.fail(ApiError.tooManyRequests("too_many_requests",
                "Too many help requests from this address; sign in, or try again shortly.", (ttl + 999) / 1000));
          }
        })
        .onFailure(failure -> {
          LOG.warn("Could not count a public help read, letting it through: {}", failure.getMessage());
          ctx.next();
        });
  }
}
