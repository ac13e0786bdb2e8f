package id.aglis.hub.platform.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a database process left behind by a hub that was killed without a chance to stop it.
 *
 * <p>Only called while holding the {@link DataDirLock}: a live process named in our pid file can then
 * only be an orphan of an earlier hub on the same folder, never a sibling's.
 */
final class OrphanProcesses {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanProcesses.class);

  private OrphanProcesses() {
  }

  /** Stops the process named in {@code pidFile} only if it is {@code expectedCommand} running on {@code folder}. */
  static void stopIfRunning(Path pidFile, String expectedCommand, Path folder) {
    String path = folder.toAbsolutePath().normalize().toString();
    readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.contains(expectedCommand)).orElse(false))
        .filter(p -> p.info().commandLine().map(c -> c.contains(path)).orElse(false))
        .ifPresent(orphan -> stop(orphan, expectedCommand));
  }

  private static void stop(ProcessHandle orphan, String name) {
    LOG.warn("Stopping orphaned {} (pid {}) left by a hub that did not shut down cleanly", name, orphan.pid());
    orphan.destroy();
    try {
      orphan.onExit().get(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception stillRunning) {
      orphan.destroyForcibly();
    }
  }

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
