package id.aglis.hub.webhook;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the hub may fetch when a callback names an attachment URL (a URL chosen by whoever can post to the
 * webhook, so never trusted): http(s) only, public addresses only, at most {@code maxBytes}, all hops done
 * within {@code timeLimit}, at most {@code maxRedirects} redirects. {@code allowedHosts} empty means any
 * public host; otherwise only those host names (exact, case-insensitive), and their addresses must still be
 * public.
 *
 * <p>{@code loopbackPortsForTests} lets tests fetch from a fake file server on loopback: a loopback address
 * on one of these ports counts as public. Only {@link #forTests} sets it; configuration cannot, so no
 * deployment can open the hub's own ports (or a private network) to callbacks.
 */
public record AttachmentRules(Set<String> allowedHosts, int maxBytes, Duration timeLimit, int maxRedirects,
                              Set<Integer> loopbackPortsForTests) {

  /** WhatsApp's own limits are around 16 MB for media and 100 MB for documents; we keep what staff need. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;
  /** Time for every hop of one fetch, redirects included; a 16 MB file at 1 MB/s fits. */
  public static final Duration TIME_LIMIT = Duration.ofSeconds(20);
  public static final int MAX_REDIRECTS = 3;

  public AttachmentRules {
    allowedHosts = allowedHosts.stream().map(AttachmentRules::hostKey).collect(Collectors.toUnmodifiableSet());
    loopbackPortsForTests = Set.copyOf(loopbackPortsForTests);
  }

  /** The production rules, with {@code HUB_ATTACHMENT_HOSTS} (empty: any public host). */
  public static AttachmentRules of(Set<String> allowedHosts) {
    return new AttachmentRules(allowedHosts, MAX_BYTES, TIME_LIMIT, MAX_REDIRECTS, Set.of());
  }

  /** Rules for tests whose fake file servers listen on loopback at these ports (and nowhere else). */
  static AttachmentRules forTests(Set<String> allowedHosts, int maxBytes, Duration timeLimit, Set<Integer> loopbackPorts) {
    return new AttachmentRules(allowedHosts, maxBytes, timeLimit, MAX_REDIRECTS, loopbackPorts);
  }

  boolean hostAllowed(String host) {
    return allowedHosts.isEmpty() || allowedHosts.contains(hostKey(host));
  }

  /** Host names compare case-insensitively and without a trailing root dot. */
  static String hostKey(String host) {
    String lower = host.strip().toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
