package id.aglis.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.common.Times;
import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.MovableClock;
import id.aglis.hub.testing.StatusWatcher;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What one recipient is protected from: too many messages in an hour, the same text twice, and promotions at
 * night. The node reads a clock the test moves, so a test never waits for an hour to turn.
 */
@ExtendWith(VertxExtension.class)
class RecipientLimitsTest {

  private static final String DEVICE = "6281100000001";
  private static final String TOKEN = "bearer-token-for-recipient-tests-0123";
  private static final int PER_HOUR = 2;
  private static final AtomicInteger RECIPIENTS = new AtomicInteger();

  private static Vertx fakeVertx;
  private static FakeFonnte fonnte;
  private static TestHub hub;
  private static StatusWatcher watcher;
  /** The node's clock for hours and quiet hours; real time goes on for everything else (leases, due times). */
  private static final MovableClock CLOCK = new MovableClock(Instant.now());

  @BeforeAll
  static void start() {
    fakeVertx = Vertx.vertx();
    fonnte = new FakeFonnte(fakeVertx).device(DEVICE, "token-a");
    fonnte.start().await();
    Map<String, String> env = TestHub.dispatchEnvironment("recipients", fonnte.baseUrl(), TOKEN, Map.of(DEVICE, "token-a"));
    env.put("HUB_WA_RECIPIENT_PER_HOUR", String.valueOf(PER_HOUR));
    env.put("HUB_WA_DEDUPE_MINUTES", "10");
    env.put("HUB_WA_QUIET_HOURS", "21:00-07:00");
    hub = TestHub.start(env, CLOCK);
    watcher = new StatusWatcher(hub.vertx());
  }

  @AfterAll
  static void stop() {
    watcher.close();
    hub.close();
    fonnte.stop().await();
    fakeVertx.close().await();
  }

