package id.aglis.hub.testing;

import id.aglis.hub.platform.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL of a test's own, on a fixed port and folder, that the test stops and starts again (an outage):
 * the hub keeps its URI and finds the same data when the server is back, since the bundled server is started
 * on the same fixed port each time.
 */
public final class StoppablePostgres implements AutoCloseable {

  private final Path folder;
  private final int port;
  private EmbeddedPostgresServer server;

  private StoppablePostgres(Path folder, int port) {
    this.folder = folder;
    this.port = port;
  }

  public static StoppablePostgres start(Path folder) throws IOException {
    Files.createDirectories(folder);
    StoppablePostgres postgres = new StoppablePostgres(folder, TestHub.freePort());
    postgres.start();
    return postgres;
  }

  public synchronized void start() throws IOException {
    if (server == null) {
      server = EmbeddedPostgresServer.start(folder, port);
    }
  }

  /** Stops the server (a fast shutdown: open transactions are rolled back, connections dropped). */
  public synchronized void stop() throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  public String uri() {
    return "postgresql://postgres@127.0.0.1:" + port + "/" + EmbeddedPostgresServer.DATABASE;
  }

  @Override
  public void close() throws IOException {
    stop();
  }
}
