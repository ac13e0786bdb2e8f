package id.aglis.hub.testing;

import id.aglis.hub.platform.embedded.EmbeddedPostgresServer;
import id.aglis.hub.platform.embedded.EmbeddedRedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The real PostgreSQL and Redis of a test JVM: the same bundled servers the hub runs on, started once
 * and stopped when the JVM exits. Each test class asks for its own database and Redis database number,
 * so classes never see each other's rows, sessions or counters.
 */
public final class TestServers {

  private static EmbeddedPostgresServer postgres;
  private static EmbeddedRedisServer redis;
  private static final AtomicInteger DATABASES = new AtomicInteger();
  /** Redis database 0 is left alone; 1..15 go to test classes in turn. */
  private static final AtomicInteger REDIS_DBS = new AtomicInteger();

  private TestServers() {
  }

  private static synchronized void start() {
    if (postgres != null) {
      return;
    }
    try {
      Path root = Files.createTempDirectory("aglis-test-servers");
      postgres = EmbeddedPostgresServer.start(root.resolve("pg"));
      redis = EmbeddedRedisServer.start(root.resolve("redis"));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        redis.close();
        try {
          postgres.close();
          // The servers' data (tens of megabytes a run) goes with them.
          try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
          }
        } catch (IOException ignored) {
          // the JVM is going away
        }
      }));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh, empty database on the shared server; returns its {@code postgresql://} URI. */
  public static String newDatabase(String hint) {
    start();
    String name = "t" + DATABASES.incrementAndGet() + "_" + hint.toLowerCase().replaceAll("[^a-z0-9]", "");
    String admin = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres";
    try (Connection c = DriverManager.getConnection(admin, "postgres", "")) {
      c.createStatement().execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return "postgresql://postgres@127.0.0.1:" + postgres.port() + "/" + name;
  }

  /** A Redis URI with a database number no other test class in this JVM uses. */
  public static String newRedisDatabase() {
    start();
    int db = REDIS_DBS.incrementAndGet() % 15 + 1;
    return redis.uri() + "/" + db;
  }
}
