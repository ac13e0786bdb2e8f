package id.aglis.hub.platform;

import id.aglis.hub.platform.config.ConfigSection;
import id.aglis.hub.platform.live.LiveStream;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.Deployable;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a node hands each {@link Feature} when it starts: the shared clients, the node's facts, the parsed
 * configuration sections, a small service registry for what one feature offers the next (by a contract type
 * in {@code bus/} or {@code web/}; the demo seeder, which fills other features' tables by design, is the one
 * feature that asks for another feature's own class), and deployment that the node undoes, in reverse order,
 * on a graceful stop.
 */
public interface FeatureContext {

  Vertx vertx();

  Pool pool();

  /** Connections for the set-based writes every message goes through (see {@code Databases.keyedWritePool}). */
  Pool keyedPool();

  Redis redis();

  RedisAPI redisApi();

  MeterRegistry registry();

  String nodeId();

  /**
   * The clock the features' calendar rules read: a recipient's clock hours, the quiet hours. The system's in
   * production; a test hands the node one it moves, so those rules are tested without waiting for real hours.
   * Timers, leases and timeouts keep real time.
   */
  Clock clock();

  /** The port this node's HTTP server listens on (the sandbox posts receipts to its own webhook). */
  int httpPort();

  /** Whether demo data is seeded on this node's first start. */
  boolean demo();

  /** Where one-time secrets (the first admin password) are shown: the console, never the log files. */
  Consumer<String> console();

  /** The parsed settings of a configuration section (one the feature declared). */
  <T> T settings(ConfigSection<T> section);

  /** Every feature's {@code ui.*} streams, for the live feature. */
  List<LiveStream> liveStreams();

  /** Every {@code ui.*} address browsers may register on the bridge (the streams' and the other declared ones). */
  List<BridgeAddress> bridgeAddresses();

  /** Offers {@code service} to features started later (and to the HTTP edge) under its contract type. */
  <T> void provide(Class<T> type, T service);

  /** A service an earlier feature provided; fails start-up with a clear message when none did. */
  <T> T require(Class<T> type);

  /** Deploys a verticle of the feature; the node undeploys it on stop (bounded, reverse order). */
  Future<String> deploy(Deployable verticle);

  /**
   * Runs {@code verticle} on exactly one node of the cluster (see {@link ClusterSingleton}); the node hands
   * it back first on stop.
   */
  void singleton(String name, Supplier<? extends Deployable> verticle, long retryMs);
}
