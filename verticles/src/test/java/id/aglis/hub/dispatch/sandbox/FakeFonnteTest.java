package id.aglis.hub.dispatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.dispatch.sandbox.FakeFonnte.Received;
import id.aglis.hub.dispatch.sandbox.FakeFonnte.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientForm;
import io.vertx.core.http.ClientMultipartForm;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fake's own protocol behaviour, driven by a plain HTTP client (not FonnteClient). */
@ExtendWith(VertxExtension.class)
class FakeFonnteTest {

  private static final String DEVICE = "6281100000001";
  private static final String TOKEN = "tok-fake-1";

  private FakeFonnte fonnte;
  private HttpClient http;

  @BeforeEach
  void start(Vertx vertx) {
    fonnte = await(new FakeFonnte(vertx).device(DEVICE, TOKEN, 1000).start());
    http = vertx.createHttpClient();
  }

  @AfterEach
  void stop() {
    await(http.close());
    await(fonnte.stop());
  }

  @Test
  @DisplayName("a multipart body, as in Fonnte's own examples, is accepted, an attached file and all")
  void multipart() {
    ClientMultipartForm form = ClientMultipartForm.multipartForm()
        .attribute("target", "6285885529352").attribute("message", "halo")
        .binaryFileUpload("file", "struk.jpg", "image/jpeg", Buffer.buffer(new byte[64 * 1024]));

    JsonObject reply = post(TOKEN, req -> req.send(form));

    assertThat(reply.getBoolean("status")).isTrue();
    assertThat(fonnte.received().get(0).contentType()).startsWith("multipart/form-data");
    assertThat(fonnte.received().get(0).message()).isEqualTo("halo");
  }

  @Test
  @DisplayName("a JSON body, as in Fonnte's Node example, is accepted; broken JSON gets 'JSON format invalid'")
  void json() {
    JsonObject ok = post(TOKEN, req -> req.putHeader("Content-Type", "application/json")
        .send(new JsonObject().put("target", "6285885529352").put("message", "halo").encode()));
    JsonObject broken = post(TOKEN, req -> req.putHeader("Content-Type", "application/json").send("{target:"));

    assertThat(ok.getBoolean("status")).isTrue();
    assertThat(broken.getBoolean("status")).isFalse();
    assertThat(broken.getString("reason")).isEqualTo("JSON format invalid");
  }

  @Test
  @DisplayName("the accepted reply has the captured shape, quota counting down per target")
  void acceptedShape() {
    JsonObject first = postForm(TOKEN, "6285885529352");
    JsonObject second = postForm(TOKEN, "6281200000001,6281200000002");

    assertThat(first.fieldNames()).containsExactly("detail", "id", "process", "quota", "requestid", "status", "target");
    assertThat(first.getString("detail")).isEqualTo("success! message in queue");
    assertThat(first.getString("process")).isEqualTo("pending");
    assertThat(first.getJsonArray("id").getValue(0)).isInstanceOf(Number.class);
    assertThat(first.getJsonObject("quota").getJsonObject(DEVICE))
        .isEqualTo(new JsonObject("{\"details\":\"deduced from total quota\",\"quota\":1000,\"remaining\":999,\"used\":1}"));
    assertThat(second.getJsonObject("quota").getJsonObject(DEVICE).getInteger("remaining")).isEqualTo(997);
    assertThat(second.getJsonArray("target")).containsExactly("6281200000001", "6281200000002");
    assertThat(second.getJsonArray("id")).hasSize(2);
    assertThat(second.getLong("requestid")).isNotEqualTo(first.getLong("requestid"));
  }

  @Test
  @DisplayName("a leading 0 is rewritten with countryCode (default 62), and '|name' parts are dropped from the echo")
  void countryCode() {
    JsonObject byDefault = post(TOKEN, req -> req.send(ClientForm.form().attribute("target", "085885529352|Budi")));
    JsonObject turnedOff = post(TOKEN, req -> req.send(ClientForm.form()
        .attribute("target", "085885529352").attribute("countryCode", "0")));

    assertThat(byDefault.getJsonArray("target").getString(0)).isEqualTo("6285885529352");
    assertThat(turnedOff.getJsonArray("target").getString(0)).isEqualTo("085885529352");
  }

  @Test
  @DisplayName("an unknown or Bearer-prefixed token gets HTTP 200 'token invalid' before anything else is checked")
  void tokenChecked() {
    JsonObject bearer = postForm("Bearer " + TOKEN, "");
    JsonObject unknown = postForm("nope", "6285885529352");

    assertThat(List.of(bearer, unknown)).allSatisfy(reply -> {
      assertThat(reply.getString("reason")).isEqualTo("token invalid");
      assertThat(reply.getBoolean("status")).isFalse();
      assertThat(reply.getLong("requestid")).isPositive();
    });
    assertThat(fonnte.received()).extracting(Received::device).containsOnlyNulls();
  }

