package id.aglis.hub.web;

/**
 * A failure that becomes the JSON error shape {@code {"error":{"code","message"}}} with an HTTP status.
 * Thrown or failed into a {@code Future} anywhere in a request's chain; {@link FailureHandler} renders it.
 * Messages are for the API client and must never carry secrets or internals.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final String field;
  private final Long retryAfterSeconds;

  private ApiError(int status, String code, String message, String field, Long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiError of(int status, String code, String message) {
    return new ApiError(status, code, message, null, null);
  }

  /** 400 naming the offending field, so a client can show it beside the input. */
  public static ApiError invalidField(String field, String message) {
    return new ApiError(400, "invalid_field", message, field, null);
  }

  public static ApiError badRequest(String code, String message) {
    return of(400, code, message);
  }

  /** 400 with its own code, naming the field it is about (e.g. {@code wrong_password} on {@code currentPassword}). */
  public static ApiError badRequest(String code, String message, String field) {
    return new ApiError(400, code, message, field, null);
  }

  public static ApiError unauthenticated() {
    return of(401, "unauthenticated", "Sign in first.");
  }

  public static ApiError forbidden(String message) {
    return of(403, "forbidden", message);
  }

  public static ApiError notFound(String what) {
    return of(404, "not_found", what + " was not found.");
  }

  public static ApiError conflict(String code, String message) {
    return of(409, code, message);
  }

  /** 409 naming the field whose value clashes with the stored state (an over-payment names {@code amount}). */
  public static ApiError conflict(String code, String message, String field) {
    return new ApiError(409, code, message, field, null);
  }

  /** 409 {@code duplicate} naming the field whose value another record already has, so a form can mark it. */
  public static ApiError duplicate(String field) {
    return new ApiError(409, "duplicate", "Another record already has this '" + field + "'.", field, null);
  }

  public static ApiError tooManyRequests(String code, String message, long retryAfterSeconds) {
    return new ApiError(429, code, message, null, Math.max(1, retryAfterSeconds));
  }

  /** 503 with Retry-After: a dependency is down for now; the same request will work later. */
  public static ApiError unavailable(long retryAfterSeconds) {
    return new ApiError(503, "unavailable", "The service is temporarily unavailable; try again shortly.", null,
        Math.max(1, retryAfterSeconds));
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
