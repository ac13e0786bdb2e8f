package id.aglis.hub.billing;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.Cursor;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;

/**
 * A customer's own bills under {@code /portal} (customer sessions only; the paths are fixed by issue 16): invoices,
 * payments, and their PDFs. Every read is scoped to the signed-in customer in SQL or before anything is rendered, so
 * another customer's id answers 404 exactly as an id that does not exist.
 */
final class PortalBillingRoutes {

  private final Billing billing;
  private final BillingDocuments documents;

  PortalBillingRoutes(Billing billing, BillingDocuments documents) {
    this.billing = billing;
    this.documents = documents;
  }

  void mount(Router api) {
    var customer = Access.customer();
    api.get("/portal/invoices").handler(customer).handler(this::invoices);
    api.get("/portal/invoices/:id/pdf").handler(customer).handler(this::invoicePdf);
    api.get("/portal/payments").handler(customer).handler(this::payments);
    api.get("/portal/payments/:id/pdf").handler(customer).handler(this::receiptPdf);
  }

  private static long me(RoutingContext ctx) {
    return Access.principal(ctx).id();
  }

  private void invoices(RoutingContext ctx) {
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    String status = Requests.queryEnum(ctx, "status", Invoice.STATUSES);
    LocalDate today = billing.today();
    billing.repository().invoicePage(before, new BillingRepository.InvoiceFilter(me(ctx), null, status, null, null), today, limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, Invoice::id, i -> i.toCustomerJson(today)))
        .onFailure(ctx::fail);
  }

  private void payments(RoutingContext ctx) {
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    billing.repository().paymentPage(before, new BillingRepository.PaymentFilter(me(ctx), null, null, null), limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, Payment::id, Payment::toCustomerJson))
        .onFailure(ctx::fail);
  }

  private void invoicePdf(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Invoice");
    documents.invoice(id, me(ctx)).onSuccess(pdf -> BillingDocuments.serve(ctx, pdf)).onFailure(ctx::fail);
  }

  private void receiptPdf(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Payment");
    documents.receipt(id, me(ctx)).onSuccess(pdf -> BillingDocuments.serve(ctx, pdf)).onFailure(ctx::fail);
  }
}
