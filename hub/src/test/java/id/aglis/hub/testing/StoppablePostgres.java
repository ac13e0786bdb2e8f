package id.aglis.hub.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;

/**
 * A PostgreSQL of a test's own, on a fixed port and folder, that the test stops and starts again (an outage):
 * the hub keeps its URI and finds the same data when the server is back. The bundled server picks a new port
 * on every start, which a hub configured by URI would not follow.
 */
public final class StoppablePostgres implements AutoCloseable {

  private static final String DATABASE = "aglis";

  private final Path folder;
  private final int port;
  private EmbeddedPostgres server;

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
    if (server != null) {
      return;
    }
    server = EmbeddedPostgres.builder()
        .setDataDirectory(folder)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "200")
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .start();
    try (Connection c = server.getPostgresDatabase().getConnection();
         ResultSet exists = c.createStatement().executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
      if (!exists.next()) {
        c.createStatement().execute("create database " + DATABASE);
      }
    } catch (java.sql.SQLException e) {
      throw new IOException(e);
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
    return "postgresql://postgres@127.0.0.1:" + port + "/" + DATABASE;
  }

  @Override
  public void close() throws IOException {
    stop();
  }
}
