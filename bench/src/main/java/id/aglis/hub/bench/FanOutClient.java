package id.aglis.hub.bench;

import static id.aglis.hub.bench.BenchMain.log;
import static id.aglis.hub.bench.BenchMain.options;
import static id.aglis.hub.bench.BenchMain.ownCpu;
import static id.aglis.hub.bench.BenchMain.required;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * One fan-out measurement: N browsers' sockets on one server, all registered on {@code ui.wa}, as the console
 * opens them (one sign-in, every socket with its cookie, a ping every 10 s), spread over several loopback source
 * addresses. Against the hub it also produces the events (messages posted to another node, see
 * {@link FanOutProducer}); a bare server produces its own. Prints one {@code FANOUT key=value …} line:
 * latency p50/p99/max of every frame received in the window (receipt minus the frame's {@code at}), frames
 * received per second and per CPU-second of the server process, heap per connection (the server's heap after a
 * full collection, before the sockets opened and after), the server's CPU at rest before (no sockets, no events), and
 * frames missed (gaps in {@code seq}); with {@code --peer-pid}, the other hub node's CPU and heap per connection too.
 *
 * <p>Usage: FanOutClient --target hub|bare --port P --pid PID --connections N [--seconds 60] [--warmup 15]
 * [--producer-port P2 --peer-pid PID2 --token T --rate 10 --password PW] [--sources K] [--idle-seconds 5] [--sample-out FILE]
 */
public final class FanOutClient {

  private static final String PATH = "/eventbus/websocket";
  private static final String REGISTER = new JsonObject().put("type", "register").put("address", "ui.wa").encode();
  private static final String PING = new JsonObject().put("type", "ping").encode();
  private static final int OPENING_IN_FLIGHT = 64;
  private static final int CONNECTIONS_PER_SOURCE = 2_500;

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
  private final FanOutMeter meter = new FanOutMeter();
  /** {@code err} frames from the server, at any time. */
  private final LongAdder errors = new LongAdder();
  private final AtomicInteger failedToOpen = new AtomicInteger();
  private final LongAdder closedEarly = new LongAdder();
  private final List<WebSocket> sockets = new ArrayList<>();
  /**
   * Held for the whole run: Vert.x 5 closes a WebSocket client, and every socket it opened, once the client object
   * is garbage (a cleaner). Kept only in a local, they went at the client's first full collection, mid-window.
   */
  private final List<WebSocketClient> clients = new ArrayList<>();
  private volatile boolean closing;

  private FanOutClient() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    try {
      new FanOutClient().run(options);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private void run(Map<String, String> o) throws Exception {
    String target = required(o, "target");
    boolean hub = target.equals("hub");
    int port = Integer.parseInt(required(o, "port"));
    int connections = Integer.parseInt(required(o, "connections"));
    int seconds = Integer.parseInt(o.getOrDefault("seconds", "60"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "15"));
    int sources = Integer.parseInt(o.getOrDefault("sources",
        String.valueOf(Math.max(1, (connections + CONNECTIONS_PER_SOURCE - 1) / CONNECTIONS_PER_SOURCE))));
    FanOutProcess server = new FanOutProcess(Long.parseLong(required(o, "pid")));
    // The hub's other node: it publishes the frames, and holds a share of the cluster's bus registrations.
    FanOutProcess peer = o.containsKey("peer-pid") ? new FanOutProcess(Long.parseLong(o.get("peer-pid"))) : null;
    String label = target + " " + connections;

    String cookie = hub ? signIn(port, required(o, "password")) : null;
    long heapBefore = server.heapAfterGc();
    long peerHeapBefore = peer == null ? 0 : peer.heapAfterGc();
    double idle = cpuShare(server, Integer.parseInt(o.getOrDefault("idle-seconds", "5")));
    long openStarted = System.nanoTime();
    int open = openAll(port, cookie, connections, sources);
    double openSeconds = (System.nanoTime() - openStarted) / 1e9;
    long heapAfter = server.heapAfterGc();
    long peerHeapAfter = peer == null ? 0 : peer.heapAfterGc();
    log("%s: %d of %d sockets registered on ui.wa in %.1f s from %d source address(es); server heap %.1f → %.1f MiB after GC",
        label, open, connections, openSeconds, sources, heapBefore / 1048576.0, heapAfter / 1048576.0);

    FanOutProducer producer = null;
    if (hub) {
      producer = new FanOutProducer(vertx, Integer.parseInt(required(o, "producer-port")), required(o, "token"),
          Integer.parseInt(o.getOrDefault("rate", "10")));
      producer.start();
    }
    TimeUnit.SECONDS.sleep(warmup);
    FanOutMeter.Snapshot before = meter.take();
    Duration serverCpuBefore = server.cpu();
    Duration peerCpuBefore = peer == null ? Duration.ZERO : peer.cpu();
    Duration clientCpuBefore = ownCpu();
    long windowStarted = System.nanoTime();
    long windowStartedMicros = FanOutMeter.nowMicros();
    TimeUnit.SECONDS.sleep(seconds);
    FanOutMeter.Snapshot after = meter.take();
    // Where a slow tail comes from: the frames whose last socket got them latest.
    meter.slowest(windowStartedMicros, FanOutMeter.nowMicros() - 1_000_000, 3).forEach(slow -> log("%s: slowest %s", label, slow));
    double serverSeconds = server.cpu().minus(serverCpuBefore).toNanos() / 1e9;
    double peerSeconds = peer == null ? 0 : peer.cpu().minus(peerCpuBefore).toNanos() / 1e9;
    double clientSeconds = ownCpu().minus(clientCpuBefore).toNanos() / 1e9;
    double window = (System.nanoTime() - windowStarted) / 1e9;
    if (producer != null) {
      producer.stop();
      log("%s: producer: %d messages accepted, %d refused%s", label, producer.accepted(), producer.refused(),
          producer.refused() == 0 ? "" : " (last: " + producer.lastRefusal() + ")");
    }
    if (o.containsKey("sample-out") && meter.latest() != null) {
      Files.writeString(Path.of(o.get("sample-out")), meter.latest(), StandardCharsets.UTF_8);
    }
    closeAll();

    long frames = after.frames() - before.frames();
    if (frames == 0) {
      log("%s: no frame arrived in the measured window", label);
    }
    Histogram latencies = after.latencies();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("target", target);
    result.put("connections", connections);
    result.put("open", open);
    result.put("p50_ms", fixed(1, millis(latencies, 50)));
    result.put("p99_ms", fixed(1, millis(latencies, 99)));
    result.put("max_ms", fixed(1, latencies.getTotalCount() == 0 ? Double.NaN : latencies.getMaxValue() / 1000.0));
    result.put("frames", frames);
    result.put("frames_per_s", fixed(0, frames / window));
    result.put("per_socket_per_s", fixed(2, open == 0 ? 0 : frames / window / open));
    result.put("frames_per_cpu_s", fixed(0, serverSeconds == 0 ? 0 : frames / serverSeconds));
    result.put("server_cpu_pct", fixed(0, 100 * serverSeconds / window));
    result.put("idle_cpu_pct", fixed(0, idle));
    result.put("client_cpu_pct", fixed(0, 100 * clientSeconds / window));
    result.put("heap_per_conn_bytes", open == 0 ? 0 : (heapAfter - heapBefore) / open);
    if (peer != null) {
      result.put("peer_cpu_pct", fixed(0, 100 * peerSeconds / window));
      result.put("peer_heap_per_conn_bytes", open == 0 ? 0 : (peerHeapAfter - peerHeapBefore) / open);
    }
    result.put("missed", after.missed() - before.missed());
    result.put("frame_bytes", fixed(0, frames == 0 ? 0 : (after.bytes() - before.bytes()) / (double) frames));
    result.put("closed", closedEarly.sum());
    result.put("errors", errors.sum());
    result.put("open_s", fixed(1, openSeconds));
    result.put("window_s", fixed(1, window));
    StringBuilder line = new StringBuilder("FANOUT");
    result.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    System.out.println(line);
  }

  private static String fixed(int decimals, double value) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** The server's CPU use (% of one core) over {@code seconds} with no sockets and no events: what it costs at rest. */
  private static double cpuShare(FanOutProcess server, int seconds) throws InterruptedException {
    Duration before = server.cpu();
    long started = System.nanoTime();
    TimeUnit.SECONDS.sleep(seconds);
    return 100.0 * server.cpu().minus(before).toNanos() / (System.nanoTime() - started);
  }

  private static double millis(Histogram latencies, double percentile) {
    return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1000.0;
  }

  /** Signs in as staff {@code admin} once; every socket then carries the session cookie, as a browser's tabs do. */
  private String signIn(int port, String password) {
    HttpClient client = vertx.createHttpClient();
    try {
      return client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
              .setURI("/api/v1/auth/staff/login").putHeader("Content-Type", "application/json"))
          .compose(request -> request.send(new JsonObject().put("username", "admin").put("password", password).toBuffer()))
          .compose(response -> response.body().map(body -> {
            if (response.statusCode() != 200) {
              throw new IllegalStateException("sign-in answered " + response.statusCode() + ": " + body);
            }
            return response.cookies().stream().filter(c -> c.startsWith("aglis.sid=")).map(c -> c.split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new IllegalStateException("sign-in set no aglis.sid cookie"));
          }))
          .await();
    } finally {
      client.close();
    }
  }

  /** Opens {@code count} sockets, {@link #OPENING_IN_FLIGHT} at a time, each registered; returns how many are. */
  private int openAll(int port, String cookie, int count, int sources) {
    for (int i = 0; i < sources; i++) {
      clients.add(vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(count).setConnectTimeout(30_000)
          .setLocalAddress("127.0.0." + (2 + i))));
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger settled = new AtomicInteger();
    AtomicInteger registered = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    for (int i = 0; i < Math.min(OPENING_IN_FLIGHT, count); i++) {
      openNext(clients, port, cookie, count, next, settled, registered, done);
    }
    done.future().await();
    return registered.get();
  }

  private void openNext(List<WebSocketClient> clients, int port, String cookie, int count, AtomicInteger next, AtomicInteger settled,
                        AtomicInteger registered, Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= count) {
      return;
    }
    open(clients.get(i % clients.size()), port, cookie).onComplete(opened -> {
      if (opened.succeeded()) {
        registered.incrementAndGet();
      } else if (failedToOpen.incrementAndGet() <= 5) {
        log("socket %d: %s", i, opened.cause().getMessage());
      }
      if (settled.incrementAndGet() == count) {
        done.complete();
      }
      openNext(clients, port, cookie, count, next, settled, registered, done);
    });
  }

  /** One socket, registered on {@code ui.wa}: completes when the server said so. */
  private Future<WebSocket> open(WebSocketClient client, int port, String cookie) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(PATH);
    if (cookie != null) {
      options.addHeader("Cookie", cookie);
    }
    return client.connect(options).compose(socket -> {
      Promise<WebSocket> registered = Promise.promise();
      FanOutMeter.Socket state = new FanOutMeter.Socket();
      socket.handler(frame -> {
        switch (meter.receive(frame, state)) {
          case REGISTERED -> registered.tryComplete(socket);
          case ERR -> {
            errors.increment();
            registered.tryFail("the server answered " + frame);
          }
          default -> { }
        }
      });
      long pinger = vertx.setPeriodic(ThreadLocalRandom.current().nextLong(1, 10_000), 10_000, id -> socket.writeTextMessage(PING));
      long openedAt = System.nanoTime();
      socket.closeHandler(v -> {
        vertx.cancelTimer(pinger);
        if (!closing) {
          closedEarly.increment();
          if (closedEarly.sum() <= 3) {
            log("a socket closed %.1f s after it opened, before the end of the run (status %s, reason %s)",
                (System.nanoTime() - openedAt) / 1e9, socket.closeStatusCode(), socket.closeReason());
          }
        }
        registered.tryFail("closed before it was registered");
      });
      socket.writeTextMessage(REGISTER);
      long deadline = vertx.setTimer(30_000, id -> registered.tryFail("not registered within 30 s"));
      return registered.future().andThen(settled -> vertx.cancelTimer(deadline)).onSuccess(s -> {
        synchronized (sockets) {
          sockets.add(s);
        }
      }).onFailure(failed -> socket.close());
    });
  }

  private void closeAll() {
    closing = true;
    List<Future<Void>> closed = new ArrayList<>();
    synchronized (sockets) {
      sockets.forEach(socket -> closed.add(socket.close()));
    }
    Future.join(closed).timeout(60, TimeUnit.SECONDS).otherwiseEmpty().await();
    clients.forEach(WebSocketClient::close);
  }
}
