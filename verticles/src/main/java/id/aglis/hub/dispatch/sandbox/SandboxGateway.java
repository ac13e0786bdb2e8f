package id.aglis.hub.dispatch.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A stand-in for api.fonnte.com on 127.0.0.1, speaking the real /send protocol (fonnte-protocol.md §1, §4) with its
 * quirks: HTTP 200 for refusals, {@code status:false} plus a {@code reason}, a {@code requestid} on every reply,
 * numeric ids in parallel with targets (unique across restarts, see {@link ProviderIds}), per-device quota,
 * {@code countryCode} rewriting of a leading 0, and form, multipart or JSON bodies.
 *
 * <p>The node runs one for the sandbox device (no devices configured), whose {@link #onAccepted} receipts make the
 * messages go on to delivered and read ({@link SandboxReceipts}). Tests and benchmarks script it through two
 * extension points: an {@link AnswerPolicy} decides each answer, and {@link #onArrival} sees each request. It keeps
 * no history and does no per-request logging, as it runs as long as the node and stands in for Fonnte in
 * throughput benchmarks. Requests are served on the event loop of whoever called {@link #start()}.
 */
public final class SandboxGateway {

  /** Default monthly quota of a device: high enough that a benchmark never runs out by accident. */
  public static final long DEFAULT_QUOTA = 1_000_000;

  /** One accepted target, for producing the delivery webhooks that the real Fonnte would send later. */
  public record Accepted(String device, String providerId, String target) {
  }

  /**
   * One request as it arrived: the device its token named (null when unknown) and the ids its answer handed out
   * (empty unless accepted).
   */
  public record Arrival(SendRequest request, String device, long arrivedAtMillis, long arrivedAtNanos,
                        List<String> providerIds) {
  }

  private final Vertx vertx;
  private final Map<String, GatewayDevice> devicesByToken = new ConcurrentHashMap<>();
  private final AtomicLong nextRequestId = new AtomicLong(369052479);
  private volatile AnswerPolicy policy = AnswerPolicy.AS_FONNTE;
  private volatile Handler<Accepted> acceptedHandler = accepted -> { };
  private volatile Handler<Arrival> arrivalHandler = arrival -> { };
  private volatile HttpServer server;

  public SandboxGateway(Vertx vertx) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
  }

  /** Registers a device (a number like 6281100000001) with {@link #DEFAULT_QUOTA}. */
  public SandboxGateway device(String deviceNumber, String token) {
    return device(deviceNumber, token, DEFAULT_QUOTA);
  }

  /** Registers a device with a monthly quota; once used up, sends get {@code insufficient quota}. */
  public SandboxGateway device(String deviceNumber, String token, long quota) {
    devicesByToken.put(Objects.requireNonNull(token, "token"), new GatewayDevice(deviceNumber, quota));
    return this;
  }

  /** Answers with {@code policy} from now on ({@link AnswerPolicy#AS_FONNTE} until then). */
  public SandboxGateway answerWith(AnswerPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** Called on the gateway's event loop for each accepted target, once its reply has been written. */
  public SandboxGateway onAccepted(Handler<Accepted> handler) {
    acceptedHandler = handler == null ? accepted -> { } : handler;
    return this;
  }

  /**
   * Called on the gateway's event loop for each request, once its answer is decided and before it is written (so
   * also for a delayed or refused one).
   */
  public SandboxGateway onArrival(Handler<Arrival> handler) {
    arrivalHandler = handler == null ? arrival -> { } : handler;
    return this;
  }

  public Future<SandboxGateway> start() {
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
      throw new IllegalStateException("the sandbox gateway is not started");
    }
    return current.actualPort();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** Stops listening and drops open connections (those of unanswered requests too). */
  public Future<Void> stop() {
    HttpServer current = server;
    server = null;
    return current == null ? Future.succeededFuture() : current.close();
  }

  private void handle(HttpServerRequest request) {
    // Stamped as soon as the request's head is in, before its body is read and parsed: pacing is judged by these.
    long arrivedAtMillis = System.currentTimeMillis();
    long arrivedAtNanos = System.nanoTime();
    if (request.method() != HttpMethod.POST || !"/send".equals(request.path())) {
      request.response().setStatusCode(404).end();
      return;
    }
    SendRequest.read(request)
        .onSuccess(sent -> answer(request, sent, arrivedAtMillis, arrivedAtNanos))
        .onFailure(broken -> request.connection().close());
  }

  private void answer(HttpServerRequest request, SendRequest sent, long arrivedAtMillis, long arrivedAtNanos) {
    GatewayDevice device = sent.authorization() == null ? null : devicesByToken.get(sent.authorization());
    GatewayAnswer answer = policy.answer(sent, new OwnAnswers(device, sent));
    arrivalHandler.handle(new Arrival(sent, device == null ? null : device.number(), arrivedAtMillis, arrivedAtNanos,
        answer.providerIds()));
    answer.deliver(request);
  }

  /** The gateway's own answers to one request, sharing its devices, quotas, ids and request ids. */
  private final class OwnAnswers implements AnswerPolicy.FonnteAnswers {

    private final GatewayDevice device;
    private final SendRequest sent;

    OwnAnswers(GatewayDevice device, SendRequest sent) {
      this.device = device;
      this.sent = sent;
    }

    @Override
    public GatewayAnswer accept(UnaryOperator<JsonObject> shape) {
      if (device == null) {
        return refuse("token invalid");
      }
      if (sent.jsonInvalid()) {
        return refuse("JSON format invalid");
      }
      List<String> targets = Targets.normalised(sent.field("target"), sent.field("countryCode"));
      if (targets.isEmpty()) {
        return refuse("target invalid");
      }
      long remaining = device.take(targets.size());
      if (remaining < 0) {
        return refuse("insufficient quota");
      }
      List<String> ids = new ArrayList<>(targets.size());
      List<Accepted> accepted = new ArrayList<>(targets.size());
      for (String target : targets) {
        String id = ProviderIds.SHARED.next();
        ids.add(id);
        accepted.add(new Accepted(device.number(), id, target));
      }
      JsonObject body = shape.apply(acceptedBody(device, remaining, targets, ids));
      Handler<Accepted> handler = acceptedHandler;
      return GatewayAnswer.accepted(ids, body.encode(), () -> accepted.forEach(handler::handle));
    }

    @Override
    public GatewayAnswer refuse(String reason) {
      JsonObject body = new JsonObject()
          .put("reason", Objects.requireNonNull(reason, "reason"))
          .put("status", false)
          .put("requestid", nextRequestId.getAndIncrement());
      return GatewayAnswer.http(200, body.encode());
    }
  }

  /** Shaped like the reply captured in Feb 2026 (fonnte-protocol.md §1), keys in the same order. */
  private JsonObject acceptedBody(GatewayDevice device, long remaining, List<String> targets, List<String> ids) {
    JsonArray idArray = new JsonArray();
    ids.forEach(id -> idArray.add(Long.parseLong(id)));
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
        .put("status", true)
        .put("target", new JsonArray(new ArrayList<>(targets)));
  }
}
