package id.aglis.hub.bus;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@link Addresses#IDENTITY_SESSION_ENDED}: a browser session was signed out. Carries a digest of the session
 * id, never the id itself (a session id is a credential; the bus is no place for one).
 */
public record SessionEnded(String sessionDigest) {

  public static SessionEnded of(String sessionId) {
    return new SessionEnded(digest(sessionId));
  }

  public static String digest(String sessionId) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(("aglis.session:" + sessionId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("sessionDigest", sessionDigest);
  }

  public static SessionEnded fromJson(JsonObject json) {
    return new SessionEnded(json.getString("sessionDigest"));
  }
}
