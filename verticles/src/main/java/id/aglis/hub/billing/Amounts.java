package id.aglis.hub.billing;

import id.aglis.hub.web.ApiError;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Whole-rupiah amounts read from JSON: numbers only (never "350000" as text), no fractions, within range. */
final class Amounts {

  /** A trillion rupiah: far above any bill, far below where a sum could overflow. */
  static final long MAX = 1_000_000_000_000L;

  private Amounts() {
  }

  static long whole(Object value, String field, long min) {
    if (value == null) {
      throw ApiError.invalidField(field, "'" + field + "' is required: a whole number of rupiah.");
    }
    if (!(value instanceof Number n)) {
      throw ApiError.invalidField(field, "'" + field + "' must be a whole number of rupiah (a JSON number, not text).");
    }
    BigDecimal exact;
    try {
      exact = n instanceof BigDecimal b ? b : n instanceof BigInteger i ? new BigDecimal(i)
          : (n instanceof Double || n instanceof Float) ? BigDecimal.valueOf(n.doubleValue()) : BigDecimal.valueOf(n.longValue());
    } catch (NumberFormatException notFinite) {
      throw ApiError.invalidField(field, "'" + field + "' must be a whole number of rupiah.");
    }
    if (exact.stripTrailingZeros().scale() > 0) {
      throw ApiError.invalidField(field, "'" + field + "' must be whole rupiah, without a fraction.");
    }
    if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(MAX)) > 0) {
      throw ApiError.invalidField(field, "'" + field + "' must be from " + min + " to " + MAX + " rupiah.");
    }
    return exact.longValueExact();
  }
}
