package id.aglis.hub.dispatch;

/**
 * One WhatsApp number (a Fonnte "device") and the pace it is held to, cluster-wide.
 *
 * <p>Defaults follow the anti-ban advice gathered in the Fonnte protocol note: a random 5–15 s between
 * messages (so at most ~6 a minute on average), capped at 8 a minute, 240 an hour (about what a warmed
 * personal number sends on a busy day) and 2,000 a day. Operators raise them per device for numbers
 * that are known to tolerate more.
 */
public record DeviceConfig(String device, String token, int perMinute, int perHour, int perDay, long minGapMs, long jitterMs,
                           boolean sandbox, String webhookSecret) {

  public static final int DEFAULT_PER_MINUTE = 8;
  public static final int DEFAULT_PER_HOUR = 240;
  public static final int DEFAULT_PER_DAY = 2_000;
  public static final long DEFAULT_MIN_GAP_MS = 5_000;
  public static final long DEFAULT_JITTER_MS = 10_000;

  /** The device the hub sends through when no real one is configured; it never reaches WhatsApp. */
  public static final String SANDBOX = "sandbox";

  public static DeviceConfig sandboxDevice() {
    return new DeviceConfig(SANDBOX, "sandbox-token", 60, 3_600, 50_000, 1_000, 2_000, true, null);
  }

  @Override
  public String toString() {
    return "DeviceConfig[device=" + device + ", token=***, perMinute=" + perMinute + ", perHour=" + perHour
        + ", perDay=" + perDay + ", minGapMs=" + minGapMs + ", jitterMs=" + jitterMs + ", sandbox=" + sandbox
        + ", webhookSecret=" + (webhookSecret == null ? "none" : "***") + "]";
  }
}
