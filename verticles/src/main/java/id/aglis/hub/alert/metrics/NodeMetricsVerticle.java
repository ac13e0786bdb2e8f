package id.aglis.hub.alert.metrics;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.MetricQuery;
import id.aglis.hub.bus.MetricsAnswer;
import id.aglis.hub.bus.MetricsQuery;
import id.aglis.hub.platform.RedisKeys;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every node's side of alerting: samples all of the node's meters into a {@link MetricHistory}, answers the
 * evaluator's {@link Addresses#ALERT_METRICS_QUERY} for this node, and reports itself in Redis so the evaluator
 * knows which nodes to ask (and which stopped answering). It also gives two meters rules need that no library
 * has: {@code aglis_node_ready} (this node's own {@code /ready}, probed over loopback) and
 * {@code aglis_jvm_heap_used_ratio}.
 */
public final class NodeMetricsVerticle extends VerticleBase {

  private static final long READY_TIMEOUT_MS = 3_000;

  private final String nodeId;
  private final MeterRegistry registry;
  private final RedisAPI redis;
  private final int httpPort;
  private final long sampleMs;
  private final MeterSampler sampler;
  private final MetricHistory history;
  private final AtomicInteger ready = new AtomicInteger(1);
  private final List<Gauge> gauges = new ArrayList<>();
  private MessageConsumer<JsonObject> queries;
  private HttpClient http;
  private long timer = -1;

  public NodeMetricsVerticle(String nodeId, MeterRegistry registry, RedisAPI redis, int httpPort, long sampleMs) {
    this.nodeId = nodeId;
    this.registry = registry;
    this.redis = redis;
    this.httpPort = httpPort;
    this.sampleMs = sampleMs;
    this.sampler = new MeterSampler(registry);
    this.history = new MetricHistory((int) (MetricQuery.MAX_WINDOW_SECONDS * 1000L / sampleMs) + 1);
  }

  @Override
  public Future<?> start() {
    gauges.add(Gauge.builder("aglis.node.ready", ready, AtomicInteger::get)
        .description("1 while this node's own /ready check passes, 0 when it fails").register(registry));
    gauges.add(Gauge.builder("aglis.jvm.heap.used.ratio", NodeMetricsVerticle::heapUsed)
        .description("Heap used over the heap's maximum").register(registry));
    http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) READY_TIMEOUT_MS).setKeepAlive(true));
    queries = vertx.eventBus().consumer(Addresses.alertMetricsQuery(nodeId), this::answer);
    // The first sample once the node is serving: a probe of /ready before the HTTP server listens would fail.
    timer = vertx.setPeriodic(sampleMs, t -> sample());
    // Listed at once, so the evaluator asks this node from its next round.
    return queries.completion().compose(v -> redis.hset(List.of(RedisKeys.alertNodes(), nodeId, Long.toString(System.currentTimeMillis()))));
  }

  private void sample() {
    long now = System.currentTimeMillis();
    history.record(now, sampler.sample());
    redis.hset(List.of(RedisKeys.alertNodes(), nodeId, Long.toString(now)));
    probeReady();
  }

  private void probeReady() {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(httpPort).setURI("/ready")
        .setIdleTimeout(READY_TIMEOUT_MS);
    http.request(options).compose(request -> request.send()).compose(response -> response.body().map(b -> response.statusCode()))
        .onComplete(status -> ready.set(status.succeeded() && status.result() == 200 ? 1 : 0));
  }

  private void answer(Message<JsonObject> message) {
    MetricsQuery query;
    try {
      query = MetricsQuery.fromJson(message.body());
    } catch (RuntimeException malformed) {
      message.fail(400, "malformed metrics query");
      return;
    }
    long now = System.currentTimeMillis();
    Set<String> asked = new java.util.HashSet<>();
    query.queries().forEach(q -> asked.add(q.metric()));
    Map<Series, Double> current = sampler.sample(asked);
    Map<String, List<Series>> byName = MetricHistory.byName(current);
    Set<String> names = history.names(byName);
    List<MetricsAnswer.Answer> answers = new ArrayList<>();
    for (MetricQuery q : query.queries()) {
      List<MetricsAnswer.Group> groups = new ArrayList<>();
      history.answer(q, now, current, byName).forEach((labels, value) -> groups.add(new MetricsAnswer.Group(labels, value)));
      answers.add(new MetricsAnswer.Answer(names.contains(q.metric()), groups));
    }
    message.reply(new MetricsAnswer(nodeId, answers).toJson());
  }

  private static double heapUsed() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return heap.getMax() <= 0 ? Double.NaN : (double) heap.getUsed() / heap.getMax();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    gauges.forEach(registry::remove);
    // A node that stops on purpose is not a node gone: it leaves the list the evaluator asks.
    return Future.join(queries.unregister(), redis.hdel(List.of(RedisKeys.alertNodes(), nodeId)), http.close()).mapEmpty();
  }
}
