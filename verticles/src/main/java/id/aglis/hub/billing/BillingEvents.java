package id.aglis.hub.billing;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.CustomerNote;
import io.vertx.core.Vertx;

/** The notes a customer's own page hears on {@code ui.customer.<id>} after a billing change is committed. */
final class BillingEvents {

  private final Vertx vertx;

  BillingEvents(Vertx vertx) {
    this.vertx = vertx;
  }

  void invoice(Invoice invoice, String status, String event) {
    vertx.eventBus().publish(Addresses.uiCustomer(invoice.customerId()),
        CustomerNote.invoice(invoice.id(), invoice.number(), status, event).toJson());
  }

  /** The invoice is no longer {@code formerCustomerId}'s: their page refetches and it is gone. */
  void invoiceMoved(long formerCustomerId, Invoice invoice) {
    vertx.eventBus().publish(Addresses.uiCustomer(formerCustomerId),
        CustomerNote.invoice(invoice.id(), invoice.number(), "moved", "moved").toJson());
  }

  void payment(Payment payment, String invoiceStatus) {
    vertx.eventBus().publish(Addresses.uiCustomer(payment.customerId()),
        CustomerNote.payment(payment.id(), payment.invoiceNumber(), invoiceStatus).toJson());
  }
}
