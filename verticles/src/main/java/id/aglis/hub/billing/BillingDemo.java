package id.aglis.hub.billing;

import id.aglis.hub.common.Times;
import id.aglis.hub.platform.HubSettings;
import id.aglis.hub.web.CustomerDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;

/**
 * Demo bills, once per database: invoices of the demo customers in every state (paid, partially paid, unpaid,
 * overdue, void) with their payments, made through the same domain code as real ones. No WhatsApp notices go out.
 */
final class BillingDemo {

  private final BillingRepository repository;
  private final CustomerDirectory customers;
  private final Clock clock;
  private final Billing billing;

  BillingDemo(Vertx vertx, BillingRepository repository, CustomerDirectory customers, Clock clock) {
    this.repository = repository;
    this.customers = customers;
    this.clock = clock;
    this.billing = new Billing(repository, new BillingEvents(vertx), new PaymentNotices(vertx, customers, false), clock);
  }

  Future<Void> seedOnce() {
    return repository.pool().withTransaction(tx -> HubSettings.claim(tx, "demo.seeded.billing", OffsetDateTime.now(clock).toString()))
        .compose(first -> first ? seed() : Future.succeededFuture());
  }

  private Future<Void> seed() {
    LocalDate today = billing.today();
    YearMonth now = YearMonth.from(today);
    YearMonth last = now.minusMonths(1);
    // Last month's: issued five weeks ago, due three weeks ago; this month's: issued five days ago, due in ten days.
    // Each customer's plan and price as the identity demo gave them (AGL-000101: Rumah 30 Mbps, 102: Rumah 50 Mbps,
    // 103: Bisnis 100 Mbps, 104 and 112: Rumah 20 Mbps, 105: Rumah 30 Mbps), so bills and the account page agree.
    return invoice("AGL-000101", last, -35, -20, 300_000, "Paket Rumah 30 Mbps", new long[] {350_000}, new int[] {-25}, null)
        .compose(v -> invoice("AGL-000101", now, -5, 10, 300_000, "Paket Rumah 30 Mbps", new long[] {150_000}, new int[] {-2}, null))
        .compose(v -> invoice("AGL-000102", now, -5, 10, 450_000, "Paket Rumah 50 Mbps", new long[0], new int[0], null))
        .compose(v -> invoice("AGL-000103", last, -35, -20, 750_000, "Paket Bisnis 100 Mbps", new long[0], new int[0], null))
        .compose(v -> invoice("AGL-000103", now, -5, 10, 750_000, "Paket Bisnis 100 Mbps", new long[0], new int[0], null))
        .compose(v -> invoice("AGL-000104", last, -35, -20, 250_000, "Paket Rumah 20 Mbps", new long[0], new int[0],
            "Salah periode; diganti tagihan baru."))
        .compose(v -> invoice("AGL-000105", last, -35, -20, 300_000, "Paket Rumah 30 Mbps", new long[] {200_000, 150_000},
            new int[] {-30, -28}, null))
        .compose(v -> invoice("AGL-000105", now, -5, 10, 300_000, "Paket Rumah 30 Mbps", new long[] {350_000}, new int[] {-1}, null))
        // Suspended in the identity demo for an unpaid bill: this is the bill.
        .compose(v -> invoice("AGL-000112", last, -35, -20, 250_000, "Paket Rumah 20 Mbps", new long[0], new int[0], null))
        .mapEmpty();
  }

  /** {@code plan} plus the device rental (Rp 50.000); {@code payments} in rupiah, {@code paidDays} relative to today. */
  private Future<Void> invoice(String customerNo, YearMonth period, int issueDays, int dueDays, long plan, String planName,
                               long[] payments, int[] paidDays, String voidReason) {
    return customers.byCustomerNo(customerNo).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture();
      }
      LocalDate today = billing.today();
      String number = "INV-" + period + "-" + customerNo.replace("AGL-", "");
      JsonArray lines = new JsonArray().add(new JsonObject().put("description", planName + " (" + Rupiah.period(period.toString()) + ")")
          .put("amount", plan)).add(new JsonObject().put("description", "Sewa perangkat ONT").put("amount", 50_000L));
      InvoiceDraft draft = new InvoiceDraft(number, customerNo, found.get(), period.toString(), today.plusDays(issueDays),
          today.plusDays(dueDays), lines, plan + 50_000);
      Future<Long> chain = billing.postInvoice(draft).map(posted -> posted.value().id());
      for (int i = 0; i < payments.length; i++) {
        OffsetDateTime at = today.plusDays(paidDays[i]).atTime(LocalTime.of(10, 15 + i)).atZone(Times.BUSINESS_ZONE).toOffsetDateTime();
        PaymentDraft payment = new PaymentDraft("DEMO-" + number + "-" + (i + 1), number, payments[i], i % 2 == 0 ? "va_bca" : "qris", at);
        chain = chain.compose(id -> billing.postPayment(payment).map(p -> id));
      }
      if (voidReason != null) {
        chain = chain.compose(id -> billing.voidInvoice(id, voidReason).map(v -> id));
      }
      return chain.mapEmpty();
    });
  }
}
