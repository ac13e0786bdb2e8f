package id.aglis.hub.billing;

import id.aglis.hub.web.Access;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.Bodies;
import id.aglis.hub.web.Cursor;
import id.aglis.hub.web.CustomerDirectory;
import id.aglis.hub.web.Fields;
import id.aglis.hub.web.Requests;
import id.aglis.hub.web.Responses;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Set;

/**
 * The staff and machine side of billing (see docs/billing.md): the billing system posts invoices and the bank or
 * gateway posts payments (admin and supervisor sessions, and tokens with those roles); customer service reads, lists,
 * searches and checks a paper's verification code too. Voiding is for admins and supervisors.
 */
final class BillingRoutes {

  private static final int Q_MAX = 100;
  /** The console's period filter: one month, as invoices carry it. */
  private static final java.util.regex.Pattern PERIOD = java.util.regex.Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

  private final Billing billing;
  private final BillingDocuments documents;
  private final CustomerDirectory customers;

  BillingRoutes(Billing billing, BillingDocuments documents, CustomerDirectory customers) {
    this.billing = billing;
    this.documents = documents;
    this.customers = customers;
  }

  void mount(Router api) {
    var writers = Access.staff(Role.ADMIN, Role.SUPERVISOR);
    var readers = Access.staff(Role.ADMIN, Role.SUPERVISOR, Role.CS);
    api.post("/invoices").handler(writers).handler(this::postInvoice);
    api.get("/invoices").handler(readers).handler(this::listInvoices);
    api.get("/invoices/:id").handler(readers).handler(this::getInvoice);
    api.get("/invoices/:id/pdf").handler(readers).handler(this::invoicePdf);
    api.post("/invoices/:id/void").handler(writers).handler(this::voidInvoice);
    api.post("/payments").handler(writers).handler(this::postPayment);
    api.get("/payments").handler(readers).handler(this::listPayments);
    api.get("/payments/:id").handler(readers).handler(this::getPayment);
    api.get("/payments/:id/pdf").handler(readers).handler(this::receiptPdf);
    api.get("/billing/verify/:code").handler(readers).handler(this::verify);
  }

  private void postInvoice(RoutingContext ctx) {
    InvoiceDraft parsed = InvoiceDraft.parse(Bodies.object(ctx), billing.today());
    customers.byCustomerNo(parsed.customerNo())
        .map(found -> parsed.forCustomer(found.orElseThrow(() -> ApiError.invalidField("customerNo",
            "No customer has the number '" + parsed.customerNo() + "'."))))
        .compose(billing::postInvoice)
        .compose(posted -> billing.repository().paymentsOf(posted.value().id())
            .map(payments -> posted.value().toJson(billing.today(), payments).put("outcome", posted.outcome()))
            .onSuccess(json -> Responses.json(ctx, posted.created() ? 201 : 200, json)))
        .onFailure(ctx::fail);
  }

