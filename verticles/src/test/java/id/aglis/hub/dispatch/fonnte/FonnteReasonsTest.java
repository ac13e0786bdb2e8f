package id.aglis.hub.dispatch.fonnte;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FonnteReasonsTest {

  /** Every /send reason in fonnte-protocol.md §4, with the kind it must map to. */
  static Stream<Arguments> documentedReasons() {
    return Stream.of(
        Arguments.of("token invalid", OutcomeKind.DEVICE_FAILURE),
        Arguments.of("invalid token", OutcomeKind.DEVICE_FAILURE),
        Arguments.of("unknown user", OutcomeKind.DEVICE_FAILURE),
        Arguments.of("devices must belong to an account", OutcomeKind.DEVICE_FAILURE),
        Arguments.of("request invalid on disconnected device", OutcomeKind.DEVICE_FAILURE),
        Arguments.of("insufficient quota", OutcomeKind.DEVICE_FAILURE),
        Arguments.of("target invalid", OutcomeKind.REJECTED),
        Arguments.of("input invalid", OutcomeKind.REJECTED),
        Arguments.of("JSON format invalid", OutcomeKind.REJECTED),
        Arguments.of("url invalid", OutcomeKind.REJECTED),
        Arguments.of("url unreachable", OutcomeKind.REJECTED),
        Arguments.of("file format not supported", OutcomeKind.REJECTED),
        Arguments.of("file size must under 4MB", OutcomeKind.REJECTED));
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @MethodSource("documentedReasons")
  @DisplayName("each documented reason maps to its kind, as written")
  void documented(String reason, OutcomeKind kind) {
    assertThat(FonnteReasons.classify(reason)).isEqualTo(kind);
    assertThat(FonnteReasons.isKnown(reason)).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @MethodSource("documentedReasons")
  @DisplayName("case and surrounding or repeated spaces do not change the kind")
  void anyCaseAnySpacing(String reason, OutcomeKind kind) {
    String shouted = "  " + reason.toUpperCase(Locale.ROOT).replace(" ", "  ") + "\t\n";
    String mixed = " " + mixedCase(reason) + " ";

    assertThat(FonnteReasons.classify(shouted)).isEqualTo(kind);
    assertThat(FonnteReasons.classify(mixed)).isEqualTo(kind);
    assertThat(FonnteReasons.isKnown(shouted)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Token Invalid.", "device token expired", "quota exceeded for this month",
      "device disconnected", "Request Invalid On Disconnected Device (retry later)"})
  @DisplayName("unlisted wordings about the token, quota or a disconnected device are device failures")
  void deviceWords(String reason) {
    assertThat(FonnteReasons.classify(reason)).isEqualTo(OutcomeKind.DEVICE_FAILURE);
    assertThat(FonnteReasons.isKnown(reason)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"invalid message id", "location invalid", "file type not supported",
      "file size must under 10MB"})
  @DisplayName("unlisted wordings with 'invalid', 'not supported' or 'file size' are rejections")
  void rejectionWords(String reason) {
    assertThat(FonnteReasons.classify(reason)).isEqualTo(OutcomeKind.REJECTED);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "server busy", "something went wrong", "device already connect"})
  @DisplayName("an unknown or missing reason is transient: status:false means nothing was queued")
  void unknownIsTransient(String reason) {
    assertThat(FonnteReasons.classify(reason)).isEqualTo(OutcomeKind.TRANSIENT);
    assertThat(FonnteReasons.isKnown(reason)).isFalse();
  }

  @Test
  @DisplayName("a device problem wins over the word 'invalid' in the same reason")
  void deviceWinsOverInvalid() {
    assertThat(FonnteReasons.classify("request invalid on disconnected device")).isEqualTo(OutcomeKind.DEVICE_FAILURE);
    assertThat(FonnteReasons.classify("token invalid")).isEqualTo(OutcomeKind.DEVICE_FAILURE);
  }

  private static String mixedCase(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(i % 2 == 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    return out.toString();
  }
}
