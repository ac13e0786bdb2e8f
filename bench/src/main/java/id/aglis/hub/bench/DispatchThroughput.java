package id.aglis.hub.bench;

import io.vertx.core.Future;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dispatch throughput with limits off, against a fake Fonnte on loopback: messages per second from the
 * first POST until every message is recorded {@code sent} in PostgreSQL, with 1 and with 3 nodes; then
 * BullMQ adding and processing the same number of no-op jobs on the same Redis.
 *
 * <p>Two ways in, each compared with its BullMQ counterpart: one message per request
 * ({@code POST /api/v1/messages}, 64 requests in flight; BullMQ {@code queue.add}, 64 in flight) and
 * batches ({@code POST /api/v1/messages/batch} of 500, 4 in flight; BullMQ {@code queue.addBulk} of 500,
 * 4 in flight). Either way the hub sends one gateway request per message.
 *
 * <p>Each measured run follows two warm-up runs of the same kind on the same nodes, long enough for the JIT to
 * settle: after 10,000 messages, C2 compilation still took over a third of the JVM's CPU, and a longer
 * warm-up raised the measured figure by about half. It takes two because the pause between runs (the queue
 * drains, the nodes idle) sends compiled code down paths the busy run never took: after a single warm-up the
 * JIT made some 800 compilations in the measured run's first second (one message per POST, 1 node), after two
 * about 120.
 * (A hub runs for days; the steady state is what counts.)
 * Each run also prints the whole machine's busy CPU time per message, which is steadier than the rate on a
 * shared machine and tells whether a change made the work cheaper, and PostgreSQL's commits per message, which
 * tells how well the writes were batched.
 *
 * <p>Usage: DispatchThroughput [messages=60000]. {@code -Dbench.nodes=1} runs one node count only and
 * skips BullMQ; {@code -Dbench.intake=SINGLE} or {@code BATCH} one way in only; {@code -Dbench.warmup=N}
 * sets the warm-up (default 150,000 messages, in two runs of half that); {@code -Dbench.pgPool=N} the
 * PostgreSQL connections per node (default 24).
 */
public final class DispatchThroughput {

  private static final int SINGLE_IN_FLIGHT = 64;
  private static final int BATCH_SIZE = 500;
  private static final int BATCHES_IN_FLIGHT = 4;
  private static final String COMMITS = "select xact_commit from pg_stat_database where datname = current_database()";
  /** What PostgreSQL wrote to its log: records, full-page images, bytes, and the flushes to disk (fsyncs). */
  private static final String WAL = "select wal_records, wal_fpi, wal_bytes, wal_sync from pg_stat_wal";
  /** An index scan of the live-message index in seq order that stops at the first entry. */
  private static final String ANY_LIVE = "select count(*) from (select seq from wa_messages where live order by seq limit 1) live";

  private DispatchThroughput() {
  }

  /** How the messages go in. */
  private enum Intake {
    SINGLE("one per POST /api/v1/messages", "add"),
    BATCH("POST /api/v1/messages/batch of " + BATCH_SIZE, "bulk");

    final String label;
    final String bullmqMode;

