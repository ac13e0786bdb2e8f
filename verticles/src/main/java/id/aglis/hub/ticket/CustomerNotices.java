package id.aglis.hub.ticket;

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
 * WhatsApp notices to a customer about their tickets, through the dispatcher ({@code ticket.*} templates, {@code high}
 * priority), unless the customer turned ticket notices off or has no number on file. A notice that cannot be queued
 * is logged, never failing the change that caused it (the change is already committed and shown in the portal).
 */
final class CustomerNotices {

  private static final Logger LOG = LoggerFactory.getLogger(CustomerNotices.class);
  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(10_000);
  private static final int EXCERPT = 500;

  private final Vertx vertx;
  private final CustomerDirectory customers;
  private final boolean enabled;

  CustomerNotices(Vertx vertx, CustomerDirectory customers, boolean enabled) {
    this.vertx = vertx;
    this.customers = customers;
    this.enabled = enabled;
  }

  void created(Ticket t) {
    send(t, "ticket.created", base(t), "ticket-created:" + t.id());
  }

  void replied(Ticket t, long messageId, String staffName, String text) {
    String excerpt = text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text;
    send(t, "ticket.reply", base(t).put("petugas", staffName).put("pesan", excerpt), "ticket-reply:" + messageId);
  }

  void resolved(Ticket t) {
    send(t, "ticket.resolved", base(t), "ticket-resolved:" + t.id() + ":" + t.resolvedAt().toInstant().toEpochMilli());
  }

  private static JsonObject base(Ticket t) {
    return new JsonObject().put("nomor", t.number()).put("judul", t.subject());
  }

  /** {@code idempotencyKey}: the dispatcher queues one message per key, should a notice be asked for twice. */
  private void send(Ticket t, String template, JsonObject params, String idempotencyKey) {
    if (!enabled) {
      return;
    }
    customers.byId(t.customerId())
        .compose(found -> {
          if (found.isEmpty() || !found.get().ticketNotices() || found.get().phone() == null) {
            return Future.succeededFuture();
          }
          EnqueueMessageRequest request = EnqueueMessageRequest.template(found.get().phone(), template, params)
              .withPriority("high").withIdempotencyKey(idempotencyKey).requestedBy("ticket:" + t.number());
          return vertx.eventBus().request(Addresses.DISPATCH_MESSAGE_ENQUEUE, request.toJson(), TIMEOUT).mapEmpty();
        })
        .onFailure(e -> LOG.warn("The {} notice for ticket {} could not be queued: {}", template, t.number(), e.getMessage()));
  }
}
