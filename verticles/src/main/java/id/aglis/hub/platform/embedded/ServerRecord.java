package id.aglis.hub.platform.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a hub started on a data folder: the server's pid, its start time and its port, kept beside the
 * folder ({@code data/redis} → {@code data/redis.server.pid}).
 *
 * <p>A hub killed with {@code kill -9} cannot stop its bundled servers, and they keep running. The next
 * hub reads this record to find them. The start time (clock ticks since boot, from
 * {@code /proc/<pid>/stat}) is what makes the record safe: a pid the kernel has since given to another
 * process has a different start time, so it is never mistaken for our server.
 */
record ServerRecord(long pid, long startTicks, int port) {

  /** Where the record of the server on {@code folder} lives: beside it, so it never mixes with the server's own files. */
  static Path fileFor(Path folder) {
    Path absolute = folder.toAbsolutePath().normalize();
    return absolute.resolveSibling(absolute.getFileName() + ".server.pid");
  }

  /** The record of a running process, or empty if it has already gone (or this is not Linux). */
  static Optional<ServerRecord> of(long pid, int port) {
    OptionalLong ticks = startTicks(pid);
    return ticks.isPresent() ? Optional.of(new ServerRecord(pid, ticks.getAsLong(), port)) : Optional.empty();
  }

  static Optional<ServerRecord> read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      String[] fields = Files.readString(file).trim().split("\\s+");
      return fields.length == 3
          ? Optional.of(new ServerRecord(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Integer.parseInt(fields[2])))
          : Optional.empty();
    } catch (IOException | NumberFormatException unreadable) {
      // A torn or foreign file names no process we can trust; the server's own pid file is still checked.
      return Optional.empty();
    }
  }

  /** Written to a temporary file and moved into place, so a kill mid-write never leaves half a record. */
  void write(Path file) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(partial, pid + " " + startTicks + " " + port + "\n");
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** True while the process this record names is still the one running under its pid. */
  boolean isStillRunning() {
    return startTicks(pid).equals(OptionalLong.of(startTicks));
  }

  /**
   * Field 22 of {@code /proc/<pid>/stat}. The command name (field 2) may hold spaces and parentheses, so
   * fields are counted from the last ')'.
   */
  static OptionalLong startTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return OptionalLong.of(Long.parseLong(afterName[22 - 3]));
    } catch (IOException | RuntimeException gone) {
      return OptionalLong.empty();
    }
  }
}
