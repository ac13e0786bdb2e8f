package id.aglis.hub.web;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Photos people upload (a ticket's, an installation's): a raw image body of at most {@link #MAX_BYTES}, read only after
 * the caller was checked (mount {@link #body()} after the access handler, and declare the path a large-body path).
 * The type is what the bytes are (JPEG, PNG or WebP), not what the header claims, so nothing else is ever served back
 * as an image.
 */
public final class ImageUploads {

  public static final int MAX_BYTES = 5 * 1024 * 1024;

  /** An accepted image: its real type and a safe file name. */
  public record Image(String contentType, String filename, Buffer data) {
  }

  private ImageUploads() {
  }

  public static Handler<RoutingContext> body() {
    return BodyHandler.create(false).setBodyLimit(MAX_BYTES).setHandleFileUploads(false);
  }

  /** The request's image, or a 400/415 that says what is wrong. */
  public static Image read(RoutingContext ctx) {
    Buffer data = ctx.body().buffer();
    if (data == null || data.length() == 0) {
      throw ApiError.badRequest("empty_body", "Send the image as the request body (image/jpeg, image/png or image/webp).");
    }
    String type = sniff(data);
    if (type == null) {
      throw ApiError.of(415, "unsupported_media_type", "Only JPEG, PNG and WebP images are accepted.");
    }
    return new Image(type, filename(Requests.query(ctx, "filename"), type), data);
  }

  /** The image type the bytes start with, or null. */
  public static String sniff(Buffer data) {
    if (data.length() >= 3 && (data.getByte(0) & 0xff) == 0xff && (data.getByte(1) & 0xff) == 0xd8 && (data.getByte(2) & 0xff) == 0xff) {
      return "image/jpeg";
    }
    if (data.length() >= 8 && data.getString(1, 4, "ISO-8859-1").equals("PNG") && (data.getByte(0) & 0xff) == 0x89) {
      return "image/png";
    }
    if (data.length() >= 12 && data.getString(0, 4, "ISO-8859-1").equals("RIFF") && data.getString(8, 12, "ISO-8859-1").equals("WEBP")) {
      return "image/webp";
    }
    return null;
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

  /** Serves a stored image so no browser can take it for anything else. */
  public static void serve(RoutingContext ctx, String contentType, String filename, Buffer data) {
    ctx.response().putHeader("Content-Type", contentType).putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", "sandbox; default-src 'none'")
        .putHeader("Content-Disposition", "inline; filename=\"" + filename.replace("\"", "") + "\"")
        .putHeader("Cache-Control", "private, max-age=3600").end(data);
  }
}