    Intake(String label, String bullmqMode) {
      this.label = label;
      this.bullmqMode = bullmqMode;
    }
  }

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
    int warmUp = Integer.getInteger("bench.warmup", 150_000);
    JsonArray devices = new JsonArray()
        .add(BenchCluster.device(BenchCluster.DEVICE_A, "token-a", 1_000_000, 0, 0))
        .add(BenchCluster.device(BenchCluster.DEVICE_B, "token-b", 1_000_000, 0, 0));
    // With limits off, sends are bounded by how many are in flight (each batch of writes waits for its
    // commit), so each device may have as many as the configuration allows: 256 per node (32 measured 15-25 % lower).
    Map<String, String> limitsOff = Map.of("HUB_WA_LIMITS_OFF", "true", "HUB_WA_CONCURRENCY", "256",
        "HUB_PG_POOL_SIZE", System.getProperty("bench.pgPool", "24"), "HUB_DEMO", "false");
    List<String> report = new ArrayList<>();
    try (BenchCluster bench = new BenchCluster()) {
      Map<Intake, double[]> hub = new java.util.EnumMap<>(Intake.class);
      int[] nodeCounts = nodeCounts();
      for (int n = 0; n < nodeCounts.length; n++) {
        bench.startNodes(nodeCounts[n], devices, limitsOff);
        List<WebClient> clients = clients(bench);
        for (Intake intake : Intake.values()) {
          if (!System.getProperty("bench.intake", intake.name()).equals(intake.name())) {
            continue;
          }
          run(bench, clients, intake, warmUp / 2, "warm-up");
          run(bench, clients, intake, warmUp / 2, "warm-up");
          double perSecond = run(bench, clients, intake, messages, nodeCounts[n] + " node(s), " + intake.label);
          hub.computeIfAbsent(intake, i -> new double[nodeCounts.length])[n] = perSecond;
          report.add(String.format("hub, %d node(s), %s: %d messages POST→sent in PostgreSQL: %.0f msg/s",
              nodeCounts[n], intake.label, messages, perSecond));
        }
        clients.forEach(WebClient::close);
        bench.stopNodes();
      }
      if (System.getProperty("bench.nodes") == null) {
        for (Intake intake : hub.keySet()) {
          double bull = bullmq(bench.redis.port(), messages, intake).getDouble("perSecond");
          report.add(String.format("BullMQ 5.47.3, %s: %d no-op jobs added and processed on the same Redis: %.0f jobs/s",
              intake.bullmqMode.equals("add") ? "queue.add, 64 in flight" : "queue.addBulk of " + BATCH_SIZE, messages, bull));
          report.add(String.format("ratio hub/BullMQ, %s: 1 node %.2f, 3 nodes %.2f", intake.label,
              hub.get(intake)[0] / bull, hub.get(intake)[1] / bull));
        }
      }
    }
    System.out.println();
    report.forEach(System.out::println);
    System.exit(0);
  }

  /** 1 and 3 nodes; {@code -Dbench.nodes=N} narrows a run while profiling. */
  private static int[] nodeCounts() {
    String only = System.getProperty("bench.nodes");
    return only == null ? new int[] {1, 3} : new int[] {Integer.parseInt(only)};
  }

  /**
   * One client per node, kept from the warm-up through the measured run, so that the measured run starts on
   * open connections, as a long-running integration's requests do.
   */
  private static List<WebClient> clients(BenchCluster bench) {
    List<WebClient> clients = new ArrayList<>();
    for (int port : bench.ports) {
      clients.add(WebClient.create(bench.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
          .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(SINGLE_IN_FLIGHT)));
    }
    return clients;
  }

  /** Posts {@code messages} round-robin over the nodes; returns messages per second, POST to sent. */
  private static double run(BenchCluster bench, List<WebClient> clients, Intake intake, int messages, String label)
      throws Exception {
    long sentBefore = bench.count("select count(*) from wa_messages where status = 'sent'");
    AtomicInteger next = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    String run = Long.toString(System.nanoTime(), 36);
    long[] cpuBefore = busyJiffies();
    long commitsBefore = bench.count(COMMITS);
    long[] walBefore = bench.counts(WAL);
    long started = System.nanoTime();
    List<Future<Void>> posters = new ArrayList<>();
    int posterCount = intake == Intake.SINGLE ? SINGLE_IN_FLIGHT : BATCHES_IN_FLIGHT;
    for (int p = 0; p < posterCount; p++) {
      posters.add(post(intake, clients, next, messages, refused, run));
    }
    Future.all(posters).await();
    // Asks only whether any message is still live, a few times a second, in a way that reads one index
    // entry: counting every message 50 times a second (or a bitmap scan of the live ones) once cost
    // PostgreSQL a whole core and slowed the very thing it measured.
    while (bench.count(ANY_LIVE) > 0) {
      Thread.sleep(100);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long sent = bench.count("select count(*) from wa_messages where status = 'sent'") - sentBefore;
    if (sent != messages - refused.get()) {
      throw new IllegalStateException((messages - refused.get()) + " messages accepted but " + sent + " sent");
    }
    long[] cpuAfter = busyJiffies();
    Thread.sleep(1_100); // PostgreSQL publishes a backend's counts at most once a second
    double commitsPerMessage = (bench.count(COMMITS) - commitsBefore) / (double) sent;
    long[] walAfter = bench.counts(WAL);
    System.out.printf("%s: %d messages in %.2f s (%d refused); machine CPU %.0f µs per message (steal %d jiffies); "
            + "%.2f PostgreSQL commits per message; WAL per message: %.1f records, %.2f full pages, %.0f bytes, "
            + "%.2f fsyncs%n", label, messages, seconds, refused.get(),
        (cpuAfter[0] - cpuBefore[0]) * 10_000.0 / sent, cpuAfter[1] - cpuBefore[1], commitsPerMessage,
        (walAfter[0] - walBefore[0]) / (double) sent, (walAfter[1] - walBefore[1]) / (double) sent,
        (walAfter[2] - walBefore[2]) / (double) sent, (walAfter[3] - walBefore[3]) / (double) sent);
    return sent / seconds;
  }

  /** Busy (not idle, not waiting for I/O) and stolen jiffies of the whole machine, from /proc/stat. */
  private static long[] busyJiffies() {
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7}) {
        busy += Long.parseLong(cpu[i]);
      }
      return new long[] {busy, Long.parseLong(cpu[8])};
    } catch (IOException e) {
      // Not Linux: the figure is left out (printed as 0).
      return new long[] {0, 0};
    }
  }

  /** One poster: takes the next message (or batch) number, posts it, and goes on until all are taken. */
  private static Future<Void> post(Intake intake, List<WebClient> clients, AtomicInteger next, int messages, AtomicInteger refused,
                                   String run) {
    int step = intake == Intake.SINGLE ? 1 : BATCH_SIZE;
    int first = next.getAndAdd(step);
    if (first >= messages) {
      return Future.succeededFuture();
    }
    int count = Math.min(step, messages - first);
    WebClient client = clients.get((first / step) % clients.size());
    Future<HttpResponse<Buffer>> sent;
    if (intake == Intake.SINGLE) {
      sent = client.post("/api/v1/messages").putHeader("Authorization", "Bearer " + BenchCluster.TOKEN)
          .sendJsonObject(message(first, run));
    } else {
      JsonArray batch = new JsonArray();
      for (int i = first; i < first + count; i++) {
        batch.add(message(i, run));
      }
      sent = client.post("/api/v1/messages/batch").putHeader("Authorization", "Bearer " + BenchCluster.TOKEN)
          .sendJsonObject(new JsonObject().put("messages", batch));
    }
    return sent.compose(response -> {
      if (response.statusCode() != 202) {
        refused.addAndGet(count);
      } else if (intake == Intake.BATCH) {
        refused.addAndGet(response.bodyAsJsonObject().getJsonArray("rejected").size());
      }
      return post(intake, clients, next, messages, refused, run);
    });
  }

  /** Message {@code i} of a run: its own recipient, 62812 and eight digits. (String.format here was a percent of the JVM.) */
  private static JsonObject message(int i, String run) {
    String digits = Integer.toString(i);
    return new JsonObject().put("to", "62812" + "0".repeat(Math.max(0, 8 - digits.length())) + digits)
        .put("text", "bench " + run + " " + i);
  }

  private static JsonObject bullmq(int redisPort, int jobs, Intake intake) throws Exception {
    Process node = new ProcessBuilder("node", "bench/bullmq/bench.mjs", String.valueOf(redisPort), String.valueOf(jobs),
        intake.bullmqMode, String.valueOf(BATCH_SIZE)).redirectErrorStream(true).start();
    String last = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        last = line;
      }
    }
    if (node.waitFor() != 0 || last == null || !last.startsWith("{")) {
      throw new IllegalStateException("the BullMQ run failed: " + last);
    }
    return new JsonObject(last);
  }
}
