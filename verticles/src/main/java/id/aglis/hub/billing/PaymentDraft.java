package id.aglis.hub.billing;

import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Fields;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** A payment as the bank or gateway reports it ({@code POST /payments}), checked field by field. */
record PaymentDraft(String reference, String invoiceNumber, long amount, String method, OffsetDateTime paidAt) {

  static final Set<String> FIELDS = Set.of("reference", "invoiceNumber", "amount", "method", "paidAt");
  private static final Pattern METHOD = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,31}$");

  static PaymentDraft parse(JsonObject body) {
    Fields.onlyKnown(body, FIELDS);
    String reference = InvoiceDraft.reference(body, "reference");
    String invoiceNumber = InvoiceDraft.reference(body, "invoiceNumber");
    long amount = Amounts.whole(body.getValue("amount"), "amount", 1);
    String method = Fields.requiredString(body, "method", 32).toLowerCase(Locale.ROOT);
    if (!METHOD.matcher(method).matches()) {
      throw ApiError.invalidField("method", "'method' must be a short word such as transfer, va_bca, qris or cash.");
    }
    String paidAtText = Fields.requiredString(body, "paidAt", 64);
    OffsetDateTime paidAt;
    try {
      paidAt = OffsetDateTime.parse(paidAtText);
    } catch (DateTimeParseException e) {
      throw ApiError.invalidField("paidAt", "'paidAt' must be an ISO time with offset (2026-11-20T10:15:00+07:00).");
    }
    // PostgreSQL keeps microseconds; the hash must be of what is stored, or the same payment posted again would differ.
    return new PaymentDraft(reference, invoiceNumber, amount, method, Fields.saneTime(paidAt, "paidAt").truncatedTo(ChronoUnit.MICROS));
  }

  /** What makes two postings of one reference the same payment. */
  String contentHash() {
    String content = invoiceNumber + "\n" + amount + "\n" + method + "\n" + paidAt.toInstant();
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
