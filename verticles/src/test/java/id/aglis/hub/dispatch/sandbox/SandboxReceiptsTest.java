package id.aglis.hub.dispatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sandbox's status callbacks reach the hub the way Fonnte's do: retried until answered 200, 15 attempts at most. */
@ExtendWith(VertxExtension.class)
class SandboxReceiptsTest {

  private static final String SECRET = "sandbox-secret";
  private static final String PATH = "/hooks/fonnte/" + SECRET + "/status";
  /** Short enough that fifteen attempts take a fraction of a second. */
  private static final SandboxReceipts.Backoff QUICK = new SandboxReceipts.Backoff(Duration.ofMillis(5), Duration.ofMillis(20));
  private static final JsonObject CALLBACK = new JsonObject().put("device", "sandbox").put("id", "1770000000000000")
      .put("stateid", "3EB0ABC").put("status", "sent").put("state", "sent");

  private HttpServer hub;

  @AfterEach
  void stop() {
    if (hub != null) {
      await(hub.close());
    }
  }

  private int listen(Vertx vertx, int port, Handler<HttpServerRequest> handler) {
    hub = await(vertx.createHttpServer().requestHandler(handler).listen(port, "127.0.0.1"));
    return hub.actualPort();
  }

  @Test
  @DisplayName("a status callback the hub answers 503 is posted again (the sandbox's own timeline, Fonnte's backoff)")
  void postsAgainAfterAnError(Vertx vertx, VertxTestContext test) throws Exception {
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    int port = listen(vertx, 0, request -> request.body().onSuccess(body -> {
      int attempt = attempts.computeIfAbsent(body.toString(), b -> new AtomicInteger()).incrementAndGet();
      if (attempt == 1) {
        // The hub's database is down for a moment: it cannot record the callback.
        request.response().setStatusCode(503).end();
        return;
      }
      request.response().end("{\"ok\":true}");
      test.completeNow();
    }));

    new SandboxReceipts(vertx, port, SECRET).handle(new SandboxGateway.Accepted("sandbox", "1770000000000001", "6281300000001"));

    assertThat(test.awaitCompletion(15, TimeUnit.SECONDS)).as("a callback was posted again and answered 200").isTrue();
  }

  @Test
  @DisplayName("500, 503 and a dropped connection are retried; the callback is delivered, unchanged, on the 4th attempt")
  void retriedUntilDelivered(Vertx vertx) {
    AtomicInteger requests = new AtomicInteger();
    List<JsonObject> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    int port = listen(vertx, 0, request -> request.body().onSuccess(body -> {
      bodies.add(body.toJsonObject());
      switch (requests.incrementAndGet()) {
        case 1 -> request.response().setStatusCode(500).end();
        case 2 -> request.response().setStatusCode(503).end();
        case 3 -> request.connection().close();
        default -> request.response().end("{\"ok\":true}");
      }
    }));

    int took = await(new SandboxReceipts(vertx, port, SECRET, QUICK).deliver(CALLBACK));

    assertThat(took).isEqualTo(4);
    assertThat(requests).hasValue(4);
    assertThat(bodies).containsOnly(CALLBACK);
  }

  @Test
  @DisplayName("connections refused while the hub is down are retried until it is back")
  void retriedWhileRefused(Vertx vertx) {
    int port = listen(vertx, 0, request -> request.response().end());
    await(hub.close());
    // The hub is down; it comes back on the same port a little later.
    Future<Integer> delivered = new SandboxReceipts(vertx, port, SECRET,
        new SandboxReceipts.Backoff(Duration.ofMillis(50), Duration.ofMillis(50))).deliver(CALLBACK);
    AtomicInteger requests = new AtomicInteger();
    vertx.setTimer(200, t -> vertx.createHttpServer().requestHandler(request -> {
      requests.incrementAndGet();
      request.response().end("{\"ok\":true}");
    }).listen(port, "127.0.0.1").onSuccess(back -> hub = back));

    int took = await(delivered);

    assertThat(took).isGreaterThan(1).isLessThanOrEqualTo(SandboxReceipts.MAX_ATTEMPTS);
    assertThat(requests).hasValue(1);
  }

  @Test
  @DisplayName("after 15 failed attempts the sandbox gives up, having waited out the backoff between them")
  void givesUpAfterFifteen(Vertx vertx) {
    AtomicInteger requests = new AtomicInteger();
    int port = listen(vertx, 0, request -> {
      requests.incrementAndGet();
      request.response().setStatusCode(500).end();
    });
    long waits = IntStream.rangeClosed(1, SandboxReceipts.MAX_ATTEMPTS - 1).mapToLong(n -> QUICK.after(n).toMillis()).sum();

    long startedAt = System.nanoTime();
    Future<Integer> delivered = new SandboxReceipts(vertx, port, SECRET, QUICK).deliver(CALLBACK);

    assertThatThrownBy(() -> await(delivered)).hasMessageContaining("HTTP 500");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt)).isGreaterThanOrEqualTo(waits);
    assertThat(requests).hasValue(15);
  }

  @Test
  @DisplayName("Fonnte-like backoff: 1 s doubling to a one-minute cap, fifteen attempts within about nine minutes")
  void fonnteLikeSchedule() {
    SandboxReceipts.Backoff backoff = SandboxReceipts.Backoff.FONNTE_LIKE;

    List<Long> seconds = IntStream.rangeClosed(1, SandboxReceipts.MAX_ATTEMPTS - 1).mapToObj(backoff::after)
        .map(Duration::toSeconds).toList();

    assertThat(SandboxReceipts.MAX_ATTEMPTS).isEqualTo(15);
    assertThat(seconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L, 60L, 60L, 60L, 60L, 60L);
    assertThat(seconds.stream().mapToLong(Long::longValue).sum()).isEqualTo(543);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException hung) {
      throw new AssertionError("no result within 20 s", hung);
    }
  }
}