  /**
   * Half past an hour, so no test sees an hour turn unless it moves the clock; ahead of real time, so the times the
   * node hands out are still to come in real time (the queue's due times and Redis's expiries are real).
   */
  @BeforeEach
  void halfPastAnHour() {
    CLOCK.set(Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(150)));
  }

  private static Browser api(Vertx vertx) {
    return hub.browser(vertx).withBearer(TOKEN);
  }

  private static String recipient() {
    return "62815" + String.format("%08d", 30_000_000 + RECIPIENTS.incrementAndGet());
  }

  private static JsonObject post(Vertx vertx, JsonObject message) {
    HttpResponse<Buffer> response = api(vertx).post("/api/v1/messages", message);
    assertThat(response.statusCode()).as(response.bodyAsString()).isIn(200, 202);
    return api(vertx).get("/api/v1/messages/" + response.bodyAsJsonObject().getString("id")).bodyAsJsonObject();
  }

  private static Instant notBefore(JsonObject message) {
    String text = message.getString("notBefore");
    return text == null ? null : OffsetDateTime.parse(text).toInstant();
  }

  @Test
  @DisplayName("past the hourly cap, messages are scheduled hour by hour, never all at the next hour; urgent ones never wait")
  void hourlyCapSpreadsABurst(Vertx vertx) {
    String to = recipient();
    Instant nextHour = CLOCK.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    List<JsonObject> burst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      burst.add(post(vertx, new JsonObject().put("to", to).put("text", "Tagihan bulan ini, pengingat " + i)));
    }
    assertThat(burst.subList(0, 2)).allSatisfy(m -> {
      assertThat(m.getString("status")).isIn("queued", "sending", "sent");
      assertThat(notBefore(m)).isNull();
    });
    assertThat(burst.subList(2, 5)).allSatisfy(m -> assertThat(m.getString("status")).isEqualTo("scheduled"));
    assertThat(burst.subList(2, 5).stream().map(RecipientLimitsTest::notBefore).toList())
        .containsExactly(nextHour, nextHour, nextHour.plus(1, ChronoUnit.HOURS));

    // A message accepted later queues behind those already waiting.
    assertThat(notBefore(post(vertx, new JsonObject().put("to", to).put("text", "Info promo")))).isEqualTo(nextHour.plus(1, ChronoUnit.HOURS));
    assertThat(notBefore(post(vertx, new JsonObject().put("to", to).put("text", "Info promo 2")))).isEqualTo(nextHour.plus(2, ChronoUnit.HOURS));

    JsonObject urgent = post(vertx, new JsonObject().put("to", to).put("text", "Kode OTP 123456").put("priority", "urgent"));
    assertThat(urgent.getString("status")).isIn("queued", "sending", "sent");
    assertThat(notBefore(urgent)).isNull();
    JsonObject someoneElse = post(vertx, new JsonObject().put("to", recipient()).put("text", "Tagihan bulan ini, pengingat 0"));
    assertThat(notBefore(someoneElse)).isNull();
  }

  @Test
  @DisplayName("a message due in a later hour counts in that hour, and waits for the next one when it is full")
  void laterMessagesCountInTheirOwnHour(Vertx vertx) {
    String to = recipient();
    Instant due = CLOCK.instant().truncatedTo(ChronoUnit.HOURS).plus(3, ChronoUnit.HOURS).plus(5, ChronoUnit.MINUTES);
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      times.add(notBefore(post(vertx, new JsonObject().put("to", to).put("text", "Jadwal pemasangan " + i).put("notBefore", due.toString()))));
    }
    assertThat(times).containsExactly(due, due, due.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS));
    // The hour now is untouched by them.
    assertThat(notBefore(post(vertx, new JsonObject().put("to", to).put("text", "Sekarang juga")))).isNull();
  }

  @Test
  @DisplayName("when the hour turns, the recipient has room again, less what was waiting for that hour")
  void nextHourHasRoom(Vertx vertx) {
    String to = recipient();
    Instant nextHour = CLOCK.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    for (int i = 0; i < 2; i++) {
      assertThat(notBefore(post(vertx, new JsonObject().put("to", to).put("text", "Tagihan, pengingat " + i)))).isNull();
    }
    assertThat(notBefore(post(vertx, new JsonObject().put("to", to).put("text", "Info gangguan")))).isEqualTo(nextHour);

    CLOCK.advance(Duration.ofHours(1));
    // The message that waited for this hour holds one of its two.
    assertThat(notBefore(post(vertx, new JsonObject().put("to", to).put("text", "Info pemulihan")))).isNull();
    assertThat(notBefore(post(vertx, new JsonObject().put("to", to).put("text", "Info promo"))))
        .isEqualTo(nextHour.plus(1, ChronoUnit.HOURS));
  }

  @Test
  @DisplayName("promotions wait out the quiet hours (Asia/Jakarta) while other messages go, and go when they end")
  void promotionsWaitOutTheQuietHours(Vertx vertx) throws InterruptedException {
    LocalDate tomorrow = LocalDate.now(Times.BUSINESS_ZONE).plusDays(1);
    CLOCK.set(tomorrow.atTime(22, 0).atZone(Times.BUSINESS_ZONE).toInstant());
    String to = recipient();
    String promo = post(vertx, new JsonObject().put("to", to).put("text", "Promo 50%!").put("priority", "low")).getString("id");
    String bill = post(vertx, new JsonObject().put("to", to).put("text", "Tagihan Anda sudah terbit.")).getString("id");
    watcher.await(bill, Set.of("sent"), 10_000);
    // Accepted first, yet still waiting: every claim since was made in the quiet hours.
    assertThat(api(vertx).get("/api/v1/messages/" + promo).bodyAsJsonObject().getString("status")).isEqualTo("queued");

    CLOCK.set(tomorrow.plusDays(1).atTime(7, 0).atZone(Times.BUSINESS_ZONE).toInstant());
    watcher.await(promo, Set.of("sent"), 10_000);
  }

  @Test
  @DisplayName("a replayed idempotency key takes none of the recipient's hour")
  void replaysTakeNoHour(Vertx vertx) {
    String to = recipient();
    JsonObject first = post(vertx, new JsonObject().put("to", to).put("text", "Tagihan Anda").put("idempotencyKey", "inv-" + to));
    JsonObject replay = post(vertx, new JsonObject().put("to", to).put("text", "Tagihan Anda (dikirim ulang)")
        .put("idempotencyKey", "inv-" + to));
    assertThat(replay.getString("id")).isEqualTo(first.getString("id"));
    // The second of the hour's two goes now; only a third waits.
    assertThat(notBefore(post(vertx, new JsonObject().put("to", to).put("text", "Info gangguan")))).isNull();
    assertThat(notBefore(post(vertx, new JsonObject().put("to", to).put("text", "Info promo")))).isNotNull();
  }

  @Test
  @DisplayName("the same text to the same recipient within the window is accepted once; the repeat answers with the first")
  void identicalTextIsSentOnce(Vertx vertx) {
    String to = recipient();
    HttpResponse<Buffer> first = api(vertx).post("/api/v1/messages", new JsonObject().put("to", to).put("text", "Gangguan di area Anda"));
    assertThat(first.statusCode()).isEqualTo(202);
    // The same number written the local way is the same recipient.
    HttpResponse<Buffer> again = api(vertx).post("/api/v1/messages", new JsonObject().put("to", "0" + to.substring(2))
        .put("text", "Gangguan di area Anda"));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo(first.bodyAsJsonObject().getString("id"));
    assertThat(again.bodyAsJsonObject().getBoolean("deduplicated")).isTrue();
    HttpResponse<Buffer> other = api(vertx).post("/api/v1/messages", new JsonObject().put("to", to).put("text", "Gangguan sudah pulih"));
    assertThat(other.statusCode()).isEqualTo(202);
    assertThat(other.bodyAsJsonObject().getString("id")).isNotEqualTo(first.bodyAsJsonObject().getString("id"));
  }
}
