package id.aglis.hub.dispatch;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a message is. {@code sent} means the provider accepted it; {@code delivered} and {@code read}
 * come from delivery receipts; {@code unknown} means the send's outcome was ambiguous (see DeviceWorker).
 */
public enum MessageStatus {
  QUEUED, SCHEDULED, SENDING, SENT, DELIVERED, READ, FAILED, DEAD, CANCELLED, UNKNOWN;

  /**
   * May still be cancelled: not yet handed to the provider, or (unknown) possibly handed over but not to be
   * sent again; cancelling an unknown message stops its resend, it cannot recall what Fonnte may have.
   */
  public static final Set<MessageStatus> CANCELLABLE = EnumSet.of(QUEUED, SCHEDULED, UNKNOWN);
  /** Ended without reaching the recipient, or left for review after an ambiguous send: may be put back in the queue. */
  public static final Set<MessageStatus> REQUEUEABLE = EnumSet.of(FAILED, DEAD, UNKNOWN);

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MessageStatus fromWire(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }

  public static MessageStatus parse(String text) {
    for (MessageStatus s : values()) {
      if (s.wire().equals(text)) {
        return s;
      }
    }
    return null;
  }
}
