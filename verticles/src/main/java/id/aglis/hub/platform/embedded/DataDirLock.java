package id.aglis.hub.platform.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS-level lock on a hub's data folder, held for the life of the process.
 *
 * <p>Two hubs sharing one embedded PostgreSQL data folder would corrupt it, so the second one must stop
 * with a clear message. The OS releases the lock when the process dies, even on {@code kill -9}, which
 * also tells the next hub that any database process still running on the folder is an orphan.
 */
public final class DataDirLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static DataDirLock acquire(Path dataDir) {
    Path lockFile = dataDir.resolve("hub.lock");
    try {
      Files.createDirectories(dataDir);
      FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException alreadyHeldInThisJvm) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new id.aglis.hub.platform.StartupFailure("The data directory " + dataDir.toAbsolutePath()
            + " is in use by another running AGLIS Hub (" + lockFile.getFileName()
            + " is locked). Stop that hub, or give this one its own folder with HUB_DATA_DIR.");
      }
      return new DataDirLock(channel, lock);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot lock the data directory " + dataDir.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // The OS drops the lock with the process anyway.
    }
  }
}
