package id.aglis.hub.dispatch.fonnte;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.dispatch.sandbox.FakeFonnte;
import id.aglis.hub.dispatch.sandbox.FakeFonnte.RawRequest;
import id.aglis.hub.dispatch.sandbox.FakeFonnte.Received;
import id.aglis.hub.dispatch.sandbox.FakeFonnte.Reply;
import id.aglis.hub.dispatch.sandbox.SandboxGateway.Accepted;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
class FonnteClientTest {

  private static final String DEVICE = "6281100000001";
  private static final String TOKEN = "tok-Xq7Yz9AbCdEf1234";
  private static final String TARGET = "6285885529352";

  private FakeFonnte fonnte;
  private FonnteClient client;

  @BeforeEach
  void start(Vertx vertx) {
    fonnte = await(new FakeFonnte(vertx).device(DEVICE, TOKEN).start());
    client = new FonnteClient(vertx, fonnte.baseUrl(), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    await(client.close());
    await(fonnte.stop());
  }

  @Test
  @DisplayName("an accepted send yields Fonnte's numeric ids as strings, the quota object and the request id")
  void acceptedWithNumericIds() {
    SendOutcome outcome = send("halo");

    Received received = single();
    assertThat(outcome.kind()).isEqualTo(OutcomeKind.ACCEPTED);
    assertThat(outcome.providerIds()).hasSize(1).isEqualTo(received.providerIds());
    assertThat(outcome.providerIds().get(0)).matches("\\d+");
    assertThat(outcome.reason()).isEqualTo("success! message in queue");
    assertThat(outcome.quota().getJsonObject(DEVICE).getLong("remaining")).isEqualTo(FakeFonnte.DEFAULT_QUOTA - 1);
    assertThat(outcome.requestId()).matches("\\d+");
    assertThat(outcome.httpStatus()).isEqualTo(200);
    assertThat(outcome.rawBody()).contains("\"status\":true");
  }

  @Test
  @DisplayName("ids sent as strings, as in Fonnte's docs, are read the same way")
  void acceptedWithStringIds() {
    fonnte.nextReply(Reply.acceptWithStringIds());

    SendOutcome outcome = send("halo");

    assertThat(outcome.rawBody()).contains("\"id\":[\"");
    assertThat(outcome.kind()).isEqualTo(OutcomeKind.ACCEPTED);
    assertThat(outcome.providerIds()).isEqualTo(single().providerIds());
  }

  @Test
  @DisplayName("a capital \"Status\":true is an acceptance too")
  void acceptedWithCapitalStatus() {
    fonnte.nextReply(Reply.acceptCapitalStatus());

    SendOutcome outcome = send("halo");

    assertThat(outcome.rawBody()).contains("\"Status\":true");
    assertThat(outcome.kind()).isEqualTo(OutcomeKind.ACCEPTED);
    assertThat(outcome.providerIds()).isEqualTo(single().providerIds());
  }

  @Test
  @DisplayName("an unknown token gets Fonnte's HTTP 200 'token invalid', which is a device failure")
  void unknownTokenIsDeviceFailure() {
    SendOutcome outcome = await(client.send("not-a-known-token", TARGET, "halo"));

    assertThat(outcome.kind()).isEqualTo(OutcomeKind.DEVICE_FAILURE);
    assertThat(outcome.reason()).isEqualTo("token invalid");
    assertThat(outcome.httpStatus()).isEqualTo(200);
    assertThat(outcome.requestId()).matches("\\d+");
    assertThat(outcome.providerIds()).isEmpty();
    assertThat(single().device()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"invalid token", "request invalid on disconnected device", "insufficient quota"})
  @DisplayName("device-level refusals are device failures, with the reason kept verbatim")
  void deviceRefusals(String reason) {
    fonnte.nextReply(Reply.reject(reason));

    SendOutcome outcome = send("halo");

    assertThat(outcome.kind()).isEqualTo(OutcomeKind.DEVICE_FAILURE);
    assertThat(outcome.reason()).isEqualTo(reason);
    assertThat(outcome.providerIds()).isEmpty();
  }

  @Test
  @DisplayName("a device whose quota runs out gets 'insufficient quota' from the fake itself")
  void quotaRunsOut() {
    fonnte.device("6281100000002", "tok-small", 1);

    SendOutcome first = await(client.send("tok-small", TARGET, "satu"));
    SendOutcome second = await(client.send("tok-small", TARGET, "dua"));

    assertThat(first.kind()).isEqualTo(OutcomeKind.ACCEPTED);
    assertThat(first.quota().getJsonObject("6281100000002").getLong("remaining")).isZero();
    assertThat(second.kind()).isEqualTo(OutcomeKind.DEVICE_FAILURE);
    assertThat(second.reason()).isEqualTo("insufficient quota");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "tok\r\nX-Injected: 1"})
  @DisplayName("a blank or header-breaking token is a device failure, and nothing is sent")
  void unusableToken(String token) {
    SendOutcome outcome = await(client.send(token, TARGET, "halo"));

    assertThat(outcome.kind()).isEqualTo(OutcomeKind.DEVICE_FAILURE);
    assertThat(fonnte.receivedCount()).isZero();
  }

