package id.aglis.hub.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record or pid file that names some other live process must never get that process stopped. */
class OrphanProcessesTest {

  private final ProcessHandle self = ProcessHandle.current();

  @Test
  @DisplayName("A record whose pid now belongs to a process started at another time is ignored")
  void reusedPidIsNotMistakenForTheServer(@TempDir Path data) throws Exception {
    Path folder = Files.createDirectories(data.resolve("redis"));
    long realStart = ServerRecord.startTicks(self.pid()).orElseThrow();
    new ServerRecord(self.pid(), realStart - 1, 6379).write(ServerRecord.fileFor(folder));

    OrphanProcesses.stopLeftBehind(folder, "java", folder.resolve("redis.pid"));

    assertThat(self.isAlive()).isTrue();
  }

  @Test
  @DisplayName("A live process named in a pid file is left alone unless it is the expected server on the folder")
  void otherExecutablesAndFoldersAreLeftAlone(@TempDir Path data) throws Exception {
    Path folder = Files.createDirectories(data.resolve("redis"));
    Files.writeString(folder.resolve("redis.pid"), self.pid() + "\n");
    ServerRecord.of(self.pid(), 6379).orElseThrow().write(ServerRecord.fileFor(folder));

    // Right start time but not a redis-server; a java process whose working directory is not the folder.
    OrphanProcesses.stopLeftBehind(folder, "redis-server", folder.resolve("redis.pid"));
    OrphanProcesses.stopLeftBehind(Files.createDirectories(data.resolve("other")), "java", folder.resolve("redis.pid"));

    assertThat(self.isAlive()).isTrue();
  }

  @Test
  @DisplayName("The record survives a round trip and sits beside the folder, not in it")
  void recordRoundTrip(@TempDir Path data) throws Exception {
    Path file = ServerRecord.fileFor(data.resolve("pg"));
    ServerRecord record = ServerRecord.of(self.pid(), 5432).orElseThrow();
    record.write(file);

    assertThat(file).hasFileName("pg.server.pid").hasParent(data.toAbsolutePath().normalize());
    assertThat(ServerRecord.read(file)).contains(record);
    assertThat(record.isStillRunning()).isTrue();
  }
}
