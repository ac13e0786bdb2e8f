package id.aglis.hub.platform.embedded;

import java.nio.file.Path;

/**
 * A stand-in for a hub, run as its own JVM so a test can {@code kill -9} it: starts one bundled server on
 * a folder the way the hub does, prints {@value #READY} and its port, then waits to be killed.
 */
public final class HubToBeKilled {

  static final String READY = "HUB-TO-BE-KILLED-READY";

  private HubToBeKilled() {
  }

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[1]);
    int port = switch (args[0]) {
      case "redis" -> EmbeddedRedisServer.start(folder).port();
      case "postgres" -> EmbeddedPostgresServer.start(folder).port();
      default -> throw new IllegalArgumentException("redis or postgres, not " + args[0]);
    };
    System.out.println(READY + " " + port);
    System.out.flush();
    Thread.currentThread().join();
  }
}
