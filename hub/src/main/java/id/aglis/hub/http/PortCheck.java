package id.aglis.hub.http;

import id.aglis.hub.platform.StartupFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Makes sure the HTTP port is free before the node does anything with lasting effects (creating the
 * database, seeding demo data, showing the one-time admin password): a port already taken is one clear
 * line naming the port and {@code HUB_HTTP_PORT}, not a bind error at the end of a start.
 */
public final class PortCheck {

  private PortCheck() {
  }

  public static void ensureFree(String host, int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new StartupFailure("Port " + port + " on " + host + " is already in use (" + e.getMessage()
          + "): stop what is using it, or set HUB_HTTP_PORT to a free port.");
    }
  }
}
