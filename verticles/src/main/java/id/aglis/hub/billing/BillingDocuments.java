package id.aglis.hub.billing;

import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.BrowserSession;
import id.aglis.hub.web.CustomerDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * An invoice's or payment's PDF for whoever may read it: staff any, a customer only their own ({@code customerId}
 * non-null), anything else 404. The data is read on the event loop; the PDF is written on a worker.
 */
final class BillingDocuments {

  /** A rendered PDF and the name it downloads as (without the extension). */
  record Pdf(String filename, Buffer data) {
  }

  private final Vertx vertx;
  private final Billing billing;
  private final CustomerDirectory customers;
  private final Clock clock;
  /**
   * PDFs are written on their own two worker threads, shared by the node's HTTP verticles: a burst of downloads
   * queues behind itself, not in front of the sign-ins (password hashing) on the default worker pool.
   */
  private final io.vertx.core.WorkerExecutor pdfWorkers;

  BillingDocuments(Vertx vertx, Billing billing, CustomerDirectory customers, Clock clock) {
    this.vertx = vertx;
    this.billing = billing;
    this.customers = customers;
    this.clock = clock;
    this.pdfWorkers = vertx.createSharedWorkerExecutor("billing-pdf", 2);
  }

  Future<Pdf> invoice(long id, Long customerId) {
    BillingRepository repository = billing.repository();
    return repository.invoice(id).compose(found -> {
      Invoice invoice = visible(found, customerId).orElseThrow(() -> ApiError.notFound("Invoice"));
      return Future.all(repository.paymentsOf(id), paper(invoice)).compose(both -> blocking(() -> BillingPdf.invoice(invoice,
          both.resultAt(0), both.resultAt(1), billing.today(), now())))
          .map(data -> new Pdf("tagihan-" + invoice.number(), data));
    });
  }

  Future<Pdf> receipt(long id, Long customerId) {
    BillingRepository repository = billing.repository();
    return repository.payment(id).compose(found -> {
      Payment payment = found.filter(p -> customerId == null || p.customerId() == customerId)
          .orElseThrow(() -> ApiError.notFound("Payment"));
      return repository.invoice(payment.invoiceId()).compose(invoice -> paper(invoice.orElseThrow())
          .compose(customer -> blocking(() -> BillingPdf.receipt(payment, invoice.get(), customer, billing.today(), now()))))
          .map(data -> new Pdf("kuitansi-" + payment.reference(), data));
    });
  }

  private static Optional<Invoice> visible(Optional<Invoice> found, Long customerId) {
    return found.filter(i -> customerId == null || i.customerId() == customerId);
  }

  /** The customer as the invoice names them, with today's address when the directory still has one. */
  private Future<BillingPdf.Customer> paper(Invoice invoice) {
    return customers.byId(invoice.customerId()).map(found -> new BillingPdf.Customer(invoice.customerNo(), invoice.customerName(),
        found.map(CustomerDirectory.Contact::address).orElse(null)));
  }

  private Future<Buffer> blocking(java.util.concurrent.Callable<byte[]> render) {
    return pdfWorkers.executeBlocking(() -> Buffer.buffer(render.call()), false);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
  }

  /** Sends the PDF as a download named {@code filename} (without its extension). */
  static void serve(RoutingContext ctx, Pdf pdf) {
    String safe = pdf.filename().replaceAll("[^A-Za-z0-9._-]", "_");
    BrowserSession.thenSend(ctx, () -> ctx.response().setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/pdf")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Disposition", "attachment; filename=\"" + safe + ".pdf\"")
        .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .end(pdf.data()));
  }
}
