package id.aglis.hub.billing;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** A payment as stored, with the number and period of the invoice it went to. */
record Payment(long id, String reference, long invoiceId, String invoiceNumber, String period, long customerId,
               String customerNo, String customerName, long amount, String method, OffsetDateTime paidAt, String contentHash,
               String verificationCode, OffsetDateTime createdAt) {

  static Payment from(Row r) {
    return new Payment(r.getLong("id"), r.getString("reference"), r.getLong("invoice_id"), r.getString("invoice_number"),
        r.getString("period"), r.getLong("customer_id"), r.getString("customer_no"), r.getString("customer_name"),
        r.getLong("amount"), r.getString("method"), r.getOffsetDateTime("paid_at"), r.getString("content_hash"),
        r.getString("verification_code"), r.getOffsetDateTime("created_at"));
  }

  JsonObject toCustomerJson() {
    return new JsonObject().put("id", id).put("reference", reference).put("invoiceId", invoiceId)
        .put("invoiceNumber", invoiceNumber).put("period", period).put("amount", amount).put("method", method)
        .put("paidAt", Times.iso(paidAt)).put("verificationCode", verificationCode);
  }

  JsonObject toJson() {
    return toCustomerJson()
        .put("customer", new JsonObject().put("id", customerId).put("customerNo", customerNo).put("name", customerName))
        .put("createdAt", Times.iso(createdAt));
  }
}
