package id.aglis.hub.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub killed with {@code kill -9} cannot stop its bundled servers. The next hub on the same folder must
 * stop the one left behind before starting its own, and keep its data. The killed hub is a real JVM
 * ({@link HubToBeKilled}) killed with SIGKILL, so its servers are orphaned exactly as in production.
 */
class EmbeddedServersAfterKilledHubTest {

  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() {
    vertx.close().await();
  }

  @Test
  @DisplayName("A restarted hub stops the redis-server a killed hub left on its folder, and keeps its data")
  void restartStopsTheRedisLeftByAKilledHub(@TempDir Path data) throws Exception {
    restartAfterKilledHubWithRedis(data, false);
  }

  @Test
  @DisplayName("The hub's own record finds the orphaned redis-server even when redis.pid is gone")
  void theHubsRecordAloneFindsTheOrphan(@TempDir Path data) throws Exception {
    restartAfterKilledHubWithRedis(data, true);
  }

  private void restartAfterKilledHubWithRedis(Path data, boolean deleteRedisPidFile) throws Exception {
    Path folder = data.resolve("redis");
    int oldPort = startAndKillHub("redis", folder);
    long orphan = pidIn(folder.resolve("redis.pid"));
    if (deleteRedisPidFile) {
      Files.delete(folder.resolve("redis.pid"));
    }
    try {
      RedisConnection old = Redis.createClient(vertx, "redis://127.0.0.1:" + oldPort).connect().await();
      old.send(Request.cmd(Command.SET).arg("written-before-kill").arg("kept")).await();
      old.close().await();
      assertThat(isAlive(orphan)).as("the killed hub's redis-server outlives it").isTrue();

      EmbeddedRedisServer restarted = EmbeddedRedisServer.start(folder);
      try {
        assertThat(isAlive(orphan)).as("the orphaned redis-server is stopped").isFalse();
        assertThat(redisServersOn(folder)).as("redis-servers on the folder").isEqualTo(1);
        RedisConnection now = Redis.createClient(vertx, restarted.uri()).connect().await();
        assertThat(now.send(Request.cmd(Command.GET).arg("written-before-kill")).await().toString()).isEqualTo("kept");
        now.close().await();
      } finally {
        restarted.close();
      }
    } finally {
      ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  @DisplayName("A restarted hub stops the PostgreSQL a killed hub left on its folder, and keeps its data")
  void restartStopsThePostgresLeftByAKilledHub(@TempDir Path data) throws Exception {
    Path folder = data.resolve("pg");
    int oldPort = startAndKillHub("postgres", folder);
    long orphan = pidIn(folder.resolve("postmaster.pid"));
    try {
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + oldPort + "/aglis", "postgres", "")) {
        c.createStatement().execute("create table kept(note text); insert into kept values ('written before kill')");
      }
      assertThat(isAlive(orphan)).as("the killed hub's postgres outlives it").isTrue();

      try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(folder)) {
        assertThat(isAlive(orphan)).as("the orphaned postmaster is stopped").isFalse();
        assertThat(pidIn(folder.resolve("postmaster.pid"))).isNotEqualTo(orphan);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + restarted.port() + "/aglis", "postgres", "");
             ResultSet rs = c.createStatement().executeQuery("select note from kept")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("written before kill");
        }
      }
    } finally {
      ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** Runs a hub that starts one server on {@code folder}, waits until it is up, kills it with SIGKILL. */
  private static int startAndKillHub(String server, Path folder) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process hub = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        HubToBeKilled.class.getName(), server, folder.toString())
        .redirectErrorStream(true)
        .start();
    try {
      int port = CompletableFuture.supplyAsync(() -> readyPort(hub)).get(120, TimeUnit.SECONDS);
      hub.destroyForcibly();
      assertThat(hub.waitFor(30, TimeUnit.SECONDS)).as("the hub died of SIGKILL").isTrue();
      return port;
    } finally {
      hub.destroyForcibly();
    }
  }

  private static int readyPort(Process hub) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(HubToBeKilled.READY)) {
          return Integer.parseInt(line.substring(HubToBeKilled.READY.length()).trim());
        }
      }
      throw new IllegalStateException("the hub exited before its server was up");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long pidIn(Path pidFile) throws IOException {
    return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
  }

  /** A zombie (exited, not yet reaped by its new parent) counts as gone. */
  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(p -> p.isAlive() && !isZombie(pid)).orElse(false);
  }

  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException gone) {
      return true;
    }
  }

  private static long redisServersOn(Path folder) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().startsWith("redis-server")).orElse(false))
        .filter(p -> {
          try {
            return Files.isSameFile(Path.of("/proc", Long.toString(p.pid()), "cwd"), folder);
          } catch (IOException gone) {
            return false;
          }
        })
        .count();
  }
}