  @Test
  @DisplayName("a missing target gets 'target invalid', which is a permanent rejection")
  void targetInvalidIsRejected() {
    SendOutcome outcome = await(client.send(TOKEN, "", "halo"));

    assertThat(outcome.kind()).isEqualTo(OutcomeKind.REJECTED);
    assertThat(outcome.reason()).isEqualTo("target invalid");
  }

  @Test
  @DisplayName("HTTP 500 is transient")
  void serverErrorIsTransient() {
    fonnte.nextReply(Reply.http(500, "Internal Server Error"));

    SendOutcome outcome = send("halo");

    assertThat(outcome.kind()).isEqualTo(OutcomeKind.TRANSIENT);
    assertThat(outcome.httpStatus()).isEqualTo(500);
    assertThat(outcome.rawBody()).isEqualTo("Internal Server Error");
  }

  @Test
  @DisplayName("HTTP 429 with Retry-After: 7 is transient, to be retried after 7000 ms")
  void tooManyRequestsCarriesRetryAfter() {
    fonnte.nextReply(Reply.tooManyRequests(7));

    SendOutcome outcome = send("halo");

    assertThat(outcome.kind()).isEqualTo(OutcomeKind.TRANSIENT);
    assertThat(outcome.retryAfterMs()).isEqualTo(7000L);
    assertThat(outcome.httpStatus()).isEqualTo(429);
  }

  @Test
  @DisplayName("a refused connection is transient: nothing reached Fonnte")
  void connectionRefusedIsTransient(Vertx vertx) throws IOException {
    FonnteClient nowhere = new FonnteClient(vertx, "http://127.0.0.1:" + freePort(), Duration.ofSeconds(5));
    try {
      SendOutcome outcome = await(nowhere.send(TOKEN, TARGET, "halo"));

      assertThat(outcome.kind()).isEqualTo(OutcomeKind.TRANSIENT);
      assertThat(outcome.httpStatus()).isZero();
      assertThat(outcome.reason()).containsIgnoringCase("refused");
    } finally {
      await(nowhere.close());
    }
  }

