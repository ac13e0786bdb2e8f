package id.aglis.hub.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Alerting on three clustered nodes (one JVM, the bundled PostgreSQL and Redis):
 *
 * <ol>
 *   <li><b>Latency</b>: a rule on {@code aglis_live_sockets} (summed over the nodes) with {@code forSeconds} 0; each
 *   sample opens one more bridge socket on node 2 (the metric crosses the threshold at that moment) and measures
 *   until a socket on node 3 receives the {@code ui.alerts} frame saying it fires, and until the WhatsApp page is
 *   committed (its message's {@code createdAt}); then closes the socket and waits for the alert to resolve.</li>
 *   <li><b>Cost</b>: the CPU of the whole cluster (the JVM's and the PostgreSQL and Redis processes') per evaluation
 *   round, with every rule disabled and then with 200 rules enabled, and the rounds' own time as the evaluator
 *   records it ({@code aglis_alert_evaluation_seconds}).</li>
 * </ol>
 *
 * {@code bench/alerts.sh [samples=20] [seconds=60]}
 */
public final class AlertBench {

  private static final String PHONE = "081299990031";

  private final BenchCluster cluster;
  private final HttpClient http;
  private final WebSocketClient sockets;

  private AlertBench(BenchCluster cluster) {
    this.cluster = cluster;
    this.http = cluster.vertx.createHttpClient();
    this.sockets = cluster.vertx.createWebSocketClient();
  }

  public static void main(String[] args) throws Exception {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    try (BenchCluster cluster = new BenchCluster()) {
      JsonArray devices = new JsonArray().add(BenchCluster.device(BenchCluster.DEVICE_A, "token-a", 1000, 0, 0))
          .add(BenchCluster.device(BenchCluster.DEVICE_B, "token-b", 1000, 0, 0));
      cluster.startNodes(3, devices, Map.of("HUB_ADMIN_PASSWORD", "bench-admin-password-1", "HUB_WA_RECIPIENT_PER_HOUR", "0",
          "HUB_WA_DEDUPE_MINUTES", "0"));
      new AlertBench(cluster).run(samples, seconds);
    }
    System.exit(0);
  }

  private void run(int samples, int seconds) throws Exception {
    call(0, HttpMethod.POST, "/api/v1/staff", new JsonObject().put("username", "bench.noc").put("name", "Bench NOC").put("role", "noc")
        .put("phone", PHONE).put("password", "bench-noc-password-1"));
    setAllRules(false);
    String cookie = signIn(1);
    latency(samples, cookie);
    cost(seconds);
  }

  // ---- latency ----

  private void latency(int samples, String cookie) throws Exception {
    JsonObject rule = call(0, HttpMethod.POST, "/api/v1/alerts/rules", new JsonObject().put("name", "Bench sockets")
        .put("metric", "aglis_live_sockets").put("function", "last").put("comparator", ">=").put("threshold", 2).put("severity", "critical")
        .put("repeatMinutes", 0)
        .put("targets", new JsonObject().put("staff", new JsonArray().add("bench.noc")).put("channels", new JsonArray().add("whatsapp").add("dashboard"))));
    Watcher watcher = new Watcher(open(2, cookie, true).await(), cluster.vertx);
    List<Double> dashboard = new ArrayList<>();
    List<Double> paged = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      watcher.expect("firing");
      long t0 = System.currentTimeMillis();
      WebSocket trigger = open(1, cookie, false).await();
      JsonObject firing;
      try {
        firing = watcher.await();
      } catch (Exception late) {
        throw new IllegalStateException("no firing frame within 30 s; alerts now: "
            + call(0, HttpMethod.GET, "/api/v1/alerts?rule=bench-sockets", null).encode(), late);
      }
      dashboard.add((double) (watcher.arrivedAt - t0));
      long alertId = firing.getLong("id");
      OffsetDateTime pageMade = pageCreatedAt(alertId);
      paged.add((double) (pageMade.toInstant().toEpochMilli() - t0));
      watcher.expect("resolved");
      trigger.close().await();
      try {
        watcher.await();
      } catch (Exception late) {
        throw new IllegalStateException("no resolved frame within 30 s; alerts now: "
            + call(0, HttpMethod.GET, "/api/v1/alerts?rule=bench-sockets", null).encode() + " sockets: " + text(0, "/metrics").lines()
            .filter(l -> l.startsWith("aglis_live_sockets")).toList() + text(1, "/metrics").lines()
            .filter(l -> l.startsWith("aglis_live_sockets")).toList() + text(2, "/metrics").lines().filter(l -> l.startsWith("aglis_live_sockets")).toList(), late);
      }
    }
    watcher.socket.close().await();
    call(0, HttpMethod.DELETE, "/api/v1/alerts/rules/" + rule.getLong("id"), null);
    System.out.printf(Locale.ROOT, "ALERT_LATENCY samples=%d dashboard_p50_ms=%.0f dashboard_p95_ms=%.0f dashboard_max_ms=%.0f "
            + "page_enqueued_p50_ms=%.0f page_enqueued_p95_ms=%.0f page_enqueued_max_ms=%.0f%n", samples,
        pct(dashboard, 50), pct(dashboard, 95), pct(dashboard, 100), pct(paged, 50), pct(paged, 95), pct(paged, 100));
  }

  /** When the alert's first page was committed, from its timeline and the message it names. */
  private OffsetDateTime pageCreatedAt(long alertId) throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      JsonArray timeline = call(0, HttpMethod.GET, "/api/v1/alerts/" + alertId, null).getJsonArray("timeline");
      for (Object e : timeline) {
        JsonObject event = (JsonObject) e;
        JsonArray pages = event.getJsonObject("detail").getJsonArray("pages");
        if ("notified".equals(event.getString("kind")) && pages != null && !pages.isEmpty()) {
          String id = pages.getJsonObject(0).getString("messageId");
          return OffsetDateTime.parse(call(0, HttpMethod.GET, "/api/v1/messages/" + id, null).getString("createdAt"));
        }
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    throw new IllegalStateException("alert " + alertId + " was not paged within 5 s");
  }

  /** A socket on ui.alerts that waits for the next change of the bench rule to a state. */
  private static final class Watcher {
    final WebSocket socket;
    private Promise<JsonObject> next;
    private String state;
    volatile long arrivedAt;

    Watcher(WebSocket socket, io.vertx.core.Vertx vertx) {
      this.socket = socket;
      // The bridge closes a socket silent for 30 s; browsers ping every 10 s.
      vertx.setPeriodic(10_000, t -> socket.writeTextMessage(new JsonObject().put("type", "ping").encode()));
      // Frames come as binary messages (encoded once, written to every socket), replies as text: read both.
      socket.handler(data -> {
        JsonObject message = data.toJsonObject();
        if (!"rec".equals(message.getString("type"))) {
          return;
        }
        for (Object c : message.getJsonObject("body").getJsonObject("data").getJsonArray("changes", new JsonArray())) {
          JsonObject change = (JsonObject) c;
          synchronized (this) {
            if (next != null && "bench-sockets".equals(change.getString("ruleKey")) && state.equals(change.getString("state"))) {
              arrivedAt = System.currentTimeMillis();
              next.tryComplete(change);
            }
          }
        }
      });
    }

    synchronized void expect(String state) {
      this.state = state;
      this.next = Promise.promise();
    }

    JsonObject await() {
      Future<JsonObject> f;
      synchronized (this) {
        f = next.future();
      }
      return f.timeout(30, TimeUnit.SECONDS).await();
    }
  }

  // ---- cost ----

  private void cost(int seconds) throws Exception {
    Measure idle = measure(seconds);
    List<Long> ids = new ArrayList<>();
    String[][] shapes = {
        {"aglis_http_request_seconds_count", "rate", "60", ">", "1000000", ""},
        {"aglis_wa_queue_depth", "last", "0", ">", "1000000", "priority"},
        {"aglis_jvm_heap_used_ratio", "avg", "300", ">", "2", "node"},
        {"aglis_wa_sends_total", "increase", "900", ">", "1000000", "device"},
        {"aglis_event_loop_lag_seconds", "max", "120", ">", "100", "node"},
    };
    for (int i = 0; i < 200; i++) {
      String[] s = shapes[i % shapes.length];
      JsonObject rule = new JsonObject().put("name", "Bench rule " + i).put("metric", s[0]).put("function", s[1]).put("comparator", s[3])
          .put("threshold", Double.parseDouble(s[4])).put("acrossNodes", "max").put("forSeconds", 60)
          .put("targets", new JsonObject().put("roles", new JsonArray().add("noc")).put("channels", new JsonArray().add("dashboard")));
      if (!"0".equals(s[2])) {
        // A window of its own per rule: 200 distinct queries for the nodes, not five asked forty times over.
        rule.put("windowSeconds", Integer.parseInt(s[2]) + i);
      } else {
        rule.put("filters", new JsonObject().put("priority", List.of("urgent", "high", "normal", "low").get(i % 4)));
        rule.put("threshold", 1_000_000 + i);
      }
      if (!s[5].isEmpty()) {
        rule.put("groupBy", new JsonArray().add(s[5]));
      }
      ids.add(call(0, HttpMethod.POST, "/api/v1/alerts/rules", rule).getLong("id"));
    }
    Measure loaded = measure(seconds);
    for (long id : ids) {
      call(0, HttpMethod.DELETE, "/api/v1/alerts/rules/" + id, null);
    }
    System.out.printf(Locale.ROOT, "ALERT_COST nodes=3 rules_idle=0 rules=200 window_s=%d rounds_idle=%d rounds=%d "
            + "cluster_cpu_ms_per_round_idle=%.1f cluster_cpu_ms_per_round=%.1f added_cpu_ms_per_round=%.1f "
            + "round_ms_mean_idle=%.1f round_ms_mean=%.1f round_ms_max=%.1f%n",
        seconds, idle.rounds, loaded.rounds, idle.cpuMsPerRound(), loaded.cpuMsPerRound(), loaded.cpuMsPerRound() - idle.cpuMsPerRound(),
        idle.roundMs(), loaded.roundMs(), loaded.maxRoundMs);
  }

  private record Measure(long rounds, double cpuMs, double roundSeconds, double maxRoundMs) {
    double cpuMsPerRound() {
      return rounds == 0 ? Double.NaN : cpuMs / rounds;
    }

    double roundMs() {
      return rounds == 0 ? Double.NaN : roundSeconds * 1000 / rounds;
    }
  }

  private Measure measure(int seconds) throws Exception {
    TimeUnit.SECONDS.sleep(5); // rules just changed: let a few rounds pass first
    double[] before = rounds();
    Duration cpuBefore = clusterCpu();
    TimeUnit.SECONDS.sleep(seconds);
    Duration cpuAfter = clusterCpu();
    double[] after = rounds();
    System.err.printf(Locale.ROOT, "rounds: count %.0f → %.0f, seconds %.3f → %.3f%n", before[0], after[0], before[1], after[1]);
    return new Measure((long) (after[0] - before[0]), cpuAfter.minus(cpuBefore).toNanos() / 1e6, after[1] - before[1], after[2] * 1000);
  }

  /** {count, sum seconds, max seconds} of aglis_alert_evaluation_seconds, over the nodes (one evaluates). */
  private double[] rounds() {
    double[] total = new double[3];
    for (int i = 0; i < cluster.ports.size(); i++) {
      String text = text(i, "/metrics");
      for (String line : text.split("\n")) {
        if (line.startsWith("aglis_alert_evaluation_seconds_count")) {
          total[0] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        } else if (line.startsWith("aglis_alert_evaluation_seconds_sum")) {
          total[1] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        } else if (line.startsWith("aglis_alert_evaluation_seconds_max")) {
          total[2] = Math.max(total[2], Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
        }
      }
    }
    return total;
  }

  /** This JVM (the three nodes) and its child processes (PostgreSQL's and Redis's). */
  private static Duration clusterCpu() {
    Duration cpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
      cpu = cpu.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
    }
    return cpu;
  }

  // ---- HTTP ----

  private void setAllRules(boolean enabled) {
    for (Object r : call(0, HttpMethod.GET, "/api/v1/alerts/rules", null).getJsonArray("items")) {
      call(0, HttpMethod.PUT, "/api/v1/alerts/rules/" + ((JsonObject) r).getLong("id"), new JsonObject().put("enabled", enabled));
    }
  }

  private JsonObject call(int node, HttpMethod method, String path, JsonObject body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(cluster.ports.get(node)).setURI(path)
        .putHeader("Authorization", "Bearer " + BenchCluster.TOKEN).putHeader("Content-Type", "application/json");
    return http.request(options).compose(request -> body == null ? request.send() : request.send(body.toBuffer()))
        .compose(response -> response.body().map(b -> {
          if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + b);
          }
          return b.length() == 0 ? new JsonObject() : b.toJsonObject();
        })).await();
  }

  private String text(int node, String path) {
    return http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(cluster.ports.get(node)).setURI(path))
        .compose(request -> request.send()).compose(response -> response.body()).map(Buffer::toString).await();
  }

  private String signIn(int node) {
    AtomicReference<String> cookie = new AtomicReference<>();
    http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(cluster.ports.get(node))
            .setURI("/api/v1/auth/staff/login").putHeader("Content-Type", "application/json"))
        .compose(request -> request.send(new JsonObject().put("username", "bench.noc").put("password", "bench-noc-password-1").toBuffer()))
        .compose(response -> response.body().map(b -> {
          response.cookies().stream().filter(c -> c.startsWith("aglis.sid=")).map(c -> c.split(";", 2)[0]).findFirst().ifPresent(cookie::set);
          return b;
        })).await();
    if (cookie.get() == null) {
      throw new IllegalStateException("sign-in set no session cookie");
    }
    return cookie.get();
  }

  /** A bridge socket on {@code node}; registered on ui.alerts when {@code watch}. */
  private Future<WebSocket> open(int node, String cookie, boolean watch) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(cluster.ports.get(node))
        .setURI("/eventbus/websocket").addHeader("Cookie", cookie);
    return sockets.connect(options).compose(socket -> {
      if (!watch) {
        return Future.succeededFuture(socket);
      }
      Promise<WebSocket> registered = Promise.promise();
      socket.handler(data -> {
        if ("registered".equals(data.toJsonObject().getString("type"))) {
          registered.tryComplete(socket);
        }
      });
      socket.writeTextMessage(new JsonObject().put("type", "register").put("address", "ui.alerts").encode());
      return registered.future().timeout(10, TimeUnit.SECONDS);
    });
  }

  private static double pct(List<Double> values, double percentile) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
