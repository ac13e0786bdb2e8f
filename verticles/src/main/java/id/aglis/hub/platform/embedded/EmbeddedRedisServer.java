package id.aglis.hub.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * The bundled redis-server (embedded-redis jar) that a hub with no {@code HUB_REDIS_URI} runs on.
 *
 * <p>Append-only file on ({@code appendfsync everysec}), data in {@code <dataDir>/redis}, bound to
 * 127.0.0.1 on a free port. PostgreSQL stays the system of record; Redis holds queues and sessions that
 * the hub can rebuild, so a second of AOF at risk is the right trade for its speed.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

  private static final String EXECUTABLE = "redis-server";

  private final Path folder;
  private final int port;
  private RedisServer server;

  private EmbeddedRedisServer(Path folder, int port) {
    this.folder = folder;
    this.port = port;
  }

  /** Starts Redis on {@code folder}, first stopping one that a killed hub left running there. */
  public static EmbeddedRedisServer start(Path folder) throws IOException {
    Files.createDirectories(folder);
    OrphanProcesses.stopLeftBehind(folder, EXECUTABLE, pidFile(folder));
    EmbeddedRedisServer redis = new EmbeddedRedisServer(folder, freePort());
    redis.start();
    return redis;
  }

  /** Starts the server again on the same port and folder, after {@link #stop()}. */
  public synchronized void start() throws IOException {
    if (server != null && server.isActive()) {
      return;
    }
    Path dir = folder.toAbsolutePath();
    server = RedisServer.newRedisServer()
        .port(port)
        .bind("127.0.0.1")
        .setting("protected-mode yes")
        .setting("dir " + dir)
        .setting("pidfile " + pidFile(dir))
        .setting("appendonly yes")
        .setting("appendfsync everysec")
        .setting("save 60 1000")
        .setting("maxclients 10000")
        // Stopped by the hub, after its verticles, with SIGTERM so Redis writes its append-only file out.
        .onShutdownForceStop(false)
        .build();
    server.start();
    OrphanProcesses.remember(folder, EXECUTABLE, pidFile(folder), port);
  }

  public synchronized void stop() {
    if (server != null) {
      try {
        server.stop();
        OrphanProcesses.forget(folder);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    stop();
  }

  /** Redis writes it before it reports ready, and removes it on a clean shutdown. */
  private static Path pidFile(Path folder) {
    return folder.toAbsolutePath().resolve("redis.pid");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
