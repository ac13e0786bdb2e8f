package id.aglis.hub.webhook;

import id.aglis.hub.common.Times;
import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.CustomerByPhoneReply;
import id.aglis.hub.bus.EnqueueMessageRequest;
import id.aglis.hub.bus.RecipientOptOutRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * Automatic replies to incoming WhatsApp messages, by keyword (the first word, any case), in Bahasa
 * Indonesia and English: INFO (the customer's account and plan), STOP/BERHENTI and START/MULAI (opt out
 * of and back into promotional messages). A sender the ISP does not know gets one polite reply a day.
 * Reply texts are templates ({@code reply.*}) staff can edit; replies go out through the dispatcher as
 * {@code high} priority, through the device the customer wrote to, once per incoming message.
 *
 * <p>New keywords are one entry in {@link #handlers}. GANGGUAN and STATUS are the ticket feature's own
 * ({@code ticket.TicketKeywords}, on the same incoming-message event); TAGIHAN/BILL join when invoices exist.
 */
final class KeywordReplies {

  /**
   * What a handler needs to know about the message it answers. The reply's idempotency key is the callback's
   * id, which stays the same if the page that stored the message rolls back and is applied again.
   */
  record Incoming(long callbackId, String device, String from, String text, CustomerByPhoneReply customer) {
    boolean knownCustomer() {
      return customer != null && customer.found();
    }
  }

  /** A reply: a template and its parameters, or null for none. */
  record Reply(String template, JsonObject params) {
  }

  private interface Handler {
    Future<Reply> handle(Incoming message);
  }

  static final String INSERT_AUTO_REPLY = "insert into wa_auto_replies (phone, day) values ($1, $2) on conflict do nothing returning phone";
  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(10_000);

  private final Vertx vertx;
  private final Map<String, Handler> handlers;

  KeywordReplies(Vertx vertx) {
    this.vertx = vertx;
    this.handlers = Map.of(
        "INFO", this::info,
        "STOP", m -> optOut(m, true, "reply.stop.en"),
        "BERHENTI", m -> optOut(m, true, "reply.stop"),
        "START", m -> optOut(m, false, "reply.start.en"),
        "MULAI", m -> optOut(m, false, "reply.start"));
  }

  /** Answers one new incoming message, if it calls for an answer. */
  Future<Void> answer(SqlClient tx, Incoming message) {
    Handler handler = handlers.get(keyword(message.text()));
    Future<Reply> reply = handler != null ? handler.handle(message)
        : message.knownCustomer() ? Future.succeededFuture(null) : oncePerDay(tx, message);
    return reply.compose(r -> r == null ? Future.succeededFuture() : send(message, r));
  }

  static String keyword(String text) {
    if (text == null) {
      return "";
    }
    String first = text.strip().split("\\s+", 2)[0];
    return first.replaceAll("[^\\p{L}\\p{N}]", "").toUpperCase(Locale.ROOT);
  }

  private Future<Reply> info(Incoming message) {
    if (!message.knownCustomer()) {
      return Future.succeededFuture(new Reply("reply.info.unknown", new JsonObject()));
    }
    return Future.succeededFuture(new Reply("reply.info", infoParams(message.customer())));
  }

  /** The INFO reply's parameters: the template is Bahasa Indonesia, so the stored English words are not. */
  static JsonObject infoParams(CustomerByPhoneReply customer) {
    return new JsonObject().put("nama", customer.name()).put("nomor", customer.customerNo())
        .put("paket", CustomerWords.plan(customer.plan())).put("status", CustomerWords.status(customer.status()));
  }

  private Future<Reply> optOut(Incoming message, boolean optedOut, String template) {
    return vertx.eventBus().request(Addresses.DISPATCH_RECIPIENT_OPT_OUT,
            new RecipientOptOutRequest(message.from(), optedOut, keyword(message.text())).toJson(), TIMEOUT)
        .map(done -> new Reply(template, new JsonObject()));
  }

  private Future<Reply> oncePerDay(SqlClient tx, Incoming message) {
    return tx.preparedQuery(INSERT_AUTO_REPLY).execute(Tuple.of(message.from(), LocalDate.now(Times.BUSINESS_ZONE)))
        .map(rows -> rows.size() > 0 ? new Reply("reply.unknown-sender", new JsonObject()) : null);
  }

  private Future<Void> send(Incoming message, Reply reply) {
    EnqueueMessageRequest enqueue = EnqueueMessageRequest.template(message.from(), reply.template(), reply.params())
        .withPriority("high").withDevice(message.device()).withIdempotencyKey("reply:" + message.callbackId())
        .requestedBy("keyword-replies");
    return vertx.eventBus().request(Addresses.DISPATCH_MESSAGE_ENQUEUE, enqueue.toJson(), TIMEOUT).mapEmpty();
  }
}
