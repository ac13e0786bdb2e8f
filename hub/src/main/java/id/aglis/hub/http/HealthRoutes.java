package id.aglis.hub.http;

import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.FeatureContext;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /health} (liveness: 200 while the process serves), {@code GET /ready} (200 only when
 * PostgreSQL, Redis and, if clustered, the cluster answer; 503 otherwise; each check named in the body)
 * and {@code GET /metrics} (Prometheus text).
 */
final class HealthRoutes {

  private static final long CHECK_TIMEOUT_MS = 2_000;

  private HealthRoutes() {
  }

  /**
   * {@code cluster} tells what the node knows of its cluster membership: null when not clustered. The
   * features add their own checks to {@code /ready}.
   */
  static void mount(Router router, Vertx vertx, FeatureContext node, Supplier<JsonObject> cluster, List<Feature> features) {
    Pool pool = node.pool();
    RedisAPI redis = node.redisApi();
    router.get("/health").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end("{\"status\":\"UP\"}"));

    HealthChecks checks = HealthChecks.create(vertx)
        .register("postgres", CHECK_TIMEOUT_MS, p -> complete(p, pool.query("select 1").execute().mapEmpty()))
        .register("redis", CHECK_TIMEOUT_MS, p -> complete(p, redis.ping(List.of()).mapEmpty()));
    if (cluster.get() != null) {
      checks.register("cluster", CHECK_TIMEOUT_MS, p -> {
        JsonObject view = cluster.get();
        p.complete(new Status().setOk(view.getBoolean("active", false)).setData(view));
      });
    }
    features.forEach(feature -> feature.healthChecks(checks));
    router.get("/ready").handler(HealthCheckHandler.createWithHealthChecks(checks));
    router.get("/metrics").handler(PrometheusScrapingHandler.create((PrometheusMeterRegistry) node.registry()));
  }

  private static void complete(Promise<Status> promise, Future<Object> probe) {
    probe.onComplete(r -> promise.tryComplete(r.succeeded()
        ? Status.OK()
        : Status.KO(new JsonObject().put("error", r.cause().getClass().getSimpleName()))));
  }
}
