package id.aglis.hub.dispatch;

import java.util.Locale;

/** Send order: urgent before high before normal before low; first in, first out within a level. */
public enum Priority {
  URGENT, HIGH, NORMAL, LOW;

  public int level() {
    return ordinal();
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Priority ofLevel(int level) {
    return values()[level];
  }

  /** The priority named by {@code text}, or null when it names none. */
  public static Priority parse(String text) {
    for (Priority p : values()) {
      if (p.wire().equals(text)) {
        return p;
      }
    }
    return null;
  }
}