  @Test
  @DisplayName("per-target scripts apply every time and before the FIFO, which is used once per request")
  void scripts() {
    fonnte.replyForTarget("6281999999999", Reply.reject("target invalid"))
        .nextReply(Reply.reject("insufficient quota"));

    JsonObject scripted1 = postForm(TOKEN, "6281999999999");
    JsonObject fromFifo = postForm(TOKEN, "6285885529352");
    JsonObject scripted2 = postForm(TOKEN, "6281999999999");
    JsonObject normal = postForm(TOKEN, "6285885529352");

    assertThat(scripted1.getString("reason")).isEqualTo("target invalid");
    assertThat(fromFifo.getString("reason")).isEqualTo("insufficient quota");
    assertThat(scripted2.getString("reason")).isEqualTo("target invalid");
    assertThat(normal.getBoolean("status")).isTrue();
  }

  @Test
  @DisplayName("a delayed reply is written after the delay, with ids decided on arrival")
  void delayed() {
    fonnte.nextReply(Reply.delay(Duration.ofMillis(200), Reply.accept()));

    long startedAt = System.nanoTime();
    JsonObject reply = postForm(TOKEN, "6285885529352");
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);

    assertThat(tookMs).isGreaterThanOrEqualTo(200);
    assertThat(reply.getJsonArray("id").getLong(0).toString()).isEqualTo(fonnte.received().get(0).providerIds().get(0));
  }

  @Test
  @DisplayName("received() keeps arrival order with both clocks, and is a snapshot")
  void receivedOrder() {
    postForm(TOKEN, "6281200000001");
    postForm(TOKEN, "6281200000002");
    List<Received> snapshot = fonnte.received();
    postForm(TOKEN, "6281200000003");

    assertThat(snapshot).extracting(Received::target).containsExactly("6281200000001", "6281200000002");
    assertThat(fonnte.received()).hasSize(3);
    assertThat(snapshot.get(0).arrivedAtNanos()).isLessThanOrEqualTo(snapshot.get(1).arrivedAtNanos());
    assertThat(snapshot.get(0).arrivedAtMillis()).isPositive();
  }

  @Test
  @DisplayName("keepReceived bounds the list to the latest requests, while receivedCount counts them all")
  void boundedReceived() {
    fonnte.keepReceived(2);

    postForm(TOKEN, "6281200000001");
    postForm(TOKEN, "6281200000002");
    postForm(TOKEN, "6281200000003");

    assertThat(fonnte.received()).extracting(Received::target).containsExactly("6281200000002", "6281200000003");
    assertThat(fonnte.receivedCount()).isEqualTo(3);
  }

  @Test
  @DisplayName("a restarted fake never hands out an id the previous one did, and its ids are numbers as in live traffic")
  void idsUniqueAcrossRestarts(Vertx vertx) {
    List<Long> before = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      before.add(postForm(TOKEN, "6281200000001").getJsonArray("id").getLong(0));
    }
    await(fonnte.stop());
    // The sandbox after a restart: a new fake, the same device.
    fonnte = await(new FakeFonnte(vertx).device(DEVICE, TOKEN, 1000).start());
    List<Long> after = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      after.add(postForm(TOKEN, "6281200000001").getJsonArray("id").getLong(0));
    }

    assertThat(after).doesNotContainAnyElementsOf(before).doesNotHaveDuplicates();
    assertThat(after.get(0)).isGreaterThan(java.util.Collections.max(before));
    // Exact in a JavaScript number, like Fonnte's.
    assertThat(after).allSatisfy(id -> assertThat(id).isPositive().isLessThan(1L << 53));
  }

  private JsonObject postForm(String authorization, String target) {
    return post(authorization, req -> req.send(ClientForm.form().attribute("target", target)
        .attribute("message", "halo").attribute("countryCode", "0")));
  }

  private JsonObject post(String authorization,
                          Function<io.vertx.core.http.HttpClientRequest, Future<HttpClientResponse>> sending) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
        .setPort(fonnte.port()).setURI("/send").putHeader("Authorization", authorization);
    // The response handling is chained inside the request callback, on the client's event loop: chained from
    // this thread instead, it could be attached after the body had already streamed past.
    HttpClientResponse[] response = new HttpClientResponse[1];
    Buffer body = await(http.request(options).compose(req -> sending.apply(req).compose(received -> {
      response[0] = received;
      return received.body();
    })));
    assertThat(response[0].statusCode()).isEqualTo(200);
    return body.toJsonObject();
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException hung) {
      throw new AssertionError("no result within 10 s", hung);
    }
  }
}
