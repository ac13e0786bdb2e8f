package id.aglis.hub.dispatch.fonnte;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * The Fonnte /send call (fonnte-protocol.md §1): one message to one target per request, outcome classified.
 *
 * <p>Built on the core {@link HttpClientAgent}, not WebClient: WebClient only reports "request failed", while
 * the core client hands us the connection first ({@code request()} succeeds only once connected), then a
 * future for the write ({@code end()}) and one for the response. That separates "never connected" and "write
 * failed" (nothing reached Fonnte: safe to retry) from "written, then silence or reset" (Fonnte may have queued
 * it). See {@link SendAttempt}.
 *
 * <p>Thread-safe; one instance is meant to be shared by all sends of a verticle. Logs nothing per send (the
 * caller records outcomes) and never logs or returns the token.
 */
public final class FonnteClient {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
  private static final int POOL_SIZE = 32;
  // Below the keep-alive timeout of common front ends (nginx 75 s, many proxies 60 s): if the server closes
  // an idle connection while we start a send on it, the send is lost in a way that looks like UNKNOWN.
  private static final int KEEP_ALIVE_SECONDS = 20;
  private static final String FORM = "application/x-www-form-urlencoded";

  private final Vertx vertx;
  private final HttpClientAgent client;
  private final Endpoint endpoint;
  private final long timeoutMs;

  /**
   * @param baseUrl like "https://api.fonnte.com" or "http://127.0.0.1:PORT" (a path prefix is kept)
   * @param timeout for the whole exchange, from asking for a connection to the last byte of the reply;
   *     null means {@link #DEFAULT_TIMEOUT}
   */
  public FonnteClient(Vertx vertx, String baseUrl, Duration timeout) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.endpoint = Endpoint.parse(baseUrl);
    this.timeoutMs = Math.max(1, (timeout == null ? DEFAULT_TIMEOUT : timeout).toMillis());
    this.client = vertx.createHttpClient(clientOptions(), new PoolOptions().setHttp1MaxSize(POOL_SIZE));
  }

  public FonnteClient(Vertx vertx, String baseUrl) {
    this(vertx, baseUrl, DEFAULT_TIMEOUT);
  }

  /**
   * POST {baseUrl}/send with {@code Authorization: <token>} (no Bearer prefix, as Fonnte wants) and the form
   * {@code target=<digits>&message=<text>&countryCode=0} (numbers are already normalised to 62…; 0 stops Fonnte
   * rewriting a leading 0). The returned future never fails.
   */
  public Future<SendOutcome> send(String deviceToken, String target, String message) {
    return send(deviceToken, target, message, writtenAt -> { });
  }

  /**
   * As {@link #send(String, String, String)}, telling {@code written} the time (ms) at which the request was handed
   * to the connection in full, or its write failed, as soon as that happens (before the reply); not called when
   * nothing was written (no connection, bad token). Pacing counts from there.
   */
  public Future<SendOutcome> send(String deviceToken, String target, String message, LongConsumer written) {
    Objects.requireNonNull(deviceToken, "deviceToken");
    Objects.requireNonNull(target, "target");
    if (!isUsableToken(deviceToken)) {
      // Nothing to send it with: a retry would fail the same way, so the device needs attention, not backoff.
      return Future.succeededFuture(SendOutcome.noResponse(OutcomeKind.DEVICE_FAILURE,
          "device token is blank or contains control characters"));
    }
    Buffer body = formBody(target, message == null ? "" : message);
    return new SendAttempt(vertx, timeoutMs, deviceToken, written)
        .run(() -> client.request(requestOptions(deviceToken)), body)
        .map(outcome -> outcome.redact(deviceToken));
  }

  public Future<Void> close() {
    return client.close();
  }

  private RequestOptions requestOptions(String deviceToken) {
    return new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setSsl(endpoint.tls())
        .setURI(endpoint.sendPath())
        .setConnectTimeout(timeoutMs)
        .putHeader(HttpHeaders.AUTHORIZATION, deviceToken)
        .putHeader(HttpHeaders.CONTENT_TYPE, FORM)
        .putHeader(HttpHeaders.ACCEPT, "application/json");
  }

  private static HttpClientOptions clientOptions() {
    return new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_1_1)
        .setKeepAlive(true)
        .setKeepAliveTimeout(KEEP_ALIVE_SECONDS)
        .setPipelining(false)
        .setTcpNoDelay(true)
        .setForceSni(true)
        .setVerifyHost(true);
  }

  private static boolean isUsableToken(String token) {
    return !token.isBlank() && token.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
  }

  static Buffer formBody(String target, String message) {
    String form = "target=" + encode(target) + "&message=" + encode(message) + "&countryCode=0";
    return Buffer.buffer(form, StandardCharsets.UTF_8.name());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Where /send lives, checked once so that a wrong FONNTE_BASE_URL fails at start, not on every send. */
  private record Endpoint(boolean tls, String host, int port, String sendPath) {

    static Endpoint parse(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      URI uri = URI.create(baseUrl.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new IllegalArgumentException("Fonnte base URL must be http(s)://host[:port][/prefix], got: " + baseUrl);
      }
      boolean tls = scheme.equals("https");
      int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
      String prefix = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
      return new Endpoint(tls, uri.getHost(), port, prefix + "/send");
    }
  }
}
