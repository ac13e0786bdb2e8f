package id.aglis.hub.bench;

import id.aglis.hub.Node;
import id.aglis.hub.config.ConfigLoader;
import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import id.aglis.hub.platform.embedded.EmbeddedPostgresServer;
import id.aglis.hub.platform.embedded.EmbeddedRedisServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * What a benchmark runs against: the bundled PostgreSQL and Redis (the real servers), a fake Fonnte on
 * loopback with two devices, and N hub nodes in this JVM (clustered with Hazelcast when N > 1).
 */
final class BenchCluster implements AutoCloseable {

  static final String TOKEN = "bench-bootstrap-token-0123456789abcdef";
  static final String DEVICE_A = "6281100000001";
  static final String DEVICE_B = "6281100000002";

  final EmbeddedPostgresServer postgres;
  final EmbeddedRedisServer redis;
  /**
   * The load generator's and the fake gateway's Vert.x: on the same native transport as the nodes, so the JVM
   * runs one kind of socket, as a hub's JVM does. (With NIO here, Netty's shared code saw two kinds of channel
   * where a hub sees one, and the JIT's log showed methods of both thrown away and recompiled.)
   */
  final Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
  final FakeFonnte fonnte;
  final List<Node> nodes = new ArrayList<>();
  final List<Integer> ports = new ArrayList<>();
  final Pool pool;
  /** The servers' data: gigabytes after a throughput run, so it goes with them. */
  private final Path root;

  BenchCluster() throws IOException {
    root = Files.createTempDirectory("aglis-bench");
    postgres = EmbeddedPostgresServer.start(root.resolve("pg"));
    redis = EmbeddedRedisServer.start(root.resolve("redis"));
    fonnte = new FakeFonnte(vertx).device(DEVICE_A, "token-a").device(DEVICE_B, "token-b");
    fonnte.start().await();
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(postgres.uri())).using(vertx).build();
  }

  /** Starts {@code count} nodes whose dispatcher uses {@code devices} and the extra settings. */
  void startNodes(int count, JsonArray devices, Map<String, String> extra) {
    int clusterPort = ThreadLocalRandom.current().nextInt(20_000, 40_000);
    StringBuilder members = new StringBuilder();
    for (int i = 0; i < count; i++) {
      members.append(i == 0 ? "" : ",").append("127.0.0.1:").append(clusterPort + i);
    }
    for (int i = 0; i < count; i++) {
      int port = freePort();
      Map<String, String> env = new HashMap<>();
      env.put("HUB_PG_URI", postgres.uri());
      env.put("HUB_REDIS_URI", redis.uri());
      env.put("HUB_HTTP_PORT", String.valueOf(port));
      env.put("HUB_HTTP_HOST", "127.0.0.1");
      env.put("HUB_HTTP_INSTANCES", "1");
      env.put("HUB_BOOTSTRAP_TOKEN", TOKEN);
      env.put("HUB_CLUSTER", String.valueOf(count > 1));
      env.put("HUB_CLUSTER_PORT", String.valueOf(clusterPort));
      env.put("HUB_CLUSTER_MEMBERS", members.toString());
      env.put("FONNTE_BASE_URL", fonnte.baseUrl());
      env.put("FONNTE_DEVICES", devices.encode());
      env.put("HUB_WA_QUIET_HOURS", "off");
      env.putAll(extra);
      nodes.add(Node.start(ConfigLoader.load(new String[0], env), line -> { }).await());
      ports.add(port);
    }
  }

  void stopNodes() {
    for (Node node : nodes) {
      node.stop().await();
    }
    nodes.clear();
    ports.clear();
  }

  static JsonObject device(String number, String token, int perMinute, long minGapMs, long jitterMs) {
    return new JsonObject().put("device", number).put("token", token).put("perMinute", perMinute).put("perHour", 1_000_000)
        .put("perDay", 1_000_000).put("minGapMs", minGapMs).put("jitterMs", jitterMs);
  }

  long count(String sql) {
    return counts(sql)[0];
  }

  /** The first row of {@code sql}, every column a number. */
  long[] counts(String sql) {
    var row = pool.query(sql).execute().await().iterator().next();
    long[] values = new long[row.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = ((Number) row.getValue(i)).longValue();
    }
    return values;
  }

  @Override
  public void close() throws IOException {
    stopNodes();
    pool.close().await();
    fonnte.stop().await();
    vertx.close().await();
    redis.close();
    postgres.close();
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
