package id.aglis.hub.bench;

import id.aglis.hub.platform.embedded.EmbeddedPostgresServer;
import id.aglis.hub.platform.embedded.EmbeddedRedisServer;
import java.nio.file.Path;

/**
 * The PostgreSQL and Redis the fan-out benchmark's two hub nodes share (the bundled servers, in a process of their
 * own, so neither node's CPU figures include them). Prints {@code postgres <uri>} and {@code redis <uri>}, then
 * runs until it is stopped (SIGTERM), when it stops both servers.
 *
 * <p>Usage: FanOutServers FOLDER
 */
public final class FanOutServers {

  private FanOutServers() {
  }

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(folder.resolve("pg"));
    EmbeddedRedisServer redis = EmbeddedRedisServer.start(folder.resolve("redis"));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      redis.close();
      try {
        postgres.close();
      } catch (Exception e) {
        System.err.println("PostgreSQL did not stop cleanly: " + e);
      }
    }));
    System.out.println("postgres " + postgres.uri());
    System.out.println("redis " + redis.uri());
    System.out.flush();
    Thread.currentThread().join();
  }
}
