package id.aglis.hub.web;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.Set;

/**
 * Photos people upload (a ticket's, an installation step's): a raw image body of at most {@link #MAX_BYTES}, read only
 * after the caller was checked (mount {@link #body()} after the access handler, and declare the path a large-body
 * path). The type is what the bytes are (JPEG, PNG or WebP), not what the header claims, so nothing else is ever
 * served back as an image.
 */
public final class ImageUploads {

  public static final int MAX_BYTES = 5 * 1024 * 1024;
  static final Set<String> TYPES = Set.of("image/jpeg", "image/png", "image/webp");

  /** An accepted image: its real type, a safe file name, and its bytes. */
  public record Image(String contentType, String filename, Buffer data) {
  }

  private ImageUploads() {
  }

  /** Reads the body after the caller was checked (the edge held it back: see {@code Feature#largeBodyPaths}). */
  public static Handler<RoutingContext> body() {
    return BodyHandler.create(false).setBodyLimit(MAX_BYTES).setHandleFileUploads(false);
  }

  /** The request's image; 415 for a declared type that is not one of ours or bytes that are not, 400 for no body. */
  public static Image read(RoutingContext ctx) {
    String declared = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String type = declared == null ? "" : declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw ApiError.of(415, "unsupported_media_type", "Send the photo as image/jpeg, image/png or image/webp.");
    }
    Buffer data = ctx.body() == null ? null : ctx.body().buffer();
    if (data == null || data.length() == 0) {
      throw ApiError.badRequest("missing_body", "The photo is missing: send the image as the request body.");
    }
    String sniffed = sniff(data);
    if (sniffed == null) {
      throw ApiError.of(415, "unsupported_media_type", "The body is not a JPEG, PNG or WebP image.");
    }
    return new Image(sniffed, filename(Requests.query(ctx, "filename"), sniffed), data);
  }

  /** JPEG, PNG or WebP by their signatures, or null. */
  public static String sniff(Buffer bytes) {
    if (starts(bytes, 0, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (starts(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "image/png";
    }
    if (starts(bytes, 0, 'R', 'I', 'F', 'F') && starts(bytes, 8, 'W', 'E', 'B', 'P')) {
      return "image/webp";
    }
    return null;
  }

  private static boolean starts(Buffer bytes, int offset, int... signature) {
    if (bytes.length() < offset + signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if ((bytes.getByte(offset + i) & 0xFF) != signature[i]) {
        return false;
      }
    }
    return true;
  }

  /** A name without paths or odd characters, at most 100 characters, with the real type's extension. */
  static String filename(String given, String type) {
    String ext = switch (type) {
      case "image/png" -> ".png";
      case "image/webp" -> ".webp";
      default -> ".jpg";
    };
    String base = given == null ? "" : given.replaceAll(".*[/\\\\]", "").replaceAll("\\.[A-Za-z0-9]{1,5}$", "")
        .replaceAll("[^\\p{L}\\p{N} ._()-]", "_").strip();
    if (base.isEmpty()) {
      base = "foto";
    }
    return (base.length() > 90 ? base.substring(0, 90) : base) + ext;
  }

  /** Serves a stored image so that no browser takes it for anything else: {@code nosniff} and a sandboxing policy. */
  public static void serve(RoutingContext ctx, String contentType, String filename, Buffer data) {
    BrowserSession.thenSend(ctx, () -> ctx.response().setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", "sandbox; default-src 'none'")
        .putHeader("Content-Disposition", "inline; filename=\"" + filename.replace("\"", "") + "\"")
        .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .end(data));
  }
}
