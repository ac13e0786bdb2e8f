package id.aglis.hub.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** What the benchmark client mains share: their {@code --name value} arguments, their log, and their own CPU time. */
final class BenchMain {

  private BenchMain() {
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  /** To standard error: standard output is the result the scripts read. */
  static void log(String format, Object... args) {
    System.err.println(String.format(Locale.ROOT, format, args));
  }

  /** This JVM's user plus system CPU time so far. */
  static Duration ownCpu() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
  }
}
