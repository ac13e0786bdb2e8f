package id.aglis.hub.billing;

import id.aglis.hub.common.Times;
import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.PgErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Invoices and payments as the billing system and the bank report them, each posting one transaction (nothing
 * half-written), idempotent by the caller's own number or reference; the customer's page and WhatsApp hear of it
 * after the commit.
 */
final class Billing {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Billing.class);

  /**
   * What a posting did: {@code created}, {@code updated}, or {@code unchanged} (the same content posted again);
   * {@code movedFrom}, the customer an updated invoice belonged to before, when it changed hands.
   */
  record Posted<T>(T value, String outcome, Long movedFrom) {
    Posted(T value, String outcome) {
      this(value, outcome, null);
    }

    boolean created() {
      return "created".equals(outcome);
    }
  }

  private final BillingRepository repository;
  private final BillingEvents events;
  private final PaymentNotices notices;
  private final Clock clock;

  Billing(BillingRepository repository, BillingEvents events, PaymentNotices notices, Clock clock) {
    this.repository = repository;
    this.events = events;
    this.notices = notices;
    this.clock = clock;
  }

  BillingRepository repository() {
    return repository;
  }

  /** Today in WIB: an invoice is overdue from the day after its due date there. */
  LocalDate today() {
    return LocalDate.now(clock.withZone(Times.BUSINESS_ZONE));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
  }

  /** Creates the invoice, or updates it while nothing is paid and it is not void (409 naming why otherwise). */
  Future<Posted<Invoice>> postInvoice(InvoiceDraft draft) {
    OffsetDateTime at = now();
    return repository.pool().<Posted<Invoice>>withTransaction(tx -> repository.lockInvoiceByNumber(tx, draft.number())
            .compose(found -> found.isPresent() ? update(tx, found.get(), draft, at)
                : repository.insertInvoice(tx, draft, VerificationCodes.next(), at).compose(inserted -> inserted.isPresent()
                    ? Future.succeededFuture(new Posted<>(inserted.get(), "created"))
                    // Another caller inserted the number first (and committed): this posting is an update of theirs.
                    : repository.lockInvoiceByNumber(tx, draft.number()).compose(again -> update(tx, again.orElseThrow(), draft, at)))))
        .onSuccess(posted -> {
          if (!"unchanged".equals(posted.outcome())) {
            events.invoice(posted.value(), posted.value().status(today()), posted.outcome());
          }
          if (posted.movedFrom() != null) {
            // Posted again under another customer (a correction): the first one's page must lose it too.
            events.invoiceMoved(posted.movedFrom(), posted.value());
          }
        });
  }

  private Future<Posted<Invoice>> update(SqlClient tx, Invoice stored, InvoiceDraft draft, OffsetDateTime at) {
    // The same content again is a replay (a billing system retrying), whatever happened to the invoice since.
    if (draft.sameAs(stored)) {
      return Future.succeededFuture(new Posted<>(stored, "unchanged"));
    }
    if (stored.voidedAt() != null) {
      return Future.failedFuture(ApiError.conflict("invoice_void", "Invoice " + stored.number() + " was voided; it cannot be changed."));
    }
    if (stored.paid() >= stored.total()) {
      return Future.failedFuture(ApiError.conflict("invoice_paid", "Invoice " + stored.number() + " is paid; it cannot be changed."));
    }
    if (stored.paid() > 0) {
      return Future.failedFuture(ApiError.conflict("invoice_partially_paid", "Invoice " + stored.number()
          + " has payments recorded; it cannot be changed."));
    }
    Long movedFrom = stored.customerId() == draft.customer().id() ? null : stored.customerId();
    return repository.updateInvoice(tx, stored.id(), draft, at).map(updated -> new Posted<>(updated, "updated", movedFrom));
  }

  /**
   * Records the payment against its invoice (locked, so two payments at once cannot over-pay it). The same reference
   * with the same content answers the payment recorded before; with other content, 409 {@code duplicate_reference}.
   */
  Future<Posted<Payment>> postPayment(PaymentDraft draft) {
    String hash = draft.contentHash();
    OffsetDateTime at = now();
    return repository.pool().<Posted<Payment>>withTransaction(tx -> repository.paymentByReference(tx, draft.reference())
            .compose(existing -> existing.isPresent() ? Future.succeededFuture(replayed(existing.get(), hash))
                : record(tx, draft, hash, at)))
        // Two postings of a new reference at once (to different invoices): the loser reads the winner's.
        .recover(failure -> PgErrors.isUnique(failure, "payments_reference_key")
            ? repository.paymentByReference(repository.pool(), draft.reference()).map(found -> replayed(found.orElseThrow(), hash))
            : Future.failedFuture(failure))
        .onSuccess(posted -> {
          if (posted.created()) {
            announce(posted);
          }
        });
  }

  private static Posted<Payment> replayed(Payment existing, String hash) {
    if (!existing.contentHash().equals(hash)) {
      throw ApiError.conflict("duplicate_reference", "A payment with reference " + existing.reference()
          + " was recorded with other content (invoice, amount, method or time).", "reference");
    }
    return new Posted<>(existing, "unchanged");
  }

  /**
   * The reference is looked for again once the invoice is locked: a posting of the same reference that held the lock
   * first has committed by then, and this one is its replay, not an over-payment.
   */
  private Future<Posted<Payment>> record(SqlClient tx, PaymentDraft draft, String hash, OffsetDateTime at) {
    return repository.lockInvoiceByNumber(tx, draft.invoiceNumber())
        .compose(found -> repository.paymentByReference(tx, draft.reference()).compose(existing -> existing.isPresent()
            ? Future.succeededFuture(replayed(existing.get(), hash))
            : insert(tx, found, draft, hash, at)));
  }

  private Future<Posted<Payment>> insert(SqlClient tx, Optional<Invoice> found, PaymentDraft draft, String hash, OffsetDateTime at) {
    Invoice invoice = found.orElseThrow(() -> ApiError.invalidField("invoiceNumber", "No invoice has the number '"
        + draft.invoiceNumber() + "'."));
    if (invoice.voidedAt() != null) {
      throw ApiError.conflict("invoice_void", "Invoice " + invoice.number() + " was voided; it takes no payments.", "invoiceNumber");
    }
    long owed = invoice.total() - invoice.paid();
    if (draft.amount() > owed) {
      throw ApiError.conflict("overpayment", owed == 0 ? "Invoice " + invoice.number() + " is paid already."
          : "The amount is more than the " + Rupiah.format(owed) + " still owed on invoice " + invoice.number() + ".", "amount");
    }
    return repository.insertPayment(tx, draft, invoice.id(), invoice.customerId(), hash, VerificationCodes.next(), at)
        .compose(id -> repository.addPaid(tx, invoice.id(), draft.amount(), at).compose(v -> repository.payment(tx, id)))
        .map(payment -> new Posted<>(payment.orElseThrow(), "created"));
  }

  /**
   * After the commit, not waited for: the live note and the WhatsApp receipt. A failure here is logged and never turns
   * a recorded payment into an error (the bank's retry would be a replay, which announces nothing).
   */
  private void announce(Posted<Payment> posted) {
    repository.invoice(posted.value().invoiceId()).onSuccess(invoice -> invoice.ifPresent(i -> {
      events.payment(posted.value(), i.status(today()));
      notices.received(posted.value(), i);
    })).onFailure(e -> LOG.warn("Payment {}: the live note and the receipt could not be sent: {}", posted.value().reference(),
        e.getMessage()));
  }

  /** Voids an invoice nothing has been paid on (payments are the billing system's to refund first). */
  Future<Invoice> voidInvoice(long id, String reason) {
    OffsetDateTime at = now();
    return repository.pool().withTransaction(tx -> repository.lockInvoice(tx, id).compose(found -> {
          Invoice invoice = found.orElseThrow(() -> ApiError.notFound("Invoice"));
          if (invoice.voidedAt() != null) {
            throw ApiError.conflict("invoice_void", "Invoice " + invoice.number() + " was voided already.");
          }
          if (invoice.paid() > 0) {
            throw ApiError.conflict("invoice_has_payments", "Invoice " + invoice.number()
                + " has payments recorded; refund them in the billing system first.");
          }
          return repository.voidInvoice(tx, id, reason, at);
        }))
        .onSuccess(voided -> events.invoice(voided, Invoice.VOID, "voided"));
  }
}
