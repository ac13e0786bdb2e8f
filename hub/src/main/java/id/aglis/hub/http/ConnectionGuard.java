package id.aglis.hub.http;

import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.FailureHandler;
import id.aglis.hub.web.Requests;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps one address, or a few slow clients, from holding all of a node's connections (a process here may
 * open 20,000 files):
 * <ul>
 *   <li>at most {@code maxPerAddress} open connections per client address, counted over every HTTP verticle
 *   of the node; trusted proxies are exempt, since every client behind them shares their address;</li>
 *   <li>the first request's head on a connection must arrive within {@code requestTimeoutMs} of the connection
 *   opening, and each later one's (keep-alive) within {@code idleTimeoutMs} of the previous response; a body, within
 *   {@code requestTimeoutMs} of its head; otherwise the connection is closed, with a 408 when the request's head has
 *   arrived. A request that has arrived whole and is being answered is never cut. (The server's own idle timeout alone would let
 *   a client trickle a byte at a time for ever.)</li>
 * </ul>
 * HTTP/2 connections (many requests at once) keep only the server's idle timeout.
 */
final class ConnectionGuard {

  private final Vertx vertx;
  private final OpenConnections open;
  private final int maxPerAddress;
  private final long requestTimeoutMs;
  private final long idleTimeoutMs;
  private final Set<String> exempt;
  private final Counter refused;
  private final Counter timedOut;
  /** Every request's time to its response's end, with a p95 over the last minute (the console's Performance page). */
  private final Timer requests;
  /** Connections of this verticle instance; touched only on its event loop. */
  private final Map<HttpConnection, Watch> watches = new HashMap<>();

  ConnectionGuard(Vertx vertx, MeterRegistry registry, int maxPerAddress, long requestTimeoutMs, long idleTimeoutMs,
                  List<String> trustedProxies) {
    this.vertx = vertx;
    this.open = vertx.sharedData().<String, OpenConnections>getLocalMap("aglis.http.connections")
        .computeIfAbsent("open", key -> new OpenConnections());
    this.maxPerAddress = maxPerAddress;
    this.requestTimeoutMs = requestTimeoutMs;
    this.idleTimeoutMs = idleTimeoutMs;
    this.exempt = Set.copyOf(trustedProxies);
    this.refused = Counter.builder("aglis_http_connections_refused").description("Connections closed at once: too many from one address")
        .register(registry);
    this.timedOut = Counter.builder("aglis_http_requests_timed_out").description("Connections closed because a request did not arrive in time")
        .register(registry);
    this.requests = Timer.builder("aglis_http_request_seconds").description("HTTP requests, from routing to the response's end")
        .publishPercentiles(0.95).distributionStatisticExpiry(Duration.ofMinutes(1)).distributionStatisticBufferLength(3)
        .register(registry);
  }

  /** Open connections per client address, one table per node (shared by its HTTP verticles). */
  static final class OpenConnections implements Shareable {
    private final ConcurrentHashMap<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();

    int add(String address) {
      return byAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
    }

    void remove(String address) {
      byAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
  }

  /** The server's connection handler. */
  void opened(HttpConnection connection) {
    String address = connection.remoteAddress() == null ? "unknown" : connection.remoteAddress().hostAddress();
    boolean counted = !exempt.contains(address);
    if (counted && open.add(address) > maxPerAddress) {
      open.remove(address);
      refused.increment();
      connection.close();
      return;
    }
    Watch watch = new Watch(connection);
    watches.put(connection, watch);
    connection.closeHandler(closed -> {
      watch.disarm();
      watches.remove(connection);
      if (counted) {
        open.remove(address);
      }
    });
    watch.arm(requestTimeoutMs);
  }

  /** The router's first handler: follows each request until its response ends. */
  void requestStarted(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    long started = System.nanoTime();
    Watch watch = watches.get(request.connection());
    // An upgraded connection carries a WebSocket, not a next request: its liveness is the bridge's pings and the
    // server's idle timeout. (Followed, its end armed the keep-alive deadline, which cut every console's socket a
    // minute after it opened.)
    boolean followed = watch != null && request.version() != HttpVersion.HTTP_2 && !request.canUpgradeToWebSocket();
    if (watch != null && !followed) {
      watch.disarm();
    } else if (followed) {
      watch.current = request;
      // The head is here. A request without a body has arrived whole: the deadline is off (else a request that came
      // just before it, still being routed or waiting for its session, was cut with a 408 while being answered). What
      // is left of one with a body gets the request deadline afresh.
      if (hasBody(request)) {
        watch.arm(requestTimeoutMs);
      } else {
        watch.disarm();
      }
    }
    // One end handler a request: the time for the Performance page, and the next request's deadline. A request that
    // asked to upgrade but was answered as plain HTTP (not 101) leaves an ordinary keep-alive connection: it is watched
    // again, or a fake "Upgrade: websocket" header would switch the guard off for the rest of the connection.
    boolean upgradeRefused = watch != null && !followed && request.version() != HttpVersion.HTTP_2;
    ctx.addEndHandler(ended -> {
      if (!Boolean.TRUE.equals(ctx.get(Requests.UNTIMED))) {
        requests.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      }
      if (followed || (upgradeRefused && ctx.response().getStatusCode() != 101)) {
        watch.current = null;
        watch.served = true;
        watch.arm(idleTimeoutMs);
      }
    });
    ctx.next();
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader(io.vertx.core.http.HttpHeaders.CONTENT_LENGTH);
    return request.getHeader(io.vertx.core.http.HttpHeaders.TRANSFER_ENCODING) != null || (length != null && !length.strip().equals("0"));
  }

  /** The deadline of the next request on one HTTP/1.x connection. */
  private final class Watch {
    private final HttpConnection connection;
    private HttpServerRequest current;
    /** Whether a request was answered on this connection: waiting for the next one is keep-alive, not an attack. */
    private boolean served;
    private long timer = -1;

    Watch(HttpConnection connection) {
      this.connection = connection;
    }

    void arm(long ms) {
      disarm();
      timer = vertx.setTimer(ms, id -> expired());
    }

    void disarm() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }

    private void expired() {
      timer = -1;
      if (current != null && current.isEnded()) {
        return; // arrived whole and is being answered; its end arms the next deadline
      }
      if (current == null && served) {
        connection.close(); // an idle kept-alive connection, as the idle timeout would close it
        return;
      }
      timedOut.increment();
      if (current != null && !current.response().headWritten() && !current.response().ended()) {
        FailureHandler.respondAndClose(current, ApiError.of(408, "request_timeout", "The request did not arrive in time; send it again."));
      } else {
        connection.close();
      }
    }
  }
}
