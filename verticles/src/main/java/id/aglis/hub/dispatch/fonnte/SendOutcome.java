package id.aglis.hub.dispatch.fonnte;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * What one /send call came to. Never thrown: every failure is an outcome.
 *
 * @param kind what may happen next (see {@link OutcomeKind})
 * @param providerIds Fonnte's message ids, one per target in request order (empty unless accepted)
 * @param reason Fonnte's own text ({@code detail} when accepted, {@code reason} when refused), or a description
 *     of the HTTP or transport failure; kept raw so that unknown reasons can be logged and learnt
 * @param retryAfterMs how long the server asked us to wait (429 {@code Retry-After}), or null
 * @param quota the {@code quota} object of an accepted reply (keyed by device number), or null
 * @param requestId Fonnte's {@code requestid}, quoted in support tickets, or null
 * @param httpStatus the HTTP status, or 0 when no response arrived
 * @param rawBody the response body, cut to {@value #MAX_RAW_BODY} characters, or null when none arrived
 */
public record SendOutcome(OutcomeKind kind, List<String> providerIds, String reason,
                          Long retryAfterMs, JsonObject quota, String requestId,
                          int httpStatus, String rawBody) {

  /** Enough for any real Fonnte reply; an HTML error page from a proxy is cut so outcomes stay cheap to store. */
  public static final int MAX_RAW_BODY = 2000;
  private static final int MIN_SECRET_LENGTH = 8;

  public SendOutcome {
    Objects.requireNonNull(kind, "kind");
    providerIds = providerIds == null ? List.of() : List.copyOf(providerIds);
    quota = quota == null ? null : quota.copy();
    rawBody = truncate(rawBody);
  }

  public static SendOutcome accepted(List<String> providerIds, String detail, JsonObject quota, String requestId,
                                     int httpStatus, String rawBody) {
    return new SendOutcome(OutcomeKind.ACCEPTED, providerIds, detail, null, quota, requestId, httpStatus, rawBody);
  }

  /** Fonnte (or something in front of it) answered, and the answer was not an acceptance. */
  public static SendOutcome refused(OutcomeKind kind, String reason, Long retryAfterMs, String requestId,
                                    int httpStatus, String rawBody) {
    return new SendOutcome(kind, List.of(), reason, retryAfterMs, null, requestId, httpStatus, rawBody);
  }

  /** No HTTP response: the kind says whether the request may have reached Fonnte. */
  public static SendOutcome noResponse(OutcomeKind kind, String reason) {
    return new SendOutcome(kind, List.of(), reason, null, null, null, 0, null);
  }

  public boolean isAccepted() {
    return kind == OutcomeKind.ACCEPTED;
  }

  /**
   * A copy with {@code secret} masked in the reason. The token is never put in an outcome, but an exception text
   * or a proxy's reply could echo a request header back, and outcomes are logged and stored.
   */
  SendOutcome redact(String secret) {
    String masked = mask(reason, secret);
    return Objects.equals(masked, reason) ? this
        : new SendOutcome(kind, providerIds, masked, retryAfterMs, quota, requestId, httpStatus, rawBody);
  }

  SendOutcome withRawBody(String body) {
    return new SendOutcome(kind, providerIds, reason, retryAfterMs, quota, requestId, httpStatus, body);
  }

  /**
   * {@code text} with every occurrence of {@code secret} replaced by "***"; the same instance when there is none.
   * Strings shorter than {@value #MIN_SECRET_LENGTH} are no real Fonnte token, and masking them would garble
   * ordinary words.
   */
  static String mask(String text, String secret) {
    if (text == null || secret == null || secret.length() < MIN_SECRET_LENGTH || !text.contains(secret)) {
      return text;
    }
    return text.replace(secret, "***");
  }

  private static String truncate(String body) {
    return body == null || body.length() <= MAX_RAW_BODY ? body : body.substring(0, MAX_RAW_BODY);
  }
}
