package id.aglis.hub.testing;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A hub started from the shaded jar in its own process, as an operator starts one. */
public final class HubProcess {

  private final Process process;
  private final int port;

  private HubProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static HubProcess start(Map<String, String> environment, Path log) throws Exception {
    File jar = new File("target/aglis-hub.jar");
    if (!jar.exists()) {
      throw new IllegalStateException("target/aglis-hub.jar is missing: integration tests run after `package`");
    }
    int port = TestHub.freePort();
    ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-jar", jar.getAbsolutePath()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    builder.environment().put("HUB_HTTP_PORT", String.valueOf(port));
    return new HubProcess(builder.start(), port);
  }

  public int port() {
    return port;
  }

  public Process process() {
    return process;
  }

  /** Like {@code kill -9}: no shutdown hook, no hand-back, leases left to expire. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
