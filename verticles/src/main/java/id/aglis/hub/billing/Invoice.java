package id.aglis.hub.billing;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * An invoice as stored. Its status is computed for a day (WIB), never stored: {@code void} once voided, {@code paid}
 * when payments cover the total, {@code overdue} when the due date has passed and it is not covered (even when partly
 * paid), {@code partially_paid}, else {@code unpaid}.
 */
record Invoice(long id, String number, long customerId, String customerNo, String customerName, String period,
               LocalDate issueDate, LocalDate dueDate, JsonArray lines, long total, long paid, String verificationCode,
               OffsetDateTime voidedAt, String voidReason, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  static final String UNPAID = "unpaid";
  static final String PARTIALLY_PAID = "partially_paid";
  static final String PAID = "paid";
  static final String OVERDUE = "overdue";
  static final String VOID = "void";
  static final Set<String> STATUSES = Set.of(UNPAID, PARTIALLY_PAID, PAID, OVERDUE, VOID);

  static Invoice from(Row r) {
    Object lines = r.getValue("lines");
    return new Invoice(r.getLong("id"), r.getString("number"), r.getLong("customer_id"), r.getString("customer_no"),
        r.getString("customer_name"), r.getString("period"), r.getLocalDate("issue_date"), r.getLocalDate("due_date"),
        lines instanceof JsonArray a ? a : new JsonArray(String.valueOf(lines)), r.getLong("total"), r.getLong("paid"),
        r.getString("verification_code"), r.getOffsetDateTime("voided_at"), r.getString("void_reason"),
        r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
  }

  String status(LocalDate today) {
    if (voidedAt != null) {
      return VOID;
    }
    if (paid >= total) {
      return PAID;
    }
    if (today.isAfter(dueDate)) {
      return OVERDUE;
    }
    return paid > 0 ? PARTIALLY_PAID : UNPAID;
  }

  long outstanding() {
    return voidedAt != null ? 0 : Math.max(0, total - paid);
  }

  /** The customer's view: what the portal lists (and the fields issue 16 fixes: id, number, period, total, status, dueDate). */
  JsonObject toCustomerJson(LocalDate today) {
    return new JsonObject().put("id", id).put("number", number).put("period", period).put("total", total)
        .put("status", status(today)).put("dueDate", dueDate.toString()).put("issueDate", issueDate.toString())
        .put("paid", paid).put("outstanding", outstanding()).put("lines", lines.copy())
        .put("voidedAt", Times.iso(voidedAt)).put("verificationCode", verificationCode);
  }

  /** The staff view: the customer's too, plus who it is for, the void reason and the record's times. */
  JsonObject toJson(LocalDate today) {
    return toCustomerJson(today)
        .put("customer", new JsonObject().put("id", customerId).put("customerNo", customerNo).put("name", customerName))
        .put("voidReason", voidReason).put("createdAt", Times.iso(createdAt)).put("updatedAt", Times.iso(updatedAt));
  }

  JsonObject toJson(LocalDate today, List<Payment> payments) {
    return toJson(today).put("payments", new JsonArray(payments.stream().map(Payment::toJson).toList()));
  }
}