  @Test
  @DisplayName("a server that reads the request and stays silent yields UNKNOWN once the timeout passes")
  void silenceIsUnknown(Vertx vertx) {
    FonnteClient impatient = new FonnteClient(vertx, fonnte.baseUrl(), Duration.ofMillis(500));
    fonnte.nextReply(Reply.silence());
    try {
      long startedAt = System.nanoTime();
      SendOutcome outcome = await(impatient.send(TOKEN, TARGET, "halo"));
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);

      assertThat(outcome.kind()).isEqualTo(OutcomeKind.UNKNOWN);
      assertThat(outcome.httpStatus()).isZero();
      assertThat(tookMs).isBetween(400L, 3000L);
      assertThat(single().target()).isEqualTo(TARGET);
    } finally {
      await(impatient.close());
    }
  }

  @Test
  @DisplayName("a connection closed after the request was read yields UNKNOWN")
  void resetAfterRequestIsUnknown() {
    fonnte.nextReply(Reply.resetAfterRequest());

    SendOutcome outcome = send("halo");

    assertThat(outcome.kind()).isEqualTo(OutcomeKind.UNKNOWN);
    assertThat(outcome.httpStatus()).isZero();
    assertThat(single().target()).isEqualTo(TARGET);
  }

  @Test
  @DisplayName("HTTP 200 with a body that is not JSON yields UNKNOWN, keeping the body")
  void garbageIsUnknown() {
    fonnte.nextReply(Reply.garbage());

    SendOutcome outcome = send("halo");

    assertThat(outcome.kind()).isEqualTo(OutcomeKind.UNKNOWN);
    assertThat(outcome.httpStatus()).isEqualTo(200);
    assertThat(outcome.rawBody()).isEqualTo("<html>oops</html>");
  }

  @Test
  @DisplayName("the pooled client keeps working after a timed-out and a reset exchange")
  void recoversAfterBrokenExchanges(Vertx vertx) {
    FonnteClient impatient = new FonnteClient(vertx, fonnte.baseUrl(), Duration.ofMillis(300));
    fonnte.nextReply(Reply.silence()).nextReply(Reply.resetAfterRequest());
    try {
      assertThat(await(impatient.send(TOKEN, TARGET, "1")).kind()).isEqualTo(OutcomeKind.UNKNOWN);
      assertThat(await(impatient.send(TOKEN, TARGET, "2")).kind()).isEqualTo(OutcomeKind.UNKNOWN);
      assertThat(await(impatient.send(TOKEN, TARGET, "3")).kind()).isEqualTo(OutcomeKind.ACCEPTED);
    } finally {
      await(impatient.close());
    }
  }

  @Test
  @DisplayName("a send still waiting for a connection at its deadline is TRANSIENT, and the late connection is not used")
  void deadlineWhileWaitingForConnection(Vertx vertx) {
    Promise<HttpClientRequest> connecting = Promise.promise();
    HttpClient raw = vertx.createHttpClient();
    try {
      SendOutcome outcome = await(new SendAttempt(vertx, 200, TOKEN, writtenAt -> { })
          .run(connecting::future, FonnteClient.formBody(TARGET, "late")));
      HttpClientRequest late = await(raw.request(new RequestOptions().setMethod(HttpMethod.POST)
          .setHost("127.0.0.1").setPort(fonnte.port()).setURI("/send").putHeader("Authorization", TOKEN)));
      connecting.complete(late);

      assertThat(outcome.kind()).isEqualTo(OutcomeKind.TRANSIENT);
      assertThat(outcome.reason()).contains("waiting for a connection");
      assertThat(await(late.response().map(false).otherwise(true))).as("late request abandoned").isTrue();
      send("after");
      assertThat(fonnte.received()).extracting(Received::message).containsExactly("after");
    } finally {
      await(raw.close());
    }
  }

  @Test
  @DisplayName("many concurrent sends over the pool are all accepted, each with its own id")
  void concurrentSends() {
    int sends = 1000;
    List<Future<SendOutcome>> pending = new ArrayList<>();
    for (int i = 0; i < sends; i++) {
      pending.add(client.send(TOKEN, "62812000" + i, "pesan " + i));
    }

    List<SendOutcome> outcomes = await(Future.all(pending)).list();

    assertThat(outcomes).extracting(SendOutcome::kind).containsOnly(OutcomeKind.ACCEPTED);
    assertThat(outcomes).flatExtracting(SendOutcome::providerIds).hasSize(sends).doesNotHaveDuplicates();
    assertThat(fonnte.receivedCount()).isEqualTo(sends);
  }

  @Test
  @DisplayName("several comma-separated targets get parallel ids, and each pair is announced for webhooks")
  void multipleTargetsGetParallelIds() {
    List<Accepted> announced = new CopyOnWriteArrayList<>();
    fonnte.onAccepted(announced::add);

    SendOutcome outcome = await(client.send(TOKEN, "6281200000001,6281200000002,6281200000003", "halo"));

    assertThat(outcome.kind()).isEqualTo(OutcomeKind.ACCEPTED);
    assertThat(outcome.providerIds()).hasSize(3).doesNotHaveDuplicates().isEqualTo(single().providerIds());
    assertThat(outcome.quota().getJsonObject(DEVICE).getInteger("used")).isEqualTo(3);
    assertThat(announced).containsExactly(
        new Accepted(DEVICE, outcome.providerIds().get(0), "6281200000001"),
        new Accepted(DEVICE, outcome.providerIds().get(1), "6281200000002"),
        new Accepted(DEVICE, outcome.providerIds().get(2), "6281200000003"));
  }

  @Test
  @DisplayName("on the wire: the bare token as Authorization, a form body with target, message and countryCode=0")
  void speaksTheProtocol() {
    String message = "Tagihan Rp 150.000 & denda 5% — lunas? ✅\nTerima kasih";

    send(message);

    RawRequest raw = fonnte.rawRequests().get(0);
    assertThat(raw.authorization()).isEqualTo(TOKEN).doesNotContainIgnoringCase("bearer");
    assertThat(raw.contentType()).startsWith("application/x-www-form-urlencoded");
    assertThat(raw.fields()).containsEntry("target", TARGET)
        .containsEntry("message", message)
        .containsEntry("countryCode", "0");
    Received received = single();
    assertThat(received.device()).isEqualTo(DEVICE);
    assertThat(received.message()).isEqualTo(message);
    assertThat(received.contentType()).startsWith("application/x-www-form-urlencoded");
  }

  @Test
  @DisplayName("the token never appears in an outcome, even when a proxy echoes it back")
  void tokenNeverInOutcome(Vertx vertx) throws IOException {
    fonnte.nextReply(Reply.http(502, "<html>bad gateway; Authorization: " + TOKEN + "</html>"))
        .nextReply(Reply.reject("token invalid"))
        .nextReply(Reply.garbage());
    FonnteClient nowhere = new FonnteClient(vertx, "http://127.0.0.1:" + freePort(), Duration.ofSeconds(5));
    try {
      List<SendOutcome> outcomes = List.of(send("1"), send("2"), send("3"), send("4"),
          await(nowhere.send(TOKEN, TARGET, "5")));

      assertThat(outcomes).extracting(SendOutcome::kind).containsExactly(OutcomeKind.TRANSIENT,
          OutcomeKind.DEVICE_FAILURE, OutcomeKind.UNKNOWN, OutcomeKind.ACCEPTED, OutcomeKind.TRANSIENT);
      assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.toString()).doesNotContain(TOKEN));
    } finally {
      await(nowhere.close());
    }
  }

  private SendOutcome send(String message) {
    return await(client.send(TOKEN, TARGET, message));
  }

  private Received single() {
    assertThat(fonnte.received()).hasSize(1);
    return fonnte.received().get(0);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Bounded, so that a bug in the client fails the test instead of hanging it. */
  private static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException hung) {
      throw new AssertionError("no result within 10 s", hung);
    }
  }
}
