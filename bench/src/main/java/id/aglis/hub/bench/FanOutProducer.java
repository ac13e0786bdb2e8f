package id.aglis.hub.bench;

import id.aglis.hub.common.Times;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The events: WhatsApp messages posted to the producing node ({@code POST /api/v1/messages}, an API token) at a
 * steady rate. Each is due tomorrow, so it is accepted and recorded as {@code scheduled} on that node (a status
 * change its {@code ui.wa} projection reports in the next frame) and no node's dispatcher sends anything during
 * the run: the node holding the sockets does fan-out and nothing else.
 */
final class FanOutProducer {

  private final Vertx vertx;
  private final HttpClient client;
  private final int port;
  private final String token;
  private final int perSecond;
  private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
  private final AtomicLong sent = new AtomicLong();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private volatile String lastRefusal;
  private long timer = -1;
  private long started;

  FanOutProducer(Vertx vertx, int port, String token, int perSecond) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(8));
    this.port = port;
    this.token = token;
    this.perSecond = perSecond;
  }

  /** Starts posting: as many messages as are due every 10 ms. */
  void start() {
    started = System.nanoTime();
    timer = vertx.setPeriodic(10, id -> {
      long due = (System.nanoTime() - started) * perSecond / 1_000_000_000L;
      while (sent.get() < due) {
        long n = sent.getAndIncrement();
        try {
          post(n);
        } catch (RuntimeException | Error e) {
          refused(e.toString());
        }
      }
    });
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  long accepted() {
    return accepted.sum();
  }

  long refused() {
    return refused.sum();
  }

  String lastRefusal() {
    return lastRefusal;
  }

  private void post(long n) {
    String digits = Long.toString(10_000_000 + n % 90_000_000);
    JsonObject message = new JsonObject().put("to", "0812" + digits).put("text", "Fan-out bench " + run + " #" + n)
        .put("notBefore", Times.iso(Instant.now().plus(Duration.ofDays(1))));
    client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI("/api/v1/messages")
            .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json"))
        .compose(request -> request.send(message.toBuffer()))
        .compose(response -> response.body().map(body -> response.statusCode() == 202 ? null : response.statusCode() + " " + body))
        .onComplete(done -> {
          String refusal = done.failed() ? done.cause().toString() : done.result();
          if (refusal == null) {
            accepted.increment();
          } else {
            refused(refusal);
          }
        });
  }

  private void refused(String why) {
    refused.increment();
    lastRefusal = why;
  }
}
