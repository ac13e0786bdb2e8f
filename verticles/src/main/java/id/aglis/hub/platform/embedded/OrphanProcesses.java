package id.aglis.hub.platform.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and stops a bundled database server that an earlier hub left running on a data folder.
 *
 * <p>A hub killed with {@code kill -9} gets no chance to stop its redis-server or postgres; they keep
 * running, and the next hub would start a second server on the same files. Command lines cannot tell
 * us which folder a server uses (redis-server rewrites its own), so a server is found by what was
 * written down when it started: the hub's {@link ServerRecord} (pid and start time), and the server's own
 * pid file ({@code redis.pid}, {@code postmaster.pid}). Before stopping a process we make sure it is
 * that server: alive, the expected executable, and either the recorded start time or its working
 * directory being the folder (both servers change into their data folder).
 *
 * <p>Only called while holding the {@link DataDirLock}: a server found on the folder can then only be
 * an orphan of an earlier hub, never a live sibling's.
 */
final class OrphanProcesses {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanProcesses.class);
  /** Long enough for Redis to write its append-only file out and for PostgreSQL to checkpoint. */
  private static final Duration POLITE_STOP = Duration.ofSeconds(30);
  private static final Duration FORCED_STOP = Duration.ofSeconds(10);

  private OrphanProcesses() {
  }

  /**
   * Stops any {@code executable} left running on {@code folder} by an earlier hub, so that we never run
   * two servers on one folder. Fails if one survives even SIGKILL.
   */
  static void stopLeftBehind(Path folder, String executable, Path serversOwnPidFile) throws IOException {
    Map<Long, ProcessHandle> orphans = new LinkedHashMap<>();
    ServerRecord.read(ServerRecord.fileFor(folder))
        .filter(ServerRecord::isStillRunning)
        .flatMap(r -> ProcessHandle.of(r.pid()))
        .filter(p -> isExecutable(p, executable))
        .ifPresent(p -> orphans.put(p.pid(), p));
    // Also covers servers started before the hub kept its own record.
    readPid(serversOwnPidFile).flatMap(ProcessHandle::of)
        .filter(p -> isExecutable(p, executable) && runsIn(p, folder))
        .ifPresent(p -> orphans.put(p.pid(), p));
    for (ProcessHandle orphan : orphans.values()) {
      stop(orphan, executable, folder);
    }
  }

  /**
   * Records the server just started on {@code folder}, found through the pid file it writes itself, so a
   * hub that starts after this one is killed can stop it.
   */
  static void remember(Path folder, String executable, Path serversOwnPidFile, int port) {
    Optional<ServerRecord> started = readPid(serversOwnPidFile).flatMap(ProcessHandle::of)
        .filter(p -> isExecutable(p, executable) && runsIn(p, folder))
        .flatMap(p -> ServerRecord.of(p.pid(), port));
    try {
      if (started.isPresent()) {
        started.get().write(ServerRecord.fileFor(folder));
        return;
      }
    } catch (IOException e) {
      // The server runs fine without the record; only recovery after a kill is weaker (its own pid file remains).
    }
    LOG.warn("Could not record the {} just started on {}; if this hub is killed, the next one relies on the server's own pid file",
        executable, folder.toAbsolutePath());
  }

  /** After a clean stop there is nothing left to find. */
  static void forget(Path folder) {
    try {
      Files.deleteIfExists(ServerRecord.fileFor(folder));
    } catch (IOException ignored) {
      // A stale record is harmless: its start time no longer matches any process.
    }
  }

  private static void stop(ProcessHandle orphan, String executable, Path folder) throws IOException {
    // SIGTERM: Redis writes its append-only file out, PostgreSQL shuts down cleanly.
    orphan.destroy();
    String how = "";
    if (!exited(orphan, POLITE_STOP)) {
      // PostgreSQL's backends are the postmaster's children and keep its shared memory; they go too.
      orphan.descendants().forEach(ProcessHandle::destroyForcibly);
      orphan.destroyForcibly();
      how = " (it ignored SIGTERM for " + POLITE_STOP.toSeconds() + " s and was killed)";
      if (!exited(orphan, FORCED_STOP)) {
        throw new IOException("A " + executable + " (pid " + orphan.pid() + ") left running on " + folder.toAbsolutePath()
            + " by an earlier hub could not be stopped; stop it by hand and start the hub again.");
      }
    }
    LOG.warn("Stopped a {} (pid {}) left running on {} by an earlier hub that did not shut down cleanly{}",
        executable, orphan.pid(), folder.toAbsolutePath(), how);
  }

  private static boolean exited(ProcessHandle process, Duration within) {
    try {
      process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException stillRunning) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    } catch (Exception e) {
      return !process.isAlive();
    }
  }

  private static boolean isExecutable(ProcessHandle process, String executable) {
    return process.isAlive() && process.info().command()
        .map(command -> Path.of(command).getFileName().toString().startsWith(executable))
        .orElse(false);
  }

  private static boolean runsIn(ProcessHandle process, Path folder) {
    try {
      return Files.isSameFile(Path.of("/proc", Long.toString(process.pid()), "cwd"), folder);
    } catch (IOException | SecurityException unknowable) {
      return false;
    }
  }

  /** The first line of a server's pid file (both Redis and PostgreSQL put the pid there). */
  private static Optional<Long> readPid(Path pidFile) {
    try {
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
      return first.matches("\\d+") ? Optional.of(Long.parseLong(first)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
