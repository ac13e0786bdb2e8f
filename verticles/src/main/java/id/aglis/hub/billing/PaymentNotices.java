package id.aglis.hub.billing;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.EnqueueMessageRequest;
import id.aglis.hub.web.CustomerDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WhatsApp receipt a customer gets for each payment ({@code billing.payment}, {@code high} priority: they are
 * waiting to hear their money arrived), through the dispatcher, unless they have no number on file. One message per
 * payment (its idempotency key); a notice that cannot be queued is logged, never failing the payment, which is
 * committed and shown in the portal already.
 */
final class PaymentNotices {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentNotices.class);
  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(10_000);

  private final Vertx vertx;
  private final CustomerDirectory customers;
  private final boolean enabled;

  PaymentNotices(Vertx vertx, CustomerDirectory customers, boolean enabled) {
    this.vertx = vertx;
    this.customers = customers;
    this.enabled = enabled;
  }

  void received(Payment payment, Invoice invoice) {
    if (!enabled) {
      return;
    }
    long outstanding = invoice.outstanding();
    JsonObject params = new JsonObject().put("jumlah", Rupiah.format(payment.amount())).put("nomor", invoice.number())
        .put("periode", Rupiah.period(invoice.period())).put("tanggal", Rupiah.time(payment.paidAt()))
        .put("sisa", outstanding > 0 ? "Sisa tagihan: " + Rupiah.format(outstanding) + ".\n" : "")
        .put("kode", payment.verificationCode());
    customers.byId(payment.customerId())
        .compose(found -> {
          if (found.isEmpty() || found.get().phone() == null) {
            return Future.succeededFuture();
          }
          EnqueueMessageRequest request = EnqueueMessageRequest.template(found.get().phone(), "billing.payment", params)
              .withPriority("high").withIdempotencyKey("billing-payment:" + payment.id())
              .requestedBy("billing:" + payment.reference());
          return vertx.eventBus().request(Addresses.DISPATCH_MESSAGE_ENQUEUE, request.toJson(), TIMEOUT).mapEmpty();
        })
        .onFailure(e -> LOG.warn("The receipt notice for payment {} could not be queued: {}", payment.reference(), e.getMessage()));
  }
}
