package id.aglis.hub.dispatch.fonnte;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Classification of the {@code reason} text of Fonnte's {@code status:false} replies (fonnte-protocol.md §4).
 *
 * <p>A {@code status:false} reply means Fonnte queued nothing, so the only question is who must act: the device's
 * owner (token, quota, WhatsApp session), the message's author (bad target or attachment), or nobody yet (retry).
 * Fonnte publishes no complete list of reasons, so besides the known strings the rules also match the words
 * that carry the meaning. Device words are checked first: {@code request invalid on disconnected device} and
 * {@code token invalid} contain "invalid" but are about the device, not the message.
 */
public final class FonnteReasons {

  private static final Set<String> DEVICE_REASONS = Set.of(
      "token invalid", "invalid token", "unknown user", "devices must belong to an account",
      "request invalid on disconnected device", "insufficient quota");

  // "disconnected" rather than only "disconnected device": a device-down reply worded differently
  // (e.g. "device disconnected") still needs a re-scan, not per-message retries.
  private static final List<String> DEVICE_WORDS = List.of("disconnected", "quota", "token");

  private static final Set<String> REJECTED_REASONS = Set.of(
      "target invalid", "input invalid", "json format invalid", "url invalid", "url unreachable",
      "file format not supported", "file size must under 4mb");

  private static final List<String> REJECTED_WORDS = List.of("invalid", "not supported", "file size");

  private FonnteReasons() {
  }

  /**
   * The outcome kind of a {@code status:false} reply with this reason: case, surrounding and repeated spaces
   * are ignored. An unrecognised (or missing) reason is {@link OutcomeKind#TRANSIENT}: nothing was queued, so a
   * retry with backoff cannot duplicate, and a permanent problem shows up as repeated failures.
   */
  public static OutcomeKind classify(String reason) {
    String text = normalise(reason);
    if (DEVICE_REASONS.contains(text) || containsAny(text, DEVICE_WORDS)) {
      return OutcomeKind.DEVICE_FAILURE;
    }
    if (REJECTED_REASONS.contains(text) || containsAny(text, REJECTED_WORDS)) {
      return OutcomeKind.REJECTED;
    }
    return OutcomeKind.TRANSIENT;
  }

  /** Whether this is one of the reason strings the protocol note lists; worth a log line when it is not. */
  public static boolean isKnown(String reason) {
    String text = normalise(reason);
    return DEVICE_REASONS.contains(text) || REJECTED_REASONS.contains(text);
  }

  private static String normalise(String reason) {
    return reason == null ? "" : reason.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static boolean containsAny(String text, List<String> words) {
    for (String word : words) {
      if (text.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
