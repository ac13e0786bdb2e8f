package id.aglis.hub.dispatch.fonnte;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The body-first decision table of {@link FonnteReplies}, without a network. */
class FonnteRepliesTest {

  private static final Instant NOW = Instant.parse("2026-02-10T03:00:00Z");
  private static final String CAPTURED = """
      {"detail":"success! message in queue","id":[142223099],"process":"pending",
       "quota":{"085885529352":{"details":"deduced from total quota","quota":967,"remaining":966,"used":1}},
       "requestid":369052479,"status":true,"target":["6285885529352"]}""";

  private static SendOutcome classify(int status, String body) {
    return FonnteReplies.classify(status, null, body, NOW);
  }

  @Test
  @DisplayName("the reply captured from the real Fonnte is an acceptance with its id, quota and request id")
  void realCapture() {
    SendOutcome outcome = classify(200, CAPTURED);

    assertThat(outcome.kind()).isEqualTo(OutcomeKind.ACCEPTED);
    assertThat(outcome.providerIds()).containsExactly("142223099");
    assertThat(outcome.quota().getJsonObject("085885529352").getInteger("remaining")).isEqualTo(966);
    assertThat(outcome.requestId()).isEqualTo("369052479");
    assertThat(outcome.reason()).isEqualTo("success! message in queue");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"status\":\"true\",\"id\":\"80367170\"}",
      "{\"Status\":\"TRUE\",\"id\":80367170}",
      "{\"STATUS\":true,\"id\":[\"80367170\"]}",
      "{\"status\":true,\"id\":[8.0367170E7]}"})
  @DisplayName("status as a string or in any case, and a lone id or a float id, still read as accepted")
  void lenientAcceptance(String body) {
    SendOutcome outcome = classify(200, body);

    assertThat(outcome.kind()).isEqualTo(OutcomeKind.ACCEPTED);
    assertThat(outcome.providerIds()).containsExactly("80367170");
  }

  @Test
  @DisplayName("a request id sent as a string is kept as is")
  void stringRequestId() {
    assertThat(classify(200, "{\"reason\":\"token invalid\",\"status\":false,\"requestid\":\"2937124\"}").requestId())
        .isEqualTo("2937124");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "200 | {\"reason\":\"token invalid\",\"status\":false,\"requestid\":2937124} | DEVICE_FAILURE",
      "200 | {\"Status\":false,\"reason\":\"target invalid\"}                     | REJECTED",
      "200 | {\"status\":\"false\",\"reason\":\"server busy\"}                    | TRANSIENT",
      "200 | {\"status\":false}                                                   | TRANSIENT",
      "400 | {\"status\":false,\"reason\":\"input invalid\"}                      | REJECTED",
      "401 | {\"status\":false,\"reason\":\"invalid token\"}                      | DEVICE_FAILURE",
      "408 | {\"status\":false,\"reason\":\"server busy\"}                        | TRANSIENT",
      "400 | Bad Request                                                          | REJECTED",
      "404 |                                                                      | REJECTED",
      "408 | Request Timeout                                                      | TRANSIENT",
      "500 | {\"status\":false,\"reason\":\"target invalid\"}                     | TRANSIENT",
      "502 | <html>Bad Gateway</html>                                             | TRANSIENT",
      "503 |                                                                      | TRANSIENT",
      "301 | Moved                                                                | TRANSIENT",
      "200 | <html>oops</html>                                                    | UNKNOWN",
      "200 |                                                                      | UNKNOWN",
      "200 | {\"detail\":\"success! message in queue\"}                           | UNKNOWN",
      "200 | {\"status\":\"pending\"}                                             | UNKNOWN",
      "200 | [1,2]                                                                | UNKNOWN",
      "500 | {\"status\":true,\"id\":[1]}                                         | ACCEPTED"})
  @DisplayName("the body decides; the HTTP code only when the body is not a Fonnte reply")
  void decisionTable(int status, String body, OutcomeKind kind) {
    assertThat(classify(status, body).kind()).isEqualTo(kind);
  }

  @Test
  @DisplayName("a 2xx whose body could not be read is UNKNOWN")
  void unreadable2xx() {
    assertThat(FonnteReplies.classify(200, null, null, NOW).kind()).isEqualTo(OutcomeKind.UNKNOWN);
  }

  @Test
  @DisplayName("Retry-After is read as seconds or as an HTTP date; nonsense is ignored")
  void retryAfter() {
    String inNinetySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atOffset(ZoneOffset.UTC));

    assertThat(FonnteReplies.classify(429, " 7 ", "", NOW).retryAfterMs()).isEqualTo(7000L);
    assertThat(FonnteReplies.classify(429, inNinetySeconds, "", NOW).retryAfterMs()).isEqualTo(90_000L);
    assertThat(FonnteReplies.classify(429, "soon", "", NOW).retryAfterMs()).isNull();
    assertThat(FonnteReplies.classify(429, null, "", NOW).kind()).isEqualTo(OutcomeKind.TRANSIENT);
  }

  @Test
  @DisplayName("raw bodies are cut to 2000 characters")
  void rawBodyTruncated() {
    SendOutcome outcome = classify(502, "x".repeat(5000));

    assertThat(outcome.rawBody()).hasSize(SendOutcome.MAX_RAW_BODY);
  }
}
