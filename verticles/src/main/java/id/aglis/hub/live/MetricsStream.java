package id.aglis.hub.live;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.LiveFrame;
import id.aglis.hub.common.Times;
import id.aglis.hub.platform.BridgeAddress;
import id.aglis.hub.platform.live.LiveStream;
import id.aglis.hub.web.Role;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * {@code ui.metrics}: every {@link #SAMPLE_MS} each node reports how it is doing: HTTP requests per second and
 * their p95, event-loop lag, heap, CPU, the PostgreSQL pools, Redis round trip, open bridge sockets. The
 * stream's shared history holds the last hour of every node, which is the Performance page's snapshot.
 */
final class MetricsStream implements LiveStream {

  static final long SAMPLE_MS = 5_000;
  /** An hour of samples from up to five nodes. */
  private static final int HISTORY = 5 * 720;
  /** The HTTP edge's request timer (see {@code ConnectionGuard}), with a client-side p95. */
  static final String HTTP_TIMER = "aglis_http_request_seconds";

  private final String nodeId;
  private final MeterRegistry registry;
  private final RedisAPI redis;
  private final StreamLog log;
  private final IntSupplier sockets;
  private final Clock clock;

  MetricsStream(String nodeId, MeterRegistry registry, RedisAPI redis, StreamLog log, IntSupplier sockets, Clock clock) {
    this.nodeId = nodeId;
    this.registry = registry;
    this.redis = redis;
    this.log = log;
    this.sockets = sockets;
    this.clock = clock;
  }

  @Override
  public BridgeAddress address() {
    return BridgeAddress.forStaff(Addresses.UI_METRICS, Set.of(Role.ADMIN, Role.SUPERVISOR, Role.NOC));
  }

  @Override
  public int history() {
    return HISTORY;
  }

  /** {@code {"samples":[sample, …]}}: the last hour of every node, oldest first. */
  @Override
  public Future<JsonObject> snapshot() {
    long hourAgo = clock.millis() - 3600_000L;
    return log.recent(Addresses.UI_METRICS, HISTORY).map(frames -> {
      JsonArray samples = new JsonArray();
      frames.stream().filter(f -> f.at().toInstant().toEpochMilli() >= hourAgo).map(LiveFrame::data).forEach(samples::add);
      return new JsonObject().put("samples", samples);
    });
  }

  @Override
  public Projection project(Vertx vertx) {
    return new Sampler(vertx);
  }

  /** This node's sample, every {@link #SAMPLE_MS}. */
  private final class Sampler implements Projection {
    private static final long LAG_PROBE_MS = 200;
    private final Vertx vertx;
    private final long probe;
    private long lastSample;
    private long lastRequests;
    private double lastCpuNanos = -1;
    private long maxLagNanos;
    private long expectedAt;

    Sampler(Vertx vertx) {
      this.vertx = vertx;
      this.expectedAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LAG_PROBE_MS);
      // How late a timer on this event loop fires: a loop blocked or swamped shows here first.
      this.probe = vertx.setPeriodic(LAG_PROBE_MS, id -> {
        long now = System.nanoTime();
        maxLagNanos = Math.max(maxLagNanos, now - expectedAt);
        expectedAt = now + TimeUnit.MILLISECONDS.toNanos(LAG_PROBE_MS);
      });
    }

    @Override
    public Future<JsonObject> drain() {
      long now = clock.millis();
      if (now - lastSample < SAMPLE_MS) {
        return Future.succeededFuture();
      }
      long elapsed = lastSample == 0 ? SAMPLE_MS : now - lastSample;
      lastSample = now;
      long start = System.nanoTime();
      return redis.ping(List.of()).map(pong -> sample(now, elapsed, System.nanoTime() - start))
          .recover(down -> Future.succeededFuture(sample(now, elapsed, -1)));
    }

    private JsonObject sample(long now, long elapsedMs, long redisNanos) {
      Timer http = registry.find(HTTP_TIMER).timer();
      long requests = http == null ? 0 : http.count();
      double p95 = 0;
      if (http != null) {
        for (ValueAtPercentile v : http.takeSnapshot().percentileValues()) {
          p95 = v.value(TimeUnit.MILLISECONDS);
        }
      }
      double perSecond = lastRequests == 0 && requests > 0 ? 0 : (requests - lastRequests) * 1000.0 / elapsedMs;
      lastRequests = requests;
      MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      JsonObject sample = new JsonObject().put("nodeId", nodeId).put("at", Times.iso(Instant.ofEpochMilli(now)))
          .put("httpRequestsPerSecond", round(perSecond)).put("httpP95Ms", round(p95))
          .put("eventLoopLagMs", round(maxLagNanos / 1e6)).put("heapUsedBytes", heap.getUsed()).put("heapMaxBytes", heap.getMax())
          .put("cpu", round(cpu(elapsedMs))).put("pgInUse", gauge("vertx_pool_in_use")).put("pgWaiting", gauge("vertx_pool_queue_pending"))
          .put("redisMs", redisNanos < 0 ? null : round(redisNanos / 1e6)).put("sockets", sockets.getAsInt());
      maxLagNanos = 0;
      return sample;
    }

    /** The share of one machine's CPUs this process used since the last sample, 0..1. */
    private double cpu(long elapsedMs) {
      if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
        return 0;
      }
      double cpuNanos = os.getProcessCpuTime();
      double share = lastCpuNanos < 0 ? 0 : (cpuNanos - lastCpuNanos) / (elapsedMs * 1e6 * Runtime.getRuntime().availableProcessors());
      lastCpuNanos = cpuNanos;
      return Math.max(0, Math.min(1, share));
    }

    private double gauge(String name) {
      return registry.find(name).gauges().stream().mapToDouble(Gauge::value).sum();
    }

    @Override
    public void close() {
      vertx.cancelTimer(probe);
    }
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
