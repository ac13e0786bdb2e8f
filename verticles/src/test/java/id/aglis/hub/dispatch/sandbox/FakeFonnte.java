package id.aglis.hub.dispatch.sandbox;

import id.aglis.hub.dispatch.sandbox.AnswerPolicy.FonnteAnswers;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The {@link SandboxGateway} as tests and benchmarks drive it: scripted {@link Reply replies} add what the real
 * Fonnte does on a bad day, and every request is remembered ({@link #received()}, {@link #rawRequests()}) and
 * announced ({@link #onReceived}). Protocol, quota and ids are the gateway's own, so a script never changes what
 * a well-formed send is answered.
 *
 * <p>Lives in the test jar: the node ships only the gateway. State is safe to read from any thread; requests are
 * served on the event loop of whoever called {@link #start()}.
 */
public final class FakeFonnte {

  /** Default monthly quota of a device: high enough that a benchmark never runs out by accident. */
  public static final long DEFAULT_QUOTA = SandboxGateway.DEFAULT_QUOTA;
  /** How many requests {@link #rawRequests()} keeps (the latest ones). */
  public static final int RAW_REQUESTS_KEPT = 1000;

  /**
   * One request as it arrived, in arrival order. {@code device} is null when the token was unknown, {@code target}
   * is the raw field (comma-separated when several), and {@code providerIds} is empty unless the fake accepted it.
   */
  public record Received(String device, String target, String message, long arrivedAtMillis, long arrivedAtNanos,
                         String contentType, List<String> providerIds) {
  }

  /** The wire view of a request, for protocol assertions: the Authorization header verbatim and every field. */
  public record RawRequest(String authorization, String contentType, Map<String, String> fields) {
  }

  private final Vertx vertx;
  private final SandboxGateway gateway;
  private final Queue<Reply> nextReplies = new ConcurrentLinkedQueue<>();
  private final Map<String, Reply> targetReplies = new ConcurrentHashMap<>();
  private final Queue<Received> received = new ConcurrentLinkedQueue<>();
  private final AtomicInteger receivedCount = new AtomicInteger();
  private final AtomicInteger retained = new AtomicInteger();
  private volatile int retainLimit = Integer.MAX_VALUE;
  private final ArrayDeque<RawRequest> rawRequests = new ArrayDeque<>();
  private volatile Handler<Received> receivedHandler = received -> { };

  public FakeFonnte(Vertx vertx) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.gateway = new SandboxGateway(vertx).answerWith(this::answer).onArrival(this::remember);
  }

  /** Registers a device (a number like 6281100000001) with {@link #DEFAULT_QUOTA}. */
  public FakeFonnte device(String deviceNumber, String token) {
    gateway.device(deviceNumber, token);
    return this;
  }

  /** Registers a device with a monthly quota; once used up, sends get {@code insufficient quota}. */
  public FakeFonnte device(String deviceNumber, String token, long quota) {
    gateway.device(deviceNumber, token, quota);
    return this;
  }

  public Future<FakeFonnte> start() {
    return gateway.start().map(started -> this);
  }

  public int port() {
    return gateway.port();
  }

  public String baseUrl() {
    return gateway.baseUrl();
  }

  /**
   * Serves {@code requests} sends of its own (each on a new connection, with a token no device has), then forgets
   * them. A cold JVM takes hundreds of milliseconds over its first requests (class loading, interpreted code), and
   * stamps them that much late: a test that judges the gaps between arrivals would see the first gap shrink by as
   * much. Call it before what is measured starts sending.
   */
  public Future<Void> warmUp(int requests) {
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    Future<Void> served = Future.succeededFuture();
    for (int i = 0; i < requests; i++) {
      served = served.compose(v -> client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
              .setPort(port()).setURI("/send").putHeader(HttpHeaders.AUTHORIZATION, "warm-up-token")
              .putHeader(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded"))
          .compose(request -> request.send("target=6281200000000&message=warm-up&countryCode=0"))
          .compose(HttpClientResponse::body)
          .mapEmpty());
    }
    return served.eventually(client::close).onSuccess(v -> forgetReceived());
  }

  private void forgetReceived() {
    received.clear();
    receivedCount.set(0);
    retained.set(0);
    synchronized (rawRequests) {
      rawRequests.clear();
    }
  }

  /** Stops listening and drops open connections (a silent reply's too). */
  public Future<Void> stop() {
    return gateway.stop();
  }

  /**
   * Bounds {@link #received()} to the latest {@code limit} requests. Everything is kept by default, which is what
   * tests want; a long benchmark should set a bound, or the list grows without end.
   */
  public FakeFonnte keepReceived(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    retainLimit = limit;
    return this;
  }

  /** A snapshot of everything received so far (or the latest, see {@link #keepReceived}), in arrival order. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /** How many requests arrived in all, without copying them (cheap enough to poll in a benchmark). */
  public int receivedCount() {
    return receivedCount.get();
  }

  /** A snapshot of the latest {@value #RAW_REQUESTS_KEPT} requests as seen on the wire. */
  public List<RawRequest> rawRequests() {
    synchronized (rawRequests) {
      return List.copyOf(rawRequests);
    }
  }

  /** Scripts the reply to the next request that no per-target script claims (FIFO, one use each). */
  public FakeFonnte nextReply(Reply reply) {
    nextReplies.add(Objects.requireNonNull(reply, "reply"));
    return this;
  }

  /** Scripts the reply to every request naming this target (the number before any "|name" part). */
  public FakeFonnte replyForTarget(String target, Reply reply) {
    targetReplies.put(Objects.requireNonNull(target, "target"), Objects.requireNonNull(reply, "reply"));
    return this;
  }

  /** Called on the fake's event loop for each accepted target, once its reply has been written. */
  public FakeFonnte onAccepted(Handler<SandboxGateway.Accepted> handler) {
    gateway.onAccepted(handler);
    return this;
  }

  /**
   * Called on the fake's event loop for each request once it is in {@link #received()}, before it is answered (so
   * also for a delayed or refused one): lets a test await a send instead of polling the list.
   */
  public FakeFonnte onReceived(Handler<Received> handler) {
    receivedHandler = handler == null ? received -> { } : handler;
    return this;
  }

  private GatewayAnswer answer(SendRequest request, FonnteAnswers gateway) {
    return scriptFor(request).answer.apply(vertx, gateway);
  }

  private Reply scriptFor(SendRequest request) {
    if (!targetReplies.isEmpty()) {
      for (String target : request.recipients()) {
        Reply reply = targetReplies.get(target);
        if (reply != null) {
          return reply;
        }
      }
    }
    Reply next = nextReplies.poll();
    return next == null ? Reply.accept() : next;
  }

  private void remember(SandboxGateway.Arrival arrival) {
    SendRequest sent = arrival.request();
    synchronized (rawRequests) {
      if (rawRequests.size() == RAW_REQUESTS_KEPT) {
        rawRequests.removeFirst();
      }
      rawRequests.addLast(new RawRequest(sent.authorization(), sent.contentType(), sent.fields()));
    }
    Received arrived = new Received(arrival.device(), sent.field("target"), sent.field("message"),
        arrival.arrivedAtMillis(), arrival.arrivedAtNanos(), sent.contentType(), arrival.providerIds());
    received.add(arrived);
    receivedCount.incrementAndGet();
    if (retained.incrementAndGet() > retainLimit && received.poll() != null) {
      retained.decrementAndGet();
    }
    receivedHandler.handle(arrived);
  }

  /**
   * How the fake answers one request. {@code accept*} follow the real checks (unknown token, bad JSON, no target
   * and no quota are still refused) and only choose the reply's shape; the others are played back as given.
   */
  public static final class Reply {

    private static final Reply ACCEPT = new Reply("accept", (vertx, gateway) -> gateway.accept());

    private final String name;
    private final BiFunction<Vertx, FonnteAnswers, GatewayAnswer> answer;

    private Reply(String name, BiFunction<Vertx, FonnteAnswers, GatewayAnswer> answer) {
      this.name = name;
      this.answer = answer;
    }

    /** The normal reply: numeric ids, as in live traffic. */
    public static Reply accept() {
      return ACCEPT;
    }

    /** Ids as strings ({@code ["142223099"]}), as in Fonnte's docs. */
    public static Reply acceptWithStringIds() {
      return new Reply("accept_string_ids", (vertx, gateway) -> gateway.accept(Reply::stringIds));
    }

    /** {@code "Status":true} with a capital S, as seen in the wild. */
    public static Reply acceptCapitalStatus() {
      return new Reply("accept_capital_status", (vertx, gateway) -> gateway.accept(Reply::capitalStatus));
    }

    /** HTTP 200 with {@code status:false} and this reason (e.g. "insufficient quota"). */
    public static Reply reject(String reason) {
      Objects.requireNonNull(reason, "reason");
      return new Reply("reject", (vertx, gateway) -> gateway.refuse(reason));
    }

    /** Any status with this body verbatim (JSON content type when it looks like JSON). */
    public static Reply http(int status, String body) {
      String verbatim = body == null ? "" : body;
      return new Reply("http", (vertx, gateway) -> GatewayAnswer.http(status, verbatim));
    }

    /** HTTP 429 with {@code Retry-After: <seconds>}, as a proxy in front of Fonnte would send it. */
    public static Reply tooManyRequests(int retryAfterSeconds) {
      GatewayAnswer tooMany = GatewayAnswer.http(429, "text/plain; charset=utf-8", "Too Many Requests");
      return new Reply("too_many_requests", (vertx, gateway) -> GatewayAnswer.writtenBy(request -> {
        request.response().putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        tooMany.deliver(request);
      }));
    }

    /** Reads the request and never answers (the connection stays open until the client gives up). */
    public static Reply silence() {
      return new Reply("silence", (vertx, gateway) -> GatewayAnswer.writtenBy(request -> { }));
    }

    /** Reads the request, then closes the connection without a reply. */
    public static Reply resetAfterRequest() {
      return new Reply("reset", (vertx, gateway) -> GatewayAnswer.writtenBy(request -> request.connection().close()));
    }

    /** HTTP 200 with a body that is not JSON ({@code <html>oops</html>}). */
    public static Reply garbage() {
      return new Reply("garbage", (vertx, gateway) -> GatewayAnswer.http(200, "<html>oops</html>"));
    }

    /** {@code reply}, written after {@code delay} (ids and quota are taken on arrival, as Fonnte would). */
    public static Reply delay(Duration delay, Reply reply) {
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(reply, "reply");
      return new Reply("delay(" + delay + ", " + reply + ")",
          (vertx, gateway) -> reply.answer.apply(vertx, gateway).delayed(vertx, delay));
    }

    private static JsonObject stringIds(JsonObject accepted) {
      JsonArray ids = new JsonArray();
      accepted.getJsonArray("id").forEach(id -> ids.add(String.valueOf(id)));
      return accepted.put("id", ids);
    }

    /** The same keys in the same order, {@code status} spelled {@code Status}. */
    private static JsonObject capitalStatus(JsonObject accepted) {
      JsonObject reshaped = new JsonObject();
      accepted.forEach(entry -> reshaped.put(entry.getKey().equals("status") ? "Status" : entry.getKey(), entry.getValue()));
      return reshaped;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
