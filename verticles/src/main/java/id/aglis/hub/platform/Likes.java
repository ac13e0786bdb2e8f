package id.aglis.hub.platform;

/** Escapes user text for use inside a LIKE pattern, so {@code %} and {@code _} match themselves. */
public final class Likes {

  private Likes() {
  }

  public static String escape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
