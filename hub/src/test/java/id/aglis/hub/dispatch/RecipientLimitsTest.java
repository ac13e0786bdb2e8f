package id.aglis.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What one recipient is protected from: too many messages in an hour, and the same text twice. */
@ExtendWith(VertxExtension.class)
class RecipientLimitsTest {

  private static final String DEVICE = "6281100000001";
  private static final String TOKEN = "bearer-token-for-recipient-tests-0123";
  private static final int PER_HOUR = 2;
  private static final AtomicInteger RECIPIENTS = new AtomicInteger();

  private static Vertx fakeVertx;
  private static FakeFonnte fonnte;
  private static TestHub hub;

  @BeforeAll
  static void start() {
    fakeVertx = Vertx.vertx();
    fonnte = new FakeFonnte(fakeVertx).device(DEVICE, "token-a");
    fonnte.start().await();
    Map<String, String> env = TestHub.dispatchEnvironment("recipients", fonnte.baseUrl(), TOKEN, Map.of(DEVICE, "token-a"));
    env.put("HUB_WA_RECIPIENT_PER_HOUR", String.valueOf(PER_HOUR));
    env.put("HUB_WA_DEDUPE_MINUTES", "10");
    hub = TestHub.start(env);
  }

  @AfterAll
  static void stop() {
    hub.close();
    fonnte.stop().await();
    fakeVertx.close().await();
  }

  /** The hours are clock hours: a test that began a moment before one ends would see two. */
  @BeforeEach
  void notAtTheTurnOfAnHour() throws InterruptedException {
    long intoHour = System.currentTimeMillis() % 3_600_000;
    if (intoHour > 3_600_000 - 15_000) {
      Thread.sleep(3_600_000 - intoHour + 100);
    }
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
    Instant nextHour = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
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
    Instant due = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(3, ChronoUnit.HOURS).plus(5, ChronoUnit.MINUTES);
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      times.add(notBefore(post(vertx, new JsonObject().put("to", to).put("text", "Jadwal pemasangan " + i).put("notBefore", due.toString()))));
    }
    assertThat(times).containsExactly(due, due, due.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS));
    // The hour now is untouched by them.
    assertThat(notBefore(post(vertx, new JsonObject().put("to", to).put("text", "Sekarang juga")))).isNull();
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
