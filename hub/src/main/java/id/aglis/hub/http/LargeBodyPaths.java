package id.aglis.hub.http;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * The API paths whose routes read their own larger bodies (see {@code Feature#largeBodyPaths}): exact paths, or
 * paths with {@code *} standing for one segment ({@code /api/v1/tickets/*}{@code /attachments}).
 */
final class LargeBodyPaths {

  private final Pattern paths;

  LargeBodyPaths(Collection<String> declared) {
    String alternatives = String.join("|", declared.stream()
        .map(path -> Pattern.quote(path).replace("*", "\\E[^/]+\\Q"))
        .toList());
    this.paths = declared.isEmpty() ? null : Pattern.compile("^(?:" + alternatives + ")$");
  }

  boolean contains(String path) {
    return paths != null && path != null && paths.matcher(path).matches();
  }
}
