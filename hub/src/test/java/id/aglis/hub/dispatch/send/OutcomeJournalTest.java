package id.aglis.hub.dispatch.send;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import id.aglis.hub.dispatch.sandbox.FakeFonnte.Reply;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.FonnteWatcher;
import id.aglis.hub.testing.StatusWatcher;
import id.aglis.hub.testing.StoppablePostgres;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fonnte accepts a message while PostgreSQL is down, so the hub cannot record {@code sent}: the answer must be
 * kept (in Redis) and recorded when PostgreSQL is back, and the message never sent again. Before the journal,
 * the message went {@code unknown} and was resent once the unknown window passed: a duplicate at the gateway.
 */
@ExtendWith(VertxExtension.class)
class OutcomeJournalTest {

  private static final String DEVICE = "6281100000031";
  private static final String TOKEN = "bearer-token-for-journal-tests-0123";
  private static final String TO = "6281299990031";
  private static final long LEASE_MS = 2_000;
  private static final long WINDOW_MS = 1_000;
  /** How long Fonnte holds its answer: PostgreSQL is stopped while the request is at the gateway. */
  private static final Duration ANSWER_DELAY = Duration.ofSeconds(2);

  @Test
  @DisplayName("an accepted send that PostgreSQL could not record is recorded when it returns, and never sent twice")
  void acceptedDuringAnOutageIsRecordedNotResent(Vertx vertx, @TempDir Path dir) throws Exception {
    Vertx fakeVertx = Vertx.vertx();
    FakeFonnte fonnte = new FakeFonnte(fakeVertx).device(DEVICE, "token-journal");
    fonnte.start().await();
    FonnteWatcher gateway = new FonnteWatcher(fonnte);
    fonnte.replyForTarget(TO, Reply.delay(ANSWER_DELAY, Reply.accept()));
    StoppablePostgres postgres = StoppablePostgres.start(dir.resolve("pg"));
    Map<String, String> env = TestHub.dispatchEnvironment("journal", fonnte.baseUrl(), TOKEN,
        new LinkedHashMap<>(Map.of(DEVICE, "token-journal")));
    env.put("HUB_PG_URI", postgres.uri());
    env.put("HUB_WA_LEASE_SECONDS", String.valueOf(LEASE_MS / 1000));
    env.put("HUB_WA_UNKNOWN_WINDOW_SECONDS", String.valueOf(WINDOW_MS / 1000));
    env.put("HUB_WA_RESEND_UNKNOWN", "true");
    TestHub hub = TestHub.start(env);
    try (StatusWatcher watcher = new StatusWatcher(hub.vertx())) {
      Browser api = hub.browser(vertx).withBearer(TOKEN);
      var posted = api.post("/api/v1/messages", new JsonObject().put("to", TO).put("text", "Tagihan Anda sudah terbit")
          .put("idempotencyKey", "journal-1"));
      assertThat(posted.statusCode()).as(posted.bodyAsString()).isEqualTo(202);
      String id = posted.bodyAsJsonObject().getString("id");
      watcher.await(id, Set.of("sending"), 10_000);
      gateway.awaitTo(TO, 1, 10_000);

      postgres.stop();
      // Fonnte answers "accepted" during the outage; the outage outlasts the lease, so before the journal the
      // message had gone 'unknown' by the time PostgreSQL was back, and was resent after the window.
      Thread.sleep(ANSWER_DELAY.toMillis() + LEASE_MS + 1_000);
      postgres.start();

      assertThat(watcher.await(id, Set.of("sent"), 30_000)).isEqualTo("sent");
      // Nothing signals "no resend": watch through a lease, the window and the settler's round (failing at a resend).
      assertThat(gateway.assertAtMostFor(r -> TO.equals(r.target()), 1, LEASE_MS + WINDOW_MS + 3_000))
          .as("sends of the message at the gateway").hasSize(1);
      JsonObject message = api.get("/api/v1/messages/" + id).bodyAsJsonObject();
      assertThat(message.getString("status")).isEqualTo("sent");
      assertThat(message.encode()).contains("journaled");
    } finally {
      hub.close();
      postgres.close();
      fonnte.stop().await();
      fakeVertx.close().await();
    }
  }

}
