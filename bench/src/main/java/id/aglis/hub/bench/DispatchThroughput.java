package id.aglis.hub.bench;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dispatch throughput with limits off, against a fake Fonnte on loopback: messages per second from the
 * first {@code POST /api/v1/messages} until every message is recorded {@code sent} in PostgreSQL, with 1
 * and with 3 nodes; then BullMQ adding and processing the same number of no-op jobs on the same Redis.
 * Usage: DispatchThroughput [messages=10000] [clients in flight=64]
 */
public final class DispatchThroughput {

  private DispatchThroughput() {
  }

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    JsonArray devices = new JsonArray()
        .add(BenchCluster.device(BenchCluster.DEVICE_A, "token-a", 1_000_000, 0, 0))
        .add(BenchCluster.device(BenchCluster.DEVICE_B, "token-b", 1_000_000, 0, 0));
    Map<String, String> limitsOff = Map.of("HUB_WA_LIMITS_OFF", "true", "HUB_WA_CONCURRENCY", "32",
        "HUB_PG_POOL_SIZE", "24", "HUB_DEMO", "false");
    try (BenchCluster bench = new BenchCluster()) {
      List<String> lines = new ArrayList<>();
      for (int nodes : new int[] {1, 3}) {
        bench.startNodes(nodes, devices, limitsOff);
        run(bench, Math.min(1_000, messages), inFlight, "warm-up");
        double perSecond = run(bench, messages, inFlight, nodes + " node(s)");
        lines.add(String.format("hub, %d node(s): %d messages POST→sent in PostgreSQL: %.0f msg/s", nodes, messages, perSecond));
        bench.stopNodes();
      }
      JsonObject bull = bullmq(bench.redis.port(), messages);
      lines.add(String.format("BullMQ 5.47.3: %d no-op jobs added and processed on the same Redis: %.0f jobs/s",
          messages, bull.getDouble("perSecond")));
      System.out.println();
      lines.forEach(System.out::println);
      System.out.printf("ratio hub/BullMQ: 1 node %.2f, 3 nodes %.2f%n",
          parse(lines.get(0)) / bull.getDouble("perSecond"), parse(lines.get(1)) / bull.getDouble("perSecond"));
    }
    System.exit(0);
  }

  private static double parse(String line) {
    String number = line.substring(line.lastIndexOf(": ") + 2, line.indexOf(" msg/s"));
    return Double.parseDouble(number);
  }

  /** Posts {@code messages} round-robin over the nodes, {@code inFlight} at a time; returns messages per second. */
  private static double run(BenchCluster bench, int messages, int inFlight, String label) throws Exception {
    long sentBefore = bench.count("select count(*) from wa_messages where status = 'sent'");
    List<WebClient> clients = new ArrayList<>();
    for (int port : bench.ports) {
      clients.add(WebClient.create(bench.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
          .setKeepAlive(true), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(inFlight)));
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    long started = System.nanoTime();
    List<Future<Void>> workers = new ArrayList<>();
    String run = Long.toString(System.nanoTime(), 36);
    for (int w = 0; w < inFlight; w++) {
      workers.add(post(clients, next, messages, failures, run));
    }
    Future.all(workers).await();
    long target = sentBefore + messages - failures.get();
    while (bench.count("select count(*) from wa_messages where status = 'sent'") < target) {
      Thread.sleep(20);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("%s: %d messages in %.2f s (%d refused)%n", label, messages, seconds, failures.get());
    clients.forEach(WebClient::close);
    return (messages - failures.get()) / seconds;
  }

  private static Future<Void> post(List<WebClient> clients, AtomicInteger next, int messages, AtomicInteger failures, String run) {
    int i = next.getAndIncrement();
    if (i >= messages) {
      return Future.succeededFuture();
    }
    WebClient client = clients.get(i % clients.size());
    JsonObject body = new JsonObject().put("to", "62812" + String.format("%08d", i)).put("text", "bench " + run + " " + i);
    return client.post("/api/v1/messages").putHeader("Authorization", "Bearer " + BenchCluster.TOKEN).sendJsonObject(body)
        .compose(response -> {
          if (response.statusCode() != 202) {
            failures.incrementAndGet();
          }
          return post(clients, next, messages, failures, run);
        });
  }

  private static JsonObject bullmq(int redisPort, int jobs) throws Exception {
    Process node = new ProcessBuilder("node", "bench/bullmq/bench.mjs", String.valueOf(redisPort), String.valueOf(jobs), "64")
        .redirectErrorStream(true).start();
    String last = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        last = line;
      }
    }
    node.waitFor();
    return new JsonObject(last);
  }
}
