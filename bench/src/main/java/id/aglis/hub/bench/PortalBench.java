package id.aglis.hub.bench;

import static id.aglis.hub.bench.BenchMain.log;
import static id.aglis.hub.bench.BenchMain.options;
import static id.aglis.hub.bench.BenchMain.ownCpu;
import static id.aglis.hub.bench.BenchMain.required;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The customer portal under a crowd, on one hub node: N customers, each signing in once (spread over the warm-up)
 * and then browsing as a person does, one page's request at a time with a think time before each: who am I, my
 * invoices, my payments, my tickets, and one time in {@code pdfEvery} after the invoices an invoice's PDF; meanwhile
 * {@code staff} consoles are open, each with its own session, a bridge socket registered on the streams the console
 * watches ({@code ui.ops}, {@code ui.wa}, {@code ui.tickets}), pinging every 10 s, and polling the ticket summary every
 * 10 s. Requests that start in the measured window are timed per endpoint (request written to whole body read, the
 * client's connection-pool wait included) and every answer that is not 2xx, or no answer, is an error. Sign-ins
 * (Argon2id on the hub's worker pool) are timed over the whole run and shown on a line of their own.
 *
 * <p>Seeds first (with the bootstrap token): N customers with passwords, two invoices each (last month's and this
 * month's), a payment covering last month's for every second customer, a ticket for every third.
 *
 * <p>Usage: PortalBench --port P --token T --admin-password PW --pid HUBPID [--customers 1000] [--seconds 60]
 * [--warmup 60] [--settle 300] [--staff 50] [--think-ms 2000-5000] [--pdf-every 10] [--seed-in-flight 8] [--pool customers+staff+16]
 */
public final class PortalBench {

  private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
  private static final String PASSWORD_PREFIX = "pelanggan-bench-";
  private static final List<String> STAFF_STREAMS = List.of("ui.ops", "ui.wa", "ui.tickets");
  private static final String PING = new JsonObject().put("type", "ping").encode();
  private static final String SIGN_IN = "POST /auth/customer/login";
  /** Rows in the table, in this order. */
  private static final List<String> ENDPOINTS = List.of("GET /auth/me", "GET /portal/invoices", "GET /portal/payments",
      "GET /portal/tickets", "GET /portal/invoices/{id}/pdf", "GET /tickets/summary (staff)");

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
  private final Map<String, String> o;
  private final int port;
  private final WebClient client;
  private final Map<String, Histogram> measured = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errorsOutside = new ConcurrentHashMap<>();
  private final Map<String, String> lastError = new ConcurrentHashMap<>();
  private final Map<String, String> firstError = new ConcurrentHashMap<>();
  private final LongAdder signInsInFlight = new LongAdder();
  private final Histogram signIns = new Histogram(3_600_000_000L, 3);
  private final LongAdder signInErrors = new LongAdder();
  private final LongAdder frames = new LongAdder();
  private final LongAdder bridgeErrors = new LongAdder();
  private final LongAdder socketsClosed = new LongAdder();
  private final List<WebSocket> sockets = new ArrayList<>();
  private volatile boolean inWindow;
  private volatile boolean stopping;

  private PortalBench(Map<String, String> o) {
    this.o = o;
    this.port = Integer.parseInt(required(o, "port"));
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
            .setFollowRedirects(false).setKeepAlive(true).setConnectTimeout(30_000).setIdleTimeout(0)
            // Below the hub's 60 s keep-alive deadline (HUB_HTTP_IDLE_TIMEOUT_SECONDS): with the client's default, also
            // 60 s, a pooled connection was now and then reused just as the hub closed it (reset, or a 408).
            .setKeepAliveTimeout(30),
        // A connection per phone and console by default, as they would each have: with fewer, sign-ins waiting for Argon2
        // held the pool and the GETs behind them timed out in the client ("getting a connection"), not in the hub.
        new PoolOptions().setHttp1MaxSize(Integer.parseInt(o.getOrDefault("pool",
            String.valueOf(Integer.parseInt(o.getOrDefault("customers", "1000")) + Integer.parseInt(o.getOrDefault("staff", "50")) + 16))))
            .setMaxWaitQueueSize(-1));
    for (String endpoint : ENDPOINTS) {
      measured.put(endpoint, new Histogram(3_600_000_000L, 3));
      errors.put(endpoint, new LongAdder());
      errorsOutside.put(endpoint, new LongAdder());
    }
  }

  public static void main(String[] args) {
    try {
      new PortalBench(options(args)).run();
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private void run() throws Exception {
    int customers = Integer.parseInt(o.getOrDefault("customers", "1000"));
    int seconds = Integer.parseInt(o.getOrDefault("seconds", "60"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "60"));
    int staff = Integer.parseInt(o.getOrDefault("staff", "50"));
    FanOutProcess hub = new FanOutProcess(Long.parseLong(required(o, "pid")));

    long seedStarted = System.nanoTime();
    List<String> customerNos = seed(customers);
    log("seeded %d customers (2 invoices each, %d payments, %d tickets) in %.1f s", customerNos.size(), customers / 2,
        (customers + 2) / 3, (System.nanoTime() - seedStarted) / 1e9);

    for (int i = 0; i < staff; i++) {
      openConsole(i).await();
    }
    log("%d staff consoles open (%s each), polling /tickets/summary every 10 s", staff, String.join(", ", STAFF_STREAMS));

    long started = System.nanoTime();
    // Sign-ins spread over the first 80 % of the warm-up, so every customer is browsing before the window opens.
    double spacingMs = warmup * 800.0 / Math.max(1, customers);
    for (int i = 0; i < customers; i++) {
      String login = customerNos.get(i);
      String password = PASSWORD_PREFIX + i;
      int index = i;
      signInsInFlight.increment();
      vertx.setTimer(1 + (long) (i * spacingMs), id -> new Customer(login, password, index).start());
    }
    TimeUnit.SECONDS.sleep(warmup);
    log("warm-up done: %d sign-ins, %d failed, %d still waiting for an answer", signIns.getTotalCount(), signInErrors.sum(),
        signInsInFlight.sum());
    // The window measures browsing: it opens once every sign-in has been answered (at most --settle seconds more), so
    // the sign-ins' Argon2 work is not in it; they are reported on their own line. --settle 0 opens it at once.
    long settleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.parseInt(o.getOrDefault("settle", "300")));
    long settleStarted = System.nanoTime();
    while (signInsInFlight.sum() > 0 && System.nanoTime() < settleUntil) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    log("window opens %.1f s after the warm-up, %d sign-ins still unanswered", (System.nanoTime() - settleStarted) / 1e9,
        signInsInFlight.sum());
    TimeUnit.SECONDS.sleep(2);

    Duration hubCpuBefore = hub.cpu();
    Duration ownCpuBefore = ownCpu();
    long[] machineBefore = machineCpu();
    long windowStarted = System.nanoTime();
    inWindow = true;
    TimeUnit.SECONDS.sleep(seconds);
    inWindow = false;
    double window = (System.nanoTime() - windowStarted) / 1e9;
    double hubCpu = 100 * (hub.cpu().minus(hubCpuBefore).toNanos() / 1e9) / window;
    double ownCpu = 100 * (ownCpu().minus(ownCpuBefore).toNanos() / 1e9) / window;
    long[] machineAfter = machineCpu();
    double machineBusy = 100.0 * (machineAfter[0] - machineBefore[0]) / Math.max(1, machineAfter[1] - machineBefore[1]);
    stopping = true;

    print(customers, staff, seconds, warmup, window, hubCpu, ownCpu, machineBusy);
    log("run took %.0f s after seeding", (System.nanoTime() - started) / 1e9);
  }

  // ---- seeding -----------------------------------------------------------------------------------------------------

  private List<String> seed(int customers) {
    String token = required(o, "token");
    int inFlight = Integer.parseInt(o.getOrDefault("seed-in-flight", "8"));
    String[] numbers = new String[customers];
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < inFlight; lane++) {
      lanes.add(seedLane(token, numbers, next));
    }
    Future.all(lanes).await();
    return List.of(numbers);
  }

  private Future<Void> seedLane(String token, String[] numbers, AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= numbers.length) {
      return Future.succeededFuture();
    }
    return seedOne(token, i).compose(no -> {
      numbers[i] = no;
      if ((i + 1) % 100 == 0) {
        log("seeded %d", i + 1);
      }
      return seedLane(token, numbers, next);
    });
  }

  private Future<String> seedOne(String token, int i) {
    LocalDate today = LocalDate.now(WIB);
    LocalDate lastMonth = today.withDayOfMonth(1).minusMonths(1);
    JsonObject customer = new JsonObject().put("name", "Pelanggan Bench " + i).put("plan", "Rumah 20 Mbps")
        .put("address", "Jl. Bench No. " + i + ", Sleman").put("password", PASSWORD_PREFIX + i);
    return bearer(token, HttpMethod.POST, "/api/v1/customers", customer, 201).compose(created -> {
      String no = created.getString("customerNo");
      String previous = String.format("INV-B-%s-%06d", lastMonth.toString().substring(0, 7), i);
      String current = String.format("INV-B-%s-%06d", today.toString().substring(0, 7), i);
      Future<JsonObject> first = bearer(token, HttpMethod.POST, "/api/v1/invoices", invoice(previous, no, lastMonth), 201);
      Future<JsonObject> second = first.compose(x -> bearer(token, HttpMethod.POST, "/api/v1/invoices",
          invoice(current, no, today.withDayOfMonth(1)), 201));
      Future<JsonObject> payment = i % 2 != 0 ? second : second.compose(x -> bearer(token, HttpMethod.POST, "/api/v1/payments",
          new JsonObject().put("reference", "BENCH-PAY-" + i).put("invoiceNumber", previous).put("amount", 350_000)
              .put("method", "va_bca").put("paidAt", lastMonth.plusDays(9) + "T10:00:00+07:00"), 201));
      Future<JsonObject> ticket = i % 3 != 0 ? payment : payment.compose(x -> bearer(token, HttpMethod.POST, "/api/v1/tickets",
          new JsonObject().put("customerNo", no).put("category", "gangguan").put("subject", "Internet lambat malam hari")
              .put("description", "Kecepatan turun setiap malam sejak minggu lalu."), 201));
      return ticket.map(no);
    });
  }

  private static JsonObject invoice(String number, String customerNo, LocalDate issued) {
    return new JsonObject().put("number", number).put("customerNo", customerNo).put("period", issued.toString().substring(0, 7))
        .put("issueDate", issued.toString()).put("dueDate", issued.plusDays(19).toString())
        .put("lines", new JsonArray().add(new JsonObject().put("description", "Paket Rumah 20 Mbps").put("amount", 300_000))
            .add(new JsonObject().put("description", "Sewa perangkat ONT").put("amount", 50_000)));
  }

  private Future<JsonObject> bearer(String token, HttpMethod method, String path, JsonObject body, int expected) {
    return client.request(method, path).timeout(60_000).putHeader("Authorization", "Bearer " + token)
        .putHeader("Accept", "application/json").sendJsonObject(body).map(response -> {
          if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.bodyAsString());
          }
          return response.bodyAsJsonObject();
        });
  }

  // ---- customers ---------------------------------------------------------------------------------------------------

  /** One person with a phone: signs in once, then one request per page view, a think time before each. */
  private final class Customer {
    private final String login;
    private final String password;
    private final String address;
    private String cookies;
    private List<Long> invoiceIds = List.of();
    private int step;

    Customer(String login, String password, int i) {
      this.login = login;
      this.password = password;
      // Each phone its own address, as the hub sees them behind its TLS proxy (HUB_TRUSTED_PROXIES=127.0.0.1): one
      // address for all would make the sign-in throttle's per-address count of attempts in flight the limit.
      this.address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
    }

    void start() {
      long t0 = System.nanoTime();
      client.post("/api/v1/auth/customer/login").timeout(60_000).putHeader("Accept", "application/json")
          .putHeader("X-Forwarded-For", address)
          .sendJsonObject(new JsonObject().put("login", login).put("password", password))
          .onComplete(done -> {
            signInsInFlight.decrement();
            long micros = (System.nanoTime() - t0) / 1000;
            if (done.succeeded() && done.result().statusCode() == 200) {
              synchronized (signIns) {
                signIns.recordValue(micros);
              }
              cookies = cookieHeader(done.result().cookies());
              think();
            } else {
              signInErrors.increment();
              firstError.putIfAbsent(SIGN_IN, done.succeeded() ? done.result().statusCode() + " " + done.result().bodyAsString() : done.cause().toString());
              lastError.put(SIGN_IN, done.succeeded() ? done.result().statusCode() + " " + done.result().bodyAsString() : done.cause().toString());
            }
          });
    }

    private void think() {
      if (stopping) {
        return;
      }
      long[] range = thinkRange();
      vertx.setTimer(ThreadLocalRandom.current().nextLong(range[0], range[1] + 1), id -> next());
    }

    private void next() {
      int pdfEvery = Integer.parseInt(o.getOrDefault("pdf-every", "10"));
      String endpoint;
      String path;
      switch (step++ % 4) {
        case 0 -> { endpoint = "GET /auth/me"; path = "/api/v1/auth/me"; }
        case 1 -> { endpoint = "GET /portal/invoices"; path = "/api/v1/portal/invoices"; }
        case 2 -> {
          if (!invoiceIds.isEmpty() && ThreadLocalRandom.current().nextInt(pdfEvery) == 0) {
            step--; // the PDF is an extra page view after the invoices; the payments come next time
            endpoint = "GET /portal/invoices/{id}/pdf";
            path = "/api/v1/portal/invoices/" + invoiceIds.get(ThreadLocalRandom.current().nextInt(invoiceIds.size())) + "/pdf";
            invoiceIds = List.of(); // one PDF per visit to the invoices at most
          } else {
            endpoint = "GET /portal/payments";
            path = "/api/v1/portal/payments";
          }
        }
        default -> { endpoint = "GET /portal/tickets"; path = "/api/v1/portal/tickets"; }
      }
      timedGet(endpoint, path, cookies, address).onSuccess(response -> {
        if (endpoint.equals("GET /portal/invoices")) {
          invoiceIds = response.bodyAsJsonObject().getJsonArray("items").stream().map(i -> ((JsonObject) i).getLong("id")).toList();
        }
      }).onComplete(x -> think());
    }
  }

  private Future<HttpResponse<Buffer>> timedGet(String endpoint, String path, String cookies, String address) {
    boolean counted = inWindow;
    long t0 = System.nanoTime();
    HttpRequest<Buffer> request = client.get(path).timeout(30_000).putHeader("Cookie", cookies).putHeader("X-Forwarded-For", address);
    if (!endpoint.endsWith("/pdf")) {
      request.putHeader("Accept", "application/json");
    }
    return request.send().transform(done -> {
      long micros = (System.nanoTime() - t0) / 1000;
      boolean ok = done.succeeded() && done.result().statusCode() / 100 == 2;
      if (!ok) {
        (counted ? errors : errorsOutside).get(endpoint).increment();
        firstError.putIfAbsent(endpoint, done.succeeded() ? done.result().statusCode() + " " + done.result().bodyAsString() : done.cause().toString());
        lastError.put(endpoint, done.succeeded() ? done.result().statusCode() + " " + done.result().bodyAsString() : done.cause().toString());
        return Future.failedFuture(done.succeeded() ? new IllegalStateException("status " + done.result().statusCode()) : done.cause());
      }
      if (counted) {
        Histogram histogram = measured.get(endpoint);
        synchronized (histogram) {
          histogram.recordValue(micros);
        }
      }
      return Future.succeededFuture(done.result());
    });
  }

  // ---- staff consoles ----------------------------------------------------------------------------------------------

  /** A console tab: its own sign-in, its socket on the staff streams, and the summary poll. */
  private Future<Void> openConsole(int i) {
    return client.post("/api/v1/auth/staff/login").timeout(60_000).putHeader("Accept", "application/json")
        .putHeader("X-Forwarded-For", "10.255.0." + i)
        .sendJsonObject(new JsonObject().put("username", "admin").put("password", required(o, "admin-password")))
        .compose(response -> {
          if (response.statusCode() != 200) {
            return Future.failedFuture("staff sign-in answered " + response.statusCode() + ": " + response.bodyAsString());
          }
          String cookies = cookieHeader(response.cookies());
          return openSocket(cookies).map(socket -> {
            vertx.setPeriodic(ThreadLocalRandom.current().nextLong(1, 10_000), 10_000, id -> {
              if (!stopping) {
                timedGet("GET /tickets/summary (staff)", "/api/v1/tickets/summary", cookies, "10.255.0." + i);
              }
            });
            return null;
          });
        });
  }

  private WebSocketClient sockets() {
    return vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1000).setConnectTimeout(30_000));
  }

  private WebSocketClient socketClient;

  private Future<WebSocket> openSocket(String cookies) {
    if (socketClient == null) {
      socketClient = sockets();
    }
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/eventbus/websocket")
        .addHeader("Cookie", cookies).addHeader("Origin", "http://127.0.0.1:" + port);
    return socketClient.connect(options).compose(socket -> {
      Promise<WebSocket> registered = Promise.promise();
      AtomicInteger pending = new AtomicInteger(STAFF_STREAMS.size());
      socket.handler(data -> {
        JsonObject frame = data.toJsonObject();
        String type = frame.getString("type");
        if ("registered".equals(type) && pending.decrementAndGet() == 0) {
          registered.tryComplete(socket);
        } else if ("err".equals(type)) {
          bridgeErrors.increment();
          registered.tryFail("the bridge answered " + frame.encode());
        } else if ("rec".equals(type) && inWindow) {
          frames.increment();
        }
      });
      long pinger = vertx.setPeriodic(ThreadLocalRandom.current().nextLong(1, 10_000), 10_000, id -> socket.writeTextMessage(PING));
      socket.closeHandler(v -> {
        vertx.cancelTimer(pinger);
        if (!stopping) {
          socketsClosed.increment();
        }
        registered.tryFail("closed before it was registered");
      });
      for (String stream : STAFF_STREAMS) {
        socket.writeTextMessage(new JsonObject().put("type", "register").put("address", stream).encode());
      }
      return registered.future().timeout(30, TimeUnit.SECONDS).onSuccess(s -> {
        synchronized (sockets) {
          sockets.add(s);
        }
      });
    });
  }

  // ---- results -----------------------------------------------------------------------------------------------------

  private void print(int customers, int staff, int seconds, int warmup, double window, double hubCpu, double ownCpu, double machineBusy) {
    long[] think = thinkRange();
    System.out.printf(Locale.ROOT, "%nportal: %d customers (think %d–%d ms, a PDF after 1 in %s invoice views), %d staff consoles; "
            + "%d s warm-up, %.1f s measured%n%n", customers, think[0], think[1], o.getOrDefault("pdf-every", "10"), staff, warmup, window);
    System.out.println("| endpoint | requests | per s | p50 ms | p95 ms | p99 ms | max ms | errors |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    long total = 0;
    long totalErrors = 0;
    Histogram all = new Histogram(3_600_000_000L, 3);
    for (String endpoint : ENDPOINTS) {
      Histogram h = measured.get(endpoint);
      long errorCount = errors.get(endpoint).sum();
      synchronized (h) {
        all.add(h);
        row(endpoint, h, window, errorCount);
        total += h.getTotalCount();
      }
      totalErrors += errorCount;
    }
    row("**all of the above**", all, window, totalErrors);
    System.out.println();
    synchronized (signIns) {
      System.out.printf(Locale.ROOT, "sign-ins (%s, whole run, spread over the warm-up): %d, p50 %s ms, p95 %s ms, p99 %s ms, max %s ms, "
              + "%d failed%n", SIGN_IN, signIns.getTotalCount(), ms(signIns, 50), ms(signIns, 95), ms(signIns, 99), max(signIns),
          signInErrors.sum());
    }
    long outside = errorsOutside.values().stream().mapToLong(LongAdder::sum).sum();
    System.out.printf(Locale.ROOT, "errors outside the window (warm-up): %d; bridge: %d err frames, %d sockets closed by the hub, "
        + "%d frames received in the window%n", outside, bridgeErrors.sum(), socketsClosed.sum(), frames.sum());
    System.out.printf(Locale.ROOT, "CPU in the window: hub JVM %.0f %% of one core, this client %.0f %%, whole machine %.0f %% busy "
        + "(of %d cores; PostgreSQL and Redis are the hub's child processes, counted in the machine only)%n", hubCpu, ownCpu, machineBusy,
        Runtime.getRuntime().availableProcessors());
    firstError.forEach((endpoint, error) -> System.out.println("first error on " + endpoint + ": " + abbreviate(error)));
    lastError.forEach((endpoint, error) -> System.out.println("last error on " + endpoint + ": " + abbreviate(error)));
    double worst = ENDPOINTS.stream().mapToDouble(e -> measured.get(e).getTotalCount() == 0 ? 0 : measured.get(e).getValueAtPercentile(99) / 1000.0)
        .max().orElse(0);
    System.out.printf(Locale.ROOT, "%ngoal, p99 under 150 ms on every endpoint: %s (worst p99 %.1f ms); zero errors: %s (%d)%n",
        worst < 150 && total > 0 ? "met" : "not met", worst, totalErrors == 0 && signInErrors.sum() == 0 ? "met" : "not met",
        totalErrors + signInErrors.sum());
  }

  private static void row(String endpoint, Histogram h, double window, long errorCount) {
    System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %s | %s | %s | %s | %d |%n", endpoint, h.getTotalCount(), h.getTotalCount() / window,
        ms(h, 50), ms(h, 95), ms(h, 99), max(h), errorCount);
  }

  private static String ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? "–" : String.format(Locale.ROOT, "%.1f", h.getValueAtPercentile(percentile) / 1000.0);
  }

  private static String max(Histogram h) {
    return h.getTotalCount() == 0 ? "–" : String.format(Locale.ROOT, "%.1f", h.getMaxValue() / 1000.0);
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  // ---- plumbing ----------------------------------------------------------------------------------------------------

  private long[] thinkRange() {
    String[] parts = o.getOrDefault("think-ms", "2000-5000").split("-");
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[parts.length - 1])};
  }

  /** The {@code name=value} pairs of Set-Cookie headers as one Cookie header (aglis.sid and XSRF-TOKEN). */
  private static String cookieHeader(List<String> setCookies) {
    StringBuilder header = new StringBuilder();
    for (String setCookie : setCookies) {
      if (header.length() > 0) {
        header.append("; ");
      }
      header.append(setCookie.split(";", 2)[0]);
    }
    if (header.indexOf("aglis.sid=") < 0) {
      throw new IllegalStateException("sign-in set no aglis.sid cookie: " + setCookies);
    }
    return header.toString();
  }

  /** {busy, total} jiffies of the whole machine, from /proc/stat. */
  private static long[] machineCpu() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (Exception e) {
      return new long[] {0, 0};
    }
  }
}
