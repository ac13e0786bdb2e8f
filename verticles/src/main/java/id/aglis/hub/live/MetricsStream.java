package id.aglis.hub.live;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.LiveFrame;
import id.aglis.hub.common.Times;
import id.aglis.hub.platform.BridgeAddress;
import id.aglis.hub.platform.Databases;
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
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
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
 * {@code ui.metrics}: every {@link #SAMPLE_MS} each node reports how it is doing. The stream's shared history holds
 * the last hour of every node, which is the Performance page's snapshot. A sample:
 * <ul>
 *   <li>{@code httpRequestsPerSecond}: requests the HTTP edge finished since the previous sample, per second;</li>
 *   <li>{@code httpP95Ms}: their 95th percentile over a decaying window of about the last minute (0 when none);</li>
 *   <li>{@code eventLoopLagMs}: the worst delay of a timer on any of the node's event loops since the last sample
 *   (see {@link EventLoopLag});</li>
 *   <li>{@code heapUsedBytes}, {@code heapMaxBytes} (null when the JVM has no limit); {@code cpu}: the share of the
 *   machine's CPUs this process used since the last sample, 0..1;</li>
 *   <li>{@code pgInUse}, {@code pgSize}, {@code pgWaiting}: connections in use, connections the node may open, and
 *   requests queued for one, over the node's PostgreSQL pools;</li>
 *   <li>{@code redisMs}: a PING's round trip through the shared Redis client (null when it failed);</li>
 *   <li>{@code sockets}: the event-bus bridge's open sockets on this node (the console's live connections).</li>
 * </ul>
 */
final class MetricsStream implements LiveStream {

  static final long SAMPLE_MS = 5_000;
  /** An hour of samples from up to five nodes. */
  private static final int HISTORY = 5 * 720;
  /** The HTTP edge's request timer (see {@code ConnectionGuard}), with a client-side p95. */
  static final String HTTP_TIMER = "aglis_http_request_seconds";
  /**
   * Vert.x's pool meters as the registry names them ({@code vertx.pool.in.use}; Prometheus shows
   * {@code vertx_pool_in_use}), by the node's naming, the default one.
   */
  static final String POOL_IN_USE = MetricsDomain.NAMED_POOLS.getPrefix() + MicrometerMetricsOptions.DEFAULT_METRICS_NAMING.getPoolInUse();
  static final String POOL_WAITING = MetricsDomain.NAMED_POOLS.getPrefix() + MicrometerMetricsOptions.DEFAULT_METRICS_NAMING.getPoolQueuePending();

  private final String nodeId;
  private final MeterRegistry registry;
  private final RedisAPI redis;
  private final StreamLog log;
  private final IntSupplier sockets;
  private final Clock clock;
  private final java.util.concurrent.atomic.AtomicLong lastLagSeconds = new java.util.concurrent.atomic.AtomicLong(Double.doubleToLongBits(0));

  MetricsStream(String nodeId, MeterRegistry registry, RedisAPI redis, StreamLog log, IntSupplier sockets, Clock clock) {
    this.nodeId = nodeId;
    this.registry = registry;
    this.redis = redis;
    this.log = log;
    this.sockets = sockets;
    this.clock = clock;
    Gauge.builder("aglis.event.loop.lag", lastLagSeconds, bits -> Double.longBitsToDouble(bits.get())).baseUnit("seconds")
        .description("The worst event-loop lag of this node in its last sample (every " + SAMPLE_MS / 1000 + " s)").register(registry);
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
    private final EventLoopLag lag;
    private long lastSample;
    /** Counters as they stood at the last sample (at first: when the node started sampling), so rates start right. */
    private long lastRequests;
    private long lastCpuNanos;

    Sampler(Vertx vertx) {
      this.lag = EventLoopLag.of(vertx, LAG_PROBE_MS);
      this.lastSample = clock.millis();
      this.lastRequests = httpRequests();
      this.lastCpuNanos = processCpuNanos();
    }

    @Override
    public Future<JsonObject> drain() {
      long now = clock.millis();
      if (now - lastSample < SAMPLE_MS) {
        return Future.succeededFuture();
      }
      long elapsed = now - lastSample;
      lastSample = now;
      long start = System.nanoTime();
      return redis.ping(List.of()).map(pong -> sample(now, elapsed, System.nanoTime() - start))
          .recover(down -> Future.succeededFuture(sample(now, elapsed, -1)));
    }

    private JsonObject sample(long now, long elapsedMs, long redisNanos) {
      long requests = httpRequests();
      double perSecond = Math.max(0, requests - lastRequests) * 1000.0 / elapsedMs;
      lastRequests = requests;
      long cpuNanos = processCpuNanos();
      double cpu = cpuNanos < 0 ? 0 : (cpuNanos - lastCpuNanos) / (elapsedMs * 1e6 * Runtime.getRuntime().availableProcessors());
      lastCpuNanos = cpuNanos;
      MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      return new JsonObject().put("nodeId", nodeId).put("at", Times.iso(Instant.ofEpochMilli(now)))
          .put("httpRequestsPerSecond", round(perSecond)).put("httpP95Ms", round(httpP95Ms()))
          .put("eventLoopLagMs", round(lagMs(lag.takeMaxMs())))
          .put("heapUsedBytes", heap.getUsed()).put("heapMaxBytes", heap.getMax() < 0 ? null : heap.getMax())
          .put("cpu", round(Math.max(0, Math.min(1, cpu))))
          .put("pgInUse", (long) sqlPools(POOL_IN_USE)).put("pgSize", (long) sqlPools(Databases.POOL_SIZE_METER))
          .put("pgWaiting", (long) sqlPools(POOL_WAITING))
          .put("redisMs", redisNanos < 0 ? null : round(redisNanos / 1e6)).put("sockets", sockets.getAsInt());
    }

    @Override
    public void close() {
      lag.close();
    }
  }

  /** Keeps the sample's lag for {@code aglis_event_loop_lag_seconds} (the alert rules read it), and passes it on. */
  private double lagMs(double ms) {
    lastLagSeconds.set(Double.doubleToLongBits(ms / 1000.0));
    return ms;
  }

  private long httpRequests() {
    Timer http = registry.find(HTTP_TIMER).timer();
    return http == null ? 0 : http.count();
  }

  /** The edge's client-side p95 (a decaying window of about the last minute), 0 when nothing was served in it. */
  private double httpP95Ms() {
    Timer http = registry.find(HTTP_TIMER).timer();
    if (http == null) {
      return 0;
    }
    for (ValueAtPercentile v : http.takeSnapshot().percentileValues()) {
      if (v.percentile() == 0.95) {
        return v.value(TimeUnit.MILLISECONDS);
      }
    }
    return 0;
  }

  /**
   * A gauge summed over this node's PostgreSQL pools (the shared pool and the dispatcher's keyed one). Vert.x
   * reports every pool under the same names (Redis's, the worker threads'), told apart by {@code pool_type}.
   */
  private double sqlPools(String meter) {
    return registry.find(meter).tag("pool_type", "sql").gauges().stream().mapToDouble(Gauge::value).filter(v -> !Double.isNaN(v)).sum();
  }

  /** CPU time of this process so far, or -1 where the JVM does not say. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
