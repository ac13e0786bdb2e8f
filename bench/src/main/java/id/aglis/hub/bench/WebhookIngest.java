package id.aglis.hub.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhook ingest on one node: status callbacks posted to {@code /hooks/fonnte/{secret}/status}, each
 * committed to PostgreSQL before its 200. Measures (1) the ceiling, 64 requests in flight as fast as the
 * node answers, (2) latency p50/p99 at a steady offered load, and (3) the same ceiling for a trivial 200
 * handler on the same machine, for the ratio.
 * Usage: WebhookIngest [steady load per second=5000] [seconds per phase=15]
 */
public final class WebhookIngest {

  private static final String SECRET = "bench-webhook-secret-0123456789";

  private WebhookIngest() {
  }

  public static void main(String[] args) throws Exception {
    int steady = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    try (BenchCluster bench = new BenchCluster()) {
      bench.startNodes(1, new JsonArray().add(BenchCluster.device(BenchCluster.DEVICE_A, "token-a", 10, 5_000, 0)),
          Map.of("HUB_WEBHOOK_SECRET", SECRET, "HUB_DEMO", "false", "HUB_HTTP_INSTANCES", "2"));
      Vertx vertx = bench.vertx;
      HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
      int port = bench.ports.get(0);
      String path = "/hooks/fonnte/" + SECRET + "/status";

      closedLoop(client, port, path, 2, "warm-up");
      double hubCeiling = closedLoop(client, port, path, seconds, "hub ceiling (64 in flight)");
      long[] latencies = steady(vertx, client, port, path, steady, seconds);

      HttpServer trivial = vertx.createHttpServer().requestHandler(req -> req.body().onComplete(b ->
          req.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}"))).listen(0, "127.0.0.1").await();
      closedLoop(client, trivial.actualPort(), "/", 2, "warm-up");
      double trivialCeiling = closedLoop(client, trivial.actualPort(), "/", seconds, "trivial 200 handler ceiling (64 in flight)");
      trivial.close().await();

      System.out.printf("%nhub: ceiling %.0f callbacks/s; at %d/s offered: p50 %.2f ms, p99 %.2f ms (%d answered)%n",
          hubCeiling, steady, percentile(latencies, 50), percentile(latencies, 99), latencies.length);
      System.out.printf("trivial 200 handler ceiling: %.0f requests/s; ratio hub/trivial %.2f%n", trivialCeiling, hubCeiling / trivialCeiling);
      System.out.printf("callbacks recorded durably: %d%n", bench.count("select count(*) from wa_callbacks"));
    }
    System.exit(0);
  }

  private static Buffer callback(long n) {
    return new JsonObject().put("device", BenchCluster.DEVICE_A).put("id", 900_000_000L + n).put("stateid", "S" + n)
        .put("status", "sent").put("state", "sent").toBuffer();
  }

  private static Future<Long> post(HttpClient client, int port, String path, long n) {
    long start = System.nanoTime();
    return client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI(path)
            .putHeader("Content-Type", "application/json"))
        .compose(request -> request.send(callback(n)))
        .compose(response -> response.body().map(body -> {
          if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + body);
          }
          return System.nanoTime() - start;
        }));
  }

  /** 64 requests in flight for {@code seconds}; returns requests per second. */
  private static double closedLoop(HttpClient client, int port, String path, int seconds, String label) throws Exception {
    AtomicLong done = new AtomicLong();
    AtomicLong counter = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    Promise<Void> finished = Promise.promise();
    AtomicInteger running = new AtomicInteger(64);
    for (int i = 0; i < 64; i++) {
      loop(client, port, path, counter, done, end, running, finished);
    }
    long started = System.nanoTime();
    finished.future().await();
    double rate = done.get() / ((System.nanoTime() - started) / 1e9);
    System.out.printf("%s: %.0f/s%n", label, rate);
    return rate;
  }

  private static void loop(HttpClient client, int port, String path, AtomicLong counter, AtomicLong done, long end,
                           AtomicInteger running, Promise<Void> finished) {
    if (System.nanoTime() >= end) {
      if (running.decrementAndGet() == 0) {
        finished.tryComplete();
      }
      return;
    }
    post(client, port, path, counter.incrementAndGet()).onComplete(r -> {
      if (r.succeeded()) {
        done.incrementAndGet();
      }
      loop(client, port, path, counter, done, end, running, finished);
    });
  }

  /** {@code perSecond} requests a second, sent every millisecond, for {@code seconds}; returns their latencies (ns). */
  private static long[] steady(Vertx vertx, HttpClient client, int port, String path, int perSecond, int seconds) throws Exception {
    int total = perSecond * seconds;
    long[] latencies = new long[total];
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger sent = new AtomicInteger();
    Promise<Void> finished = Promise.promise();
    long start = System.nanoTime();
    long timer = vertx.setPeriodic(1, t -> {
      long due = Math.min(total, (System.nanoTime() - start) * perSecond / 1_000_000_000L);
      while (sent.get() < due) {
        int n = sent.getAndIncrement();
        post(client, port, path, 10_000_000L + n).onComplete(r -> {
          int i = answered.getAndIncrement();
          latencies[i] = r.succeeded() ? r.result() : Long.MAX_VALUE;
          if (i + 1 == total) {
            finished.tryComplete();
          }
        });
      }
    });
    finished.future().await();
    vertx.cancelTimer(timer);
    double achieved = total / ((System.nanoTime() - start) / 1e9);
    System.out.printf("steady %d/s offered for %d s: achieved %.0f/s%n", perSecond, seconds, achieved);
    return Arrays.stream(latencies).sorted().toArray();
  }

  private static double percentile(long[] sortedNanos, int p) {
    int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, index)] / 1e6;
  }
}
