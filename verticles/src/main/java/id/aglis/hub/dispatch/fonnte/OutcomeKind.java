package id.aglis.hub.dispatch.fonnte;

/**
 * What one /send call came to, seen from the dispatcher: the kinds differ in what may safely happen next.
 */
public enum OutcomeKind {
  /** Fonnte put the message in its queue ({@code status:true}); delivery is reported later by webhook. */
  ACCEPTED,
  /** Fonnte refused this message for good (bad target, bad input, bad attachment): do not resend it as is. */
  REJECTED,
  /** The device cannot send (bad token, quota used up, WhatsApp session down): pause the device, alert. */
  DEVICE_FAILURE,
  /** Nothing was queued (refused connection, 429, 5xx, unexplained refusal): retry with backoff. */
  TRANSIENT,
  /** The request may have reached Fonnte and been queued: a blind retry risks a paid duplicate. */
  UNKNOWN
}
