package id.aglis.hub.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque pagination cursors: the last seen id, base64url-encoded so clients treat it as a token rather
 * than a number to do arithmetic on. Lists are newest first; the next page has ids below the cursor.
 */
public final class Cursor {

  private Cursor() {
  }

  public static String encode(long lastId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("id:" + lastId).getBytes(StandardCharsets.UTF_8));
  }

  /** The id to continue below, or {@code Long.MAX_VALUE} for the first page. */
  public static long decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return Long.MAX_VALUE;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (raw.startsWith("id:")) {
        return Long.parseLong(raw.substring(3));
      }
    } catch (IllegalArgumentException malformed) {
      // falls through to the 400 below
    }
    throw ApiError.invalidField("cursor", "'cursor' is not a cursor this server issued.");
  }

  /** Reads the {@code limit} query parameter: default 50, at most 200. */
  public static int limit(String raw) {
    if (raw == null || raw.isBlank()) {
      return 50;
    }
    try {
      int limit = Integer.parseInt(raw.trim());
      if (limit >= 1 && limit <= 200) {
        return limit;
      }
    } catch (NumberFormatException ignored) {
      // falls through
    }
    throw ApiError.invalidField("limit", "'limit' must be a whole number from 1 to 200.");
  }
}
