package id.aglis.hub.identity;

/** Escapes user text for use inside a LIKE pattern, so {@code %} and {@code _} match themselves. */
final class Likes {

  private Likes() {
  }

  static String escape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
