package id.aglis.hub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server JVM being measured, seen from outside by its pid: its CPU time (user + system, which the JDK reads
 * from {@code /proc/<pid>/stat}) and its heap in use after a full collection ({@code jcmd GC.run}, then
 * {@code GC.heap_info}). Its children (none for a hub given external PostgreSQL and Redis) are not counted.
 */
final class FanOutProcess {

  private static final Pattern G1_USED = Pattern.compile("garbage-first heap\\s+total \\d+K, used (\\d+)K");
  /** The generations of the parallel and serial collectors, whose sum is the heap in use. */
  private static final Pattern GENERATION_USED =
      Pattern.compile("(?m)^\\s*(?:PSYoungGen|ParOldGen|def new generation|tenured generation)\\s+total \\d+K, used (\\d+)K");

  private final long pid;
  private final ProcessHandle handle;

  FanOutProcess(long pid) {
    this.pid = pid;
    this.handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalArgumentException("no process " + pid));
  }

  /** User plus system CPU time used so far. */
  Duration cpu() {
    return handle.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid));
  }

  /** Bytes of heap in use after a full collection. */
  long heapAfterGc() {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher g1 = G1_USED.matcher(info);
    if (g1.find()) {
      return Long.parseLong(g1.group(1)) * 1024;
    }
    Matcher generations = GENERATION_USED.matcher(info);
    long used = 0;
    boolean any = false;
    while (generations.find()) {
      used += Long.parseLong(generations.group(1)) * 1024;
      any = true;
    }
    if (!any) {
      throw new IllegalStateException("cannot read the heap in use from jcmd " + pid + " GC.heap_info:\n" + info);
    }
    return used;
  }

  private String jcmd(String command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process process = new ProcessBuilder(List.of(jcmd.toString(), String.valueOf(pid), command)).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
