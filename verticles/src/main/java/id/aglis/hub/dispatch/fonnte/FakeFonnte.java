package id.aglis.hub.dispatch.fonnte;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for api.fonnte.com on 127.0.0.1, speaking the real /send protocol (fonnte-protocol.md §1, §4) with its
 * quirks: HTTP 200 for refusals, {@code status:false} plus a {@code reason}, a {@code requestid} on every reply,
 * numeric ids in parallel with targets (unique across restarts, see {@link FakeMessageIds}), per-device quota, {@code countryCode} rewriting of a leading 0, and form,
 * multipart or JSON bodies. Scripted {@link Reply replies} add what the real one does on a bad day.
 *
 * <p>Used by tests, the sandbox and throughput benchmarks, so it does no per-request logging. State is safe to read
 * from any thread; requests are served on the event loop of whoever called {@link #start()}.
 */
public final class FakeFonnte {

  /** Default monthly quota of a device: high enough that a benchmark never runs out by accident. */
  public static final long DEFAULT_QUOTA = 1_000_000;
  /** How many requests {@link #rawRequests()} keeps (the latest ones). */
  public static final int RAW_REQUESTS_KEPT = 1000;

  /**
   * One request as it arrived, in arrival order. {@code device} is null when the token was unknown, {@code target}
   * is the raw field (comma-separated when several), and {@code providerIds} is empty unless the fake accepted it.
   */
  public record Received(String device, String target, String message, long arrivedAtMillis, long arrivedAtNanos,
                         String contentType, List<String> providerIds) {
  }

  /** One accepted target, for producing the delivery webhooks that the real Fonnte would send later. */
  public record Accepted(String device, String providerId, String target) {
  }

  /** The wire view of a request, for protocol assertions: the Authorization header verbatim and every field. */
  public record RawRequest(String authorization, String contentType, Map<String, String> fields) {
  }

  private final Vertx vertx;
  private final Map<String, FakeDevice> devicesByToken = new ConcurrentHashMap<>();
  private final Queue<Reply> nextReplies = new ConcurrentLinkedQueue<>();
  private final Map<String, Reply> targetReplies = new ConcurrentHashMap<>();
  private final Queue<Received> received = new ConcurrentLinkedQueue<>();
  private final AtomicInteger receivedCount = new AtomicInteger();
  private final AtomicInteger retained = new AtomicInteger();
  private volatile int retainLimit = Integer.MAX_VALUE;
  private final ArrayDeque<RawRequest> rawRequests = new ArrayDeque<>();
  private final FakeMessageIds messageIds;
  private final AtomicLong nextRequestId = new AtomicLong(369052479);
  private volatile Handler<Accepted> acceptedHandler = accepted -> { };
  private volatile Handler<Received> receivedHandler = received -> { };
  private volatile HttpServer server;

  public FakeFonnte(Vertx vertx) {
    this(vertx, FakeMessageIds.SHARED);
  }

  /** With its own id sequence (tests use one on a clock of their own, to stand for a restarted process). */
  FakeFonnte(Vertx vertx, FakeMessageIds messageIds) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.messageIds = Objects.requireNonNull(messageIds, "messageIds");
  }

  /** Registers a device (a number like 6281100000001) with {@link #DEFAULT_QUOTA}. */
  public FakeFonnte device(String deviceNumber, String token) {
    return device(deviceNumber, token, DEFAULT_QUOTA);
  }

  /** Registers a device with a monthly quota; once used up, sends get {@code insufficient quota}. */
  public FakeFonnte device(String deviceNumber, String token, long quota) {
    devicesByToken.put(Objects.requireNonNull(token, "token"), new FakeDevice(deviceNumber, quota));
    return this;
  }

  public Future<FakeFonnte> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true))
        .requestHandler(this::handle)
        .listen()
        .map(listening -> {
          server = listening;
          return this;
        });
  }

  public int port() {
    HttpServer current = server;
    if (current == null) {
      throw new IllegalStateException("FakeFonnte is not started");
    }
    return current.actualPort();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** Stops listening and drops open connections (a silent reply's too). */
  public Future<Void> stop() {
    HttpServer current = server;
    server = null;
    return current == null ? Future.succeededFuture() : current.close();
  }

  /**
   * Bounds {@link #received()} to the latest {@code limit} requests. Everything is kept by default, which is what
   * tests want; a long-lived sandbox or a long benchmark should set a bound, or the list grows without end.
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
  public FakeFonnte onAccepted(Handler<Accepted> handler) {
    acceptedHandler = handler == null ? accepted -> { } : handler;
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

  private void handle(HttpServerRequest request) {
    if (request.method() != HttpMethod.POST || !"/send".equals(request.path())) {
      request.response().setStatusCode(404).end();
      return;
    }
    FakeSendRequest.read(request)
        .onSuccess(sent -> answer(request, sent))
        .onFailure(broken -> request.connection().close());
  }

  private void answer(HttpServerRequest request, FakeSendRequest sent) {
    long arrivedAtMillis = System.currentTimeMillis();
    long arrivedAtNanos = System.nanoTime();
    keepRaw(sent);
    FakeDevice device = sent.authorization() == null ? null : devicesByToken.get(sent.authorization());
    FakeAnswer answer = resolve(scriptFor(sent), device, sent);
    Received arrived = new Received(device == null ? null : device.number(), sent.field("target"), sent.field("message"),
        arrivedAtMillis, arrivedAtNanos, sent.contentType(), answer.providerIds());
    received.add(arrived);
    receivedCount.incrementAndGet();
    if (retained.incrementAndGet() > retainLimit && received.poll() != null) {
      retained.decrementAndGet();
    }
    receivedHandler.handle(arrived);
    answer.deliver(request);
  }

  private Reply scriptFor(FakeSendRequest sent) {
    if (!targetReplies.isEmpty()) {
      for (String target : FakeTargets.rawNumbers(sent.field("target"))) {
        Reply reply = targetReplies.get(target);
        if (reply != null) {
          return reply;
        }
      }
    }
    Reply next = nextReplies.poll();
    return next == null ? Reply.accept() : next;
  }

  private FakeAnswer resolve(Reply reply, FakeDevice device, FakeSendRequest sent) {
    return switch (reply.kind) {
      case ACCEPT, ACCEPT_STRING_IDS, ACCEPT_CAPITAL_STATUS -> accept(reply.kind, device, sent);
      case REJECT -> refusal(reply.text);
      case HTTP -> FakeAnswer.http(reply.status, reply.text);
      case TOO_MANY_REQUESTS -> FakeAnswer.tooManyRequests(reply.status);
      case SILENCE -> FakeAnswer.silence();
      case RESET -> FakeAnswer.reset();
      case GARBAGE -> FakeAnswer.http(200, "<html>oops</html>");
      case DELAY -> resolve(reply.inner, device, sent).delayed(vertx, reply.delay);
    };
  }

  /** What Fonnte does with a well-formed request: the checks in the order its replies suggest, then queueing. */
  private FakeAnswer accept(Reply.Kind flavour, FakeDevice device, FakeSendRequest sent) {
    if (device == null) {
      return refusal("token invalid");
    }
    if (sent.jsonInvalid()) {
      return refusal("JSON format invalid");
    }
    List<String> targets = FakeTargets.normalised(sent.field("target"), sent.field("countryCode"));
    if (targets.isEmpty()) {
      return refusal("target invalid");
    }
    long remaining = device.take(targets.size());
    if (remaining < 0) {
      return refusal("insufficient quota");
    }
    List<String> ids = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      ids.add(messageIds.next());
    }
    JsonObject body = acceptedBody(flavour, device, remaining, targets, ids);
    List<Accepted> accepted = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      accepted.add(new Accepted(device.number(), ids.get(i), targets.get(i)));
    }
    Handler<Accepted> handler = acceptedHandler;
    return FakeAnswer.accepted(ids, body.encode(), () -> accepted.forEach(handler::handle));
  }

  /** Shaped like the reply captured in Feb 2026 (fonnte-protocol.md §1), keys in the same order. */
  private JsonObject acceptedBody(Reply.Kind flavour, FakeDevice device, long remaining, List<String> targets,
                                  List<String> ids) {
    JsonArray idArray = new JsonArray();
    ids.forEach(id -> idArray.add(flavour == Reply.Kind.ACCEPT_STRING_IDS ? id : (Object) Long.parseLong(id)));
    JsonObject quota = new JsonObject().put(device.number(), new JsonObject()
        .put("details", "deduced from total quota")
        .put("quota", device.quota())
        .put("remaining", remaining)
        .put("used", targets.size()));
    return new JsonObject()
        .put("detail", "success! message in queue")
        .put("id", idArray)
        .put("process", "pending")
        .put("quota", quota)
        .put("requestid", nextRequestId.getAndIncrement())
        .put(flavour == Reply.Kind.ACCEPT_CAPITAL_STATUS ? "Status" : "status", true)
        .put("target", new JsonArray(new ArrayList<>(targets)));
  }

  private FakeAnswer refusal(String reason) {
    JsonObject body = new JsonObject()
        .put("reason", reason)
        .put("status", false)
        .put("requestid", nextRequestId.getAndIncrement());
    return FakeAnswer.http(200, body.encode());
  }

  private void keepRaw(FakeSendRequest sent) {
    RawRequest raw = new RawRequest(sent.authorization(), sent.contentType(),
        Collections.unmodifiableMap(sent.fields()));
    synchronized (rawRequests) {
      if (rawRequests.size() == RAW_REQUESTS_KEPT) {
        rawRequests.removeFirst();
      }
      rawRequests.addLast(raw);
    }
  }

  /**
   * How the fake answers one request. {@code accept*} follow the real checks (unknown token, bad JSON, no target
   * and no quota are still refused) and only choose the reply's flavour; the others are played back as given.
   */
  public static final class Reply {

    enum Kind { ACCEPT, ACCEPT_STRING_IDS, ACCEPT_CAPITAL_STATUS, REJECT, HTTP, TOO_MANY_REQUESTS, SILENCE, RESET,
      GARBAGE, DELAY }

    private static final Reply ACCEPT = new Reply(Kind.ACCEPT, 0, null, null, null);

    final Kind kind;
    final int status;
    final String text;
    final Duration delay;
    final Reply inner;

    private Reply(Kind kind, int status, String text, Duration delay, Reply inner) {
      this.kind = kind;
      this.status = status;
      this.text = text;
      this.delay = delay;
      this.inner = inner;
    }

    /** The normal reply: numeric ids, as in live traffic. */
    public static Reply accept() {
      return ACCEPT;
    }

    /** Ids as strings ({@code ["142223099"]}), as in Fonnte's docs. */
    public static Reply acceptWithStringIds() {
      return new Reply(Kind.ACCEPT_STRING_IDS, 0, null, null, null);
    }

    /** {@code "Status":true} with a capital S, as seen in the wild. */
    public static Reply acceptCapitalStatus() {
      return new Reply(Kind.ACCEPT_CAPITAL_STATUS, 0, null, null, null);
    }

    /** HTTP 200 with {@code status:false} and this reason (e.g. "insufficient quota"). */
    public static Reply reject(String reason) {
      return new Reply(Kind.REJECT, 200, Objects.requireNonNull(reason, "reason"), null, null);
    }

    /** Any status with this body verbatim (JSON content type when it looks like JSON). */
    public static Reply http(int status, String body) {
      return new Reply(Kind.HTTP, status, body == null ? "" : body, null, null);
    }

    /** HTTP 429 with {@code Retry-After: <seconds>}, as a proxy in front of Fonnte would send it. */
    public static Reply tooManyRequests(int retryAfterSeconds) {
      return new Reply(Kind.TOO_MANY_REQUESTS, retryAfterSeconds, null, null, null);
    }

    /** Reads the request and never answers (the connection stays open until the client gives up). */
    public static Reply silence() {
      return new Reply(Kind.SILENCE, 0, null, null, null);
    }

    /** Reads the request, then closes the connection without a reply. */
    public static Reply resetAfterRequest() {
      return new Reply(Kind.RESET, 0, null, null, null);
    }

    /** HTTP 200 with a body that is not JSON ({@code <html>oops</html>}). */
    public static Reply garbage() {
      return new Reply(Kind.GARBAGE, 0, null, null, null);
    }

    /** {@code reply}, written after {@code delay} (ids and quota are taken on arrival, as Fonnte would). */
    public static Reply delay(Duration delay, Reply reply) {
      return new Reply(Kind.DELAY, 0, null, Objects.requireNonNull(delay, "delay"), Objects.requireNonNull(reply));
    }

    @Override
    public String toString() {
      return kind == Kind.DELAY ? "delay(" + delay + ", " + inner + ")" : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
