package id.aglis.hub.installation;

import id.aglis.hub.installation.InstallationRepository.Photo;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.BrowserSession;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.Set;

/**
 * Progress photos: a raw image body (JPEG, PNG or WebP, at most 5 MiB) whose type is decided by its first bytes,
 * never by the header alone; served back with that type and headers that keep a browser from running anything in it.
 */
final class Photos {

  static final int MAX_BYTES = 5 * 1024 * 1024;
  static final Set<String> TYPES = Set.of("image/jpeg", "image/png", "image/webp");

  private Photos() {
  }

  /** Reads the body after the caller was checked (the edge held it back: see {@code Feature#largeBodyPaths}). */
  static BodyHandler bodyHandler() {
    return BodyHandler.create(false).setBodyLimit(MAX_BYTES).setHandleFileUploads(false);
  }

  /** The body's image type, as its bytes show it: 415 for a declared type that is not an image of ours, or bytes that are not. */
  static String accept(RoutingContext ctx) {
    String declared = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String type = declared == null ? "" : declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw ApiError.of(415, "unsupported_media_type", "Send the photo as image/jpeg, image/png or image/webp.");
    }
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiError.badRequest("missing_body", "The photo is missing: send the image as the request body.");
    }
    String sniffed = sniff(body);
    if (sniffed == null) {
      throw ApiError.of(415, "unsupported_media_type", "The body is not a JPEG, PNG or WebP image.");
    }
    return sniffed;
  }

  /** JPEG, PNG or WebP by their signatures, or null. */
  static String sniff(Buffer bytes) {
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

  /** The photo with its sniffed type; {@code nosniff} and a sandboxing policy, so it is only ever shown as an image. */
  static void serve(RoutingContext ctx, Photo photo) {
    BrowserSession.thenSend(ctx, () -> ctx.response().setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, photo.contentType())
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", "sandbox")
        .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .end(photo.bytes()));
  }
}
