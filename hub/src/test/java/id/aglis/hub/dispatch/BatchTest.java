package id.aglis.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /messages/batch} from both kinds of client, stored whole or not at all, and idempotent. */
@ExtendWith(VertxExtension.class)
class BatchTest {

  private static final String TOKEN = "bearer-token-for-batch-tests-0123456";
  /** Each test draws its recipients from its own block, so counts per test are exact. */
  private static final AtomicInteger BLOCKS = new AtomicInteger();

  private static TestHub hub;
  private static String jdbcUrl;

  @BeforeAll
  static void start() {
    Map<String, String> env = TestHub.environment("batch");
    env.put("HUB_BOOTSTRAP_TOKEN", TOKEN);
    env.put("HUB_WA_RECIPIENT_PER_HOUR", "1000");
    // postgresql://postgres@127.0.0.1:port/db → jdbc:postgresql://127.0.0.1:port/db
    jdbcUrl = "jdbc:postgresql://" + env.get("HUB_PG_URI").substring("postgresql://postgres@".length());
    hub = TestHub.start(env);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static String block() {
    return "6281377" + String.format("%02d", BLOCKS.incrementAndGet());
  }

  private static JsonArray messages(String block, int count) {
    JsonArray messages = new JsonArray();
    for (int i = 0; i < count; i++) {
      messages.add(new JsonObject().put("to", block + String.format("%04d", i)).put("text", "Gangguan di area Anda sudah pulih " + i));
    }
    return messages;
  }

  private static long stored(String block) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
         ResultSet rows = c.createStatement().executeQuery("select count(*) from wa_messages where recipient like '" + block + "%'")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
      c.createStatement().execute(statement);
    }
  }

  @Test
  @DisplayName("a signed-in staff member (cookie and CSRF header) and a bearer token both get 202")
  void sessionsAndTokensBothSendBatches(Vertx vertx) throws Exception {
    Browser admin = hub.admin(vertx);
    assertThat(admin.post("/api/v1/staff", new JsonObject().put("username", "cs.batch").put("name", "Dewi Lestari")
        .put("role", "cs").put("password", "cs-batch-password")).statusCode()).isEqualTo(201);
    Browser cs = hub.browser(vertx);
    assertThat(cs.staffLogin("cs.batch", "cs-batch-password").statusCode()).isEqualTo(200);

    String viaSession = block();
    HttpResponse<Buffer> session = cs.post("/api/v1/messages/batch", new JsonObject().put("messages", messages(viaSession, 30)));
    assertThat(session.statusCode()).as(session.bodyAsString()).isEqualTo(202);
    assertThat(session.bodyAsJsonObject().getInteger("accepted")).isEqualTo(30);
    assertThat(stored(viaSession)).isEqualTo(30);

    String viaToken = block();
    HttpResponse<Buffer> token = hub.browser(vertx).withBearer(TOKEN)
        .post("/api/v1/messages/batch", new JsonObject().put("messages", messages(viaToken, 30)));
    assertThat(token.statusCode()).as(token.bodyAsString()).isEqualTo(202);
    assertThat(stored(viaToken)).isEqualTo(30);

    Browser withoutHeader = hub.browser(vertx).withoutCsrfHeader();
    withoutHeader.staffLogin("cs.batch", "cs-batch-password");
    HttpResponse<Buffer> refused = withoutHeader.post("/api/v1/messages/batch", new JsonObject().put("messages", messages(block(), 2)));
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("a batch that fails part-way is not stored at all, and the answer is an error, not a partial batch")
  void storedWholeOrNotAtAll(Vertx vertx) throws Exception {
    String block = block();
    String poisoned = block + "0400";
    // A fault inside the database at item 400 of 500, after the first few hundred were written.
    sql("create function refuse_poisoned() returns trigger language plpgsql as $$ begin "
        + "if new.recipient = '" + poisoned + "' then raise exception 'injected fault'; end if; return new; end $$");
    sql("create trigger refuse_poisoned before insert on wa_messages for each row execute function refuse_poisoned()");
    try {
      HttpResponse<Buffer> failed = hub.browser(vertx).withBearer(TOKEN)
          .post("/api/v1/messages/batch", new JsonObject().put("messages", messages(block, 500)));
      assertThat(failed.statusCode()).isGreaterThanOrEqualTo(500);
      assertThat(failed.bodyAsJsonObject().getJsonObject("error").getString("code")).isNotBlank();
      assertThat(stored(block)).as("messages of the failed batch left behind").isZero();
    } finally {
      sql("drop trigger refuse_poisoned on wa_messages");
      sql("drop function refuse_poisoned()");
    }
    HttpResponse<Buffer> retried = hub.browser(vertx).withBearer(TOKEN)
        .post("/api/v1/messages/batch", new JsonObject().put("messages", messages(block, 500)));
    assertThat(retried.statusCode()).isEqualTo(202);
    assertThat(stored(block)).isEqualTo(500);
  }

  @Test
  @DisplayName("the same idempotency key again answers the first batch with 200 and stores nothing more")
  void idempotencyKey(Vertx vertx) throws Exception {
    Browser api = hub.browser(vertx).withBearer(TOKEN);
    String block = block();
    JsonArray items = messages(block, 40).add(new JsonObject().put("to", "bukan-nomor").put("text", "x"));
    JsonObject body = new JsonObject().put("messages", items).put("idempotencyKey", "tagihan-desember-" + block);
    HttpResponse<Buffer> first = api.post("/api/v1/messages/batch", body);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(202);
    HttpResponse<Buffer> again = api.post("/api/v1/messages/batch", body);
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(first.bodyAsJsonObject().getInteger("accepted")).isEqualTo(40);
    assertThat(first.bodyAsJsonObject().getJsonArray("rejected")).hasSize(1);
    assertThat(stored(block)).isEqualTo(40);

    HttpResponse<Buffer> badKey = api.post("/api/v1/messages/batch", new JsonObject().put("messages", messages(block(), 1))
        .put("idempotencyKey", 42));
    assertThat(badKey.statusCode()).isEqualTo(400);
    assertThat(badKey.bodyAsJsonObject().getJsonObject("error").getString("field")).isEqualTo("idempotencyKey");
  }

  @Test
  @DisplayName("identical text to one recipient twice in a batch is stored and sent once")
  void duplicatesWithinABatch(Vertx vertx) throws Exception {
    String block = block();
    JsonArray items = messages(block, 300);
    items.add(new JsonObject().put("to", block + "0007").put("text", "Gangguan di area Anda sudah pulih 7"));
    HttpResponse<Buffer> response = hub.browser(vertx).withBearer(TOKEN).post("/api/v1/messages/batch", new JsonObject().put("messages", items));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    assertThat(stored(block)).isEqualTo(300);
  }
}
