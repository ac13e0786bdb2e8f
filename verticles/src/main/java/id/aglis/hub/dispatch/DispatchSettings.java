package id.aglis.hub.dispatch;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * Dispatcher configuration, parsed and checked by the node's configuration loader.
 *
 * @param fonnteBaseUrl      {@code FONNTE_BASE_URL}; tests and the sandbox point it at a fake on loopback
 * @param devices            {@code FONNTE_DEVICES}; when empty the sandbox device is used
 * @param globalPerMinute    {@code HUB_WA_GLOBAL_PER_MINUTE}: all devices together (the business set 100)
 * @param quietStart         start of quiet hours in Asia/Jakarta for {@code low} messages, null when off
 * @param quietEnd           end of quiet hours
 * @param maxAttempts        transient failures are retried up to this many sends, then the message is dead
 * @param unknownWindow      how long an ambiguous send waits for a status callback proving acceptance
 * @param resendUnknown      after that window: resend (true) or leave for review (false)
 * @param recipientPerHour   non-urgent messages per recipient per clock hour; more are scheduled for the first later hour with room
 * @param dedupeWindow       identical text to the same recipient within this window is sent once
 * @param concurrency        sends in flight per device per node (1 keeps pacing exact; raise for benchmarks)
 * @param limitsOff          benchmark switch: no per-device, global or recipient limits
 * @param lease              how long a claimed message stays with its node without renewal; a node that dies
 *                           loses its claims after this (renewed every third of it while a send is in flight)
 */
public record DispatchSettings(String fonnteBaseUrl, List<DeviceConfig> devices, int globalPerMinute, LocalTime quietStart,
                               LocalTime quietEnd, int maxAttempts, Duration unknownWindow, boolean resendUnknown,
                               int recipientPerHour, Duration dedupeWindow, int concurrency, boolean limitsOff, Duration lease) {

  public static final String DEFAULT_BASE_URL = "https://api.fonnte.com";

  /** The same settings, sending to the gateway at {@code baseUrl} (the sandbox's, started by the node). */
  public DispatchSettings withBaseUrl(String baseUrl) {
    return new DispatchSettings(baseUrl, devices, globalPerMinute, quietStart, quietEnd, maxAttempts, unknownWindow,
        resendUnknown, recipientPerHour, dedupeWindow, concurrency, limitsOff, lease);
  }

  /** The devices to send through: the configured ones, or the sandbox when there are none. */
  public List<DeviceConfig> activeDevices() {
    return devices.isEmpty() ? List.of(DeviceConfig.sandboxDevice()) : devices;
  }

  public boolean sandbox() {
    return devices.isEmpty();
  }
}