  private void listInvoices(RoutingContext ctx) {
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    String status = Requests.queryEnum(ctx, "status", Invoice.STATUSES);
    String customerNo = Requests.query(ctx, "customerNo");
    Long customerId = Requests.queryId(ctx, "customerId");
    String pattern = Requests.querySearch(ctx, "q", Q_MAX);
    String period = Requests.query(ctx, "period");
    if (period != null && !PERIOD.matcher(period).matches()) {
      throw ApiError.invalidField("period", "period must be a month as YYYY-MM, e.g. 2026-11.");
    }
    LocalDate today = billing.today();
    billing.repository().invoicePage(before, new BillingRepository.InvoiceFilter(customerId, customerNo, status, pattern, period), today, limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, Invoice::id, i -> i.toJson(today)))
        .onFailure(ctx::fail);
  }

  private void getInvoice(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Invoice");
    billing.repository().invoice(id)
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Invoice")))
        .compose(invoice -> billing.repository().paymentsOf(id).map(payments -> invoice.toJson(billing.today(), payments)))
        .onSuccess(json -> Responses.ok(ctx, json))
        .onFailure(ctx::fail);
  }

  private void invoicePdf(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Invoice");
    documents.invoice(id, null).onSuccess(pdf -> BillingDocuments.serve(ctx, pdf)).onFailure(ctx::fail);
  }

  private void voidInvoice(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Invoice");
    JsonObject body = Bodies.object(ctx);
    Fields.onlyKnown(body, Set.of("reason"));
    String reason = Fields.requiredString(body, "reason", 500);
    billing.voidInvoice(id, reason)
        .compose(invoice -> billing.repository().paymentsOf(id).map(payments -> invoice.toJson(billing.today(), payments)))
        .onSuccess(json -> Responses.ok(ctx, json))
        .onFailure(ctx::fail);
  }

  private void postPayment(RoutingContext ctx) {
    PaymentDraft draft = PaymentDraft.parse(Bodies.object(ctx));
    billing.postPayment(draft)
        .compose(posted -> billing.repository().invoice(posted.value().invoiceId())
            .map(invoice -> posted.value().toJson().put("outcome", posted.outcome())
                .put("invoice", invoice.map(i -> i.toJson(billing.today())).orElse(null)))
            .onSuccess(json -> Responses.json(ctx, posted.created() ? 201 : 200, json)))
        .onFailure(ctx::fail);
  }

  private void listPayments(RoutingContext ctx) {
    long before = Cursor.decode(Requests.query(ctx, "cursor"));
    int limit = Cursor.limit(Requests.query(ctx, "limit"));
    String customerNo = Requests.query(ctx, "customerNo");
    Long customerId = Requests.queryId(ctx, "customerId");
    String invoiceNumber = Requests.query(ctx, "invoiceNumber");
    String pattern = Requests.querySearch(ctx, "q", Q_MAX);
    billing.repository().paymentPage(before, new BillingRepository.PaymentFilter(customerId, customerNo, invoiceNumber, pattern), limit + 1)
        .onSuccess(rows -> Responses.page(ctx, rows, limit, Payment::id, Payment::toJson))
        .onFailure(ctx::fail);
  }

  private void getPayment(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Payment");
    billing.repository().payment(id)
        .map(found -> found.orElseThrow(() -> ApiError.notFound("Payment")).toJson())
        .onSuccess(json -> Responses.ok(ctx, json))
        .onFailure(ctx::fail);
  }

  private void receiptPdf(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id", "Payment");
    documents.receipt(id, null).onSuccess(pdf -> BillingDocuments.serve(ctx, pdf)).onFailure(ctx::fail);
  }

  /** What a paper's code stands for: {@code {"code","kind":"invoice"|"payment","invoice",["payment"],"customer"}}; 404 when nothing. */
  private void verify(RoutingContext ctx) {
    String code = VerificationCodes.normalise(ctx.pathParam("code"))
        .orElseThrow(() -> ApiError.notFound("A document with this verification code"));
    LocalDate today = billing.today();
    BillingRepository repository = billing.repository();
    repository.invoiceByCode(code)
        .compose(invoice -> invoice.isPresent()
            ? Future.succeededFuture(verified(code, "invoice", invoice.get(), null, today))
            : repository.paymentByCode(code).compose(payment -> payment.isEmpty()
                ? Future.failedFuture(ApiError.notFound("A document with this verification code"))
                : repository.invoice(payment.get().invoiceId())
                    .map(paid -> verified(code, "payment", paid.orElseThrow(), payment.get(), today))))
        .onSuccess(json -> Responses.ok(ctx, json))
        .onFailure(ctx::fail);
  }

  private static JsonObject verified(String code, String kind, Invoice invoice, Payment payment, LocalDate today) {
    JsonObject out = new JsonObject().put("code", code).put("kind", kind)
        .put("amount", payment != null ? payment.amount() : invoice.total())
        .put("invoice", new JsonObject().put("id", invoice.id()).put("number", invoice.number()).put("period", invoice.period())
            .put("total", invoice.total()).put("paid", invoice.paid()).put("status", invoice.status(today))
            .put("dueDate", invoice.dueDate().toString()))
        .put("customer", new JsonObject().put("id", invoice.customerId()).put("customerNo", invoice.customerNo())
            .put("name", invoice.customerName()));
    if (payment != null) {
      out.put("payment", new JsonObject().put("id", payment.id()).put("reference", payment.reference())
          .put("amount", payment.amount()).put("method", payment.method())
          .put("paidAt", id.aglis.hub.common.Times.iso(payment.paidAt())));
    }
    return out;
  }
}
