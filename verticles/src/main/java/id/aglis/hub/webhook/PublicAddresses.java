package id.aglis.hub.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether an address is on the public Internet, for outgoing requests whose target someone else chose
 * (SSRF). IPv4: everything but this-network, private (RFC 1918), shared/CGNAT 100.64/10, loopback,
 * link-local (cloud metadata 169.254.169.254), IETF protocol 192.0.0/24 (Oracle metadata 192.0.0.192),
 * documentation, benchmarking 198.18/15, 6to4 relay, multicast and reserved 240/4. IPv6: global unicast
 * 2000::/3 only, minus documentation, Teredo and ORCHID ranges; an IPv4 address carried inside IPv6
 * (mapped ::ffff:0:0/96, compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16) is judged as that IPv4
 * address. So ::1, fc00::/7 (ULA, e.g. AWS's fd00:ec2::254), fe80::/10 and ff00::/8 are all refused.
 */
final class PublicAddresses {

  private PublicAddresses() {
  }

  static boolean isPublic(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 ? publicV4(b) : publicV6(b);
  }

  private static boolean publicV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    return !(a0 == 0                                     // this network
        || a0 == 10                                      // private
        || a0 == 100 && (a1 & 0xc0) == 64                // shared address space (CGNAT), Alibaba metadata
        || a0 == 127                                     // loopback
        || a0 == 169 && a1 == 254                        // link-local, cloud metadata
        || a0 == 172 && (a1 & 0xf0) == 16                // private
        || a0 == 192 && a1 == 0 && a2 == 0               // IETF protocol assignments
        || a0 == 192 && a1 == 0 && a2 == 2               // documentation
        || a0 == 192 && a1 == 88 && a2 == 99             // 6to4 relay anycast
        || a0 == 192 && a1 == 168                        // private
        || a0 == 198 && (a1 & 0xfe) == 18                // benchmarking
        || a0 == 198 && a1 == 51 && a2 == 100            // documentation
        || a0 == 203 && a1 == 0 && a2 == 113             // documentation
        || a0 >= 224);                                   // multicast, reserved, broadcast
  }

  private static boolean publicV6(byte[] b) {
    if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return publicV4(slice(b, 12));                     // IPv4-mapped
    }
    if (allZero(b, 0, 12)) {
      return publicV4(slice(b, 12));                     // ::, ::1 and IPv4-compatible
    }
    if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
      return publicV4(slice(b, 12));                     // NAT64 well-known prefix
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return publicV4(slice(b, 2));                      // 6to4
    }
    if ((b[0] & 0xe0) != 0x20) {
      return false;                                      // not global unicast: ULA, link-local, multicast, NAT64 local…
    }
    boolean documentation = b[0] == 0x20 && b[1] == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
    boolean teredo = b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0;
    boolean orchid = b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && (b[3] & 0xe0) == 0x20;
    return !(documentation || teredo || orchid);
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] slice(byte[] b, int from) {
    return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
  }

  static boolean isLoopback(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (b.length == 16 && allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      try {
        return Inet4Address.getByAddress(slice(b, 12)).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }
}
