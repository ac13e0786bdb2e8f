package id.aglis.hub.dispatch.send;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.dispatch.MessageStatus;
import id.aglis.hub.dispatch.Priority;
import id.aglis.hub.dispatch.WaMessage;
import id.aglis.hub.dispatch.fonnte.OutcomeKind;
import id.aglis.hub.dispatch.fonnte.SendOutcome;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What each send outcome does to a message and its device, decided without a worker, a queue or a database. */
class OutcomePolicyTest {

  private static final String DEVICE = "6281100000001";
  /** Backoff at its ceiling, so the figures are exact. */
  private final OutcomePolicy policy = new OutcomePolicy(3, ceiling -> ceiling);

  private static WaMessage attempt(int attempts) {
    OffsetDateTime now = OffsetDateTime.now();
    return new WaMessage(UUID.randomUUID(), 1, "6281377001122", "Tagihan Anda sudah terbit", null, null, Priority.NORMAL,
        MessageStatus.SENDING, null, null, DEVICE, false, null, attempts, List.of(), null, now, now, null, null, null);
  }

  @Test
  @DisplayName("accepted: sent, with Fonnte's ids, the request id and the quota on the timeline")
  void accepted() {
    SendOutcome outcome = SendOutcome.accepted(List.of("80001"), "success! message in queue",
        new JsonObject().put(DEVICE, new JsonObject().put("remaining", 99)), "req-7", 200, "{}");
    OutcomePolicy.Decision decision = policy.decide(DEVICE, attempt(1), outcome);
    assertThat(decision).isInstanceOf(OutcomePolicy.Sent.class);
    assertThat(((OutcomePolicy.Sent) decision).providerIds()).containsExactly("80001");
    assertThat(decision.detail().getString("device")).isEqualTo(DEVICE);
    assertThat(decision.detail().getString("outcome")).isEqualTo("accepted");
    assertThat(decision.detail().getString("requestId")).isEqualTo("req-7");
    assertThat(decision.detail().getJsonArray("providerIds")).containsExactly("80001");
  }

  @Test
  @DisplayName("rejected: failed, never retried; unknown: watched for a callback, never resent blindly")
  void rejectedAndUnknown() {
    OutcomePolicy.Decision rejected = policy.decide(DEVICE, attempt(1),
        SendOutcome.refused(OutcomeKind.REJECTED, "invalid target", null, null, 200, "{}"));
    assertThat(rejected).isEqualTo(new OutcomePolicy.Settle(MessageStatus.FAILED, "invalid target", rejected.detail()));
    assertThat(((OutcomePolicy.Settle) rejected).watchForCallback()).isFalse();

    OutcomePolicy.Decision unknown = policy.decide(DEVICE, attempt(1), SendOutcome.noResponse(OutcomeKind.UNKNOWN, "timeout"));
    assertThat(((OutcomePolicy.Settle) unknown).status()).isEqualTo(MessageStatus.UNKNOWN);
    assertThat(((OutcomePolicy.Settle) unknown).watchForCallback()).isTrue();
  }

  @Test
  @DisplayName("a device failure pauses the device and hands the message back, its attempt not counted")
  void deviceFailure() {
    OutcomePolicy.Decision decision = policy.decide(DEVICE, attempt(3),
        SendOutcome.refused(OutcomeKind.DEVICE_FAILURE, "device disconnected", null, null, 200, "{}"));
    assertThat(decision).isInstanceOf(OutcomePolicy.PauseDevice.class);
    assertThat(((OutcomePolicy.PauseDevice) decision).reason()).isEqualTo("device disconnected");
    assertThat(decision.detail().getBoolean("handedBack")).isTrue();
  }

  @Test
  @DisplayName("transient: backoff doubling from 2 s, at least Retry-After, capped at 10 minutes; dead after the last attempt")
  void transientFailures() {
    SendOutcome busy = SendOutcome.refused(OutcomeKind.TRANSIENT, "HTTP 503", null, null, 503, "");
    assertThat(((OutcomePolicy.RetryLater) policy.decide(DEVICE, attempt(1), busy)).delayMs()).isEqualTo(2_000);
    assertThat(((OutcomePolicy.RetryLater) policy.decide(DEVICE, attempt(2), busy)).delayMs()).isEqualTo(4_000);
    assertThat(new OutcomePolicy(100, c -> c).backoffMs(30)).isEqualTo(OutcomePolicy.BACKOFF_CAP_MS);

    SendOutcome slowDown = SendOutcome.refused(OutcomeKind.TRANSIENT, "HTTP 429", 30_000L, null, 429, "");
    OutcomePolicy.RetryLater waited = (OutcomePolicy.RetryLater) policy.decide(DEVICE, attempt(1), slowDown);
    assertThat(waited.delayMs()).isEqualTo(30_000);
    assertThat(waited.detail().getLong("retryInMs")).isEqualTo(30_000);

    OutcomePolicy.Decision last = policy.decide(DEVICE, attempt(3), busy);
    assertThat(((OutcomePolicy.Settle) last).status()).isEqualTo(MessageStatus.DEAD);
    assertThat(last.detail().getInteger("attempts")).isEqualTo(3);
  }

  @Test
  @DisplayName("equal jitter stays between half the ceiling and the ceiling")
  void jitter() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(OutcomePolicy.equalJitter(8_000)).isBetween(4_000L, 8_000L);
    }
  }
}
