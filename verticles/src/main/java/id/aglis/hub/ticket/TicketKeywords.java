package id.aglis.hub.ticket;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.EnqueueMessageRequest;
import id.aglis.hub.bus.IncomingMessageReceived;
import id.aglis.hub.common.Times;
import id.aglis.hub.web.CustomerDirectory;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticket keywords on WhatsApp, from a customer's registered number: {@code GANGGUAN <keterangan>} opens a fault
 * ticket and answers with its number; {@code STATUS} answers with the customer's open tickets and any installation in
 * progress. Every node answers the messages its own webhook received; a message applied twice opens one ticket and
 * sends one answer (both keyed by the incoming message). Unknown senders get the webhook's own polite answer.
 */
public final class TicketKeywords extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TicketKeywords.class);
  private static final Pattern GANGGUAN = Pattern.compile("^\\s*GANGGUAN\\b[\\s:,.-]*(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern STATUS = Pattern.compile("^\\s*STATUS\\s*[.!?]?\\s*$", Pattern.CASE_INSENSITIVE);
  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(5_000);
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.forLanguageTag("id"));
  static final Map<String, String> STATUS_WORDS = Map.of("open", "baru diterima", "in_progress", "sedang ditangani",
      "waiting_customer", "menunggu balasan Anda", "resolved", "selesai", "closed", "ditutup");
  static final Map<String, String> STAGE_WORDS = Map.of("scheduled", "dijadwalkan", "survey", "survei lokasi",
      "cabling", "penarikan kabel", "device_installed", "perangkat terpasang", "activated", "aktif");

  private final Tickets tickets;
  private final CustomerDirectory customers;

  TicketKeywords(Tickets tickets, CustomerDirectory customers) {
    this.tickets = tickets;
    this.customers = customers;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<JsonObject>localConsumer(Addresses.WEBHOOK_MESSAGE_RECEIVED,
        m -> handle(IncomingMessageReceived.fromJson(m.body()))).completion();
  }

  /** The answer sent (for tests), or null when the message is not a ticket keyword from a known customer. */
  Future<String> handle(IncomingMessageReceived message) {
    if (message.text() == null || message.groupMember() != null || message.customer() == null) {
      return Future.succeededFuture(null);
    }
    Matcher report = GANGGUAN.matcher(message.text());
    Future<String> answer;
    if (report.matches()) {
      answer = report(message, report.group(1).strip());
    } else if (STATUS.matcher(message.text()).matches()) {
      answer = status(message.customer().id());
    } else {
      return Future.succeededFuture(null);
    }
    return answer.compose(text -> reply(message, text).map(text))
        .onFailure(e -> LOG.warn("A ticket keyword from a customer could not be answered: {}", e.getMessage()));
  }

  private Future<String> report(IncomingMessageReceived message, String text) {
    if (text.length() < 3) {
      return Future.succeededFuture("Untuk melaporkan gangguan, ketik *GANGGUAN* diikuti keterangannya, misalnya:\n"
          + "GANGGUAN internet mati sejak pagi, lampu LOS merah");
    }
    String description = text.length() > TicketRoutes.TEXT_MAX ? text.substring(0, TicketRoutes.TEXT_MAX) : text;
    String firstLine = description.split("\\R", 2)[0].strip();
    String subject = firstLine.length() > 80 ? firstLine.substring(0, 79) + "…" : firstLine;
    return customers.byId(message.customer().id())
        .map(found -> found.orElseThrow(() -> new IllegalStateException("The customer of an incoming message is gone")))
        .compose(customer -> tickets.open(new Tickets.Opening(customer, "gangguan", subject, description, null, "whatsapp",
            "wa:" + message.id(), null), new Actor("customer", customer.id(), customer.name())))
        .map(opened -> "Laporan gangguan Anda sudah kami terima dengan nomor *" + opened.ticket().number() + "*. "
            + "Tim kami segera menanganinya dan akan mengabari Anda di sini. Ketik *STATUS* untuk melihat perkembangannya.");
  }

  private Future<String> status(long customerId) {
    Future<List<Ticket>> open = tickets.repository().openOf(customerId);
    Future<JsonArray> installations = vertx.eventBus().<JsonObject>request(Addresses.INSTALLATION_CUSTOMER_SUMMARY,
            new JsonObject().put("customerId", customerId), TIMEOUT)
        .map(reply -> reply.body().getJsonArray("installations", new JsonArray()))
        .recover(e -> Future.succeededFuture(new JsonArray()));
    return Future.all(open, installations).map(both -> statusText(open.result(), installations.result()));
  }

  static String statusText(List<Ticket> open, JsonArray installations) {
    StringBuilder text = new StringBuilder();
    if (open.isEmpty()) {
      text.append("Tidak ada laporan yang sedang berjalan.");
    } else {
      text.append("Laporan Anda yang sedang berjalan:");
      for (Ticket t : open) {
        text.append("\n• *").append(t.number()).append("* ").append(t.subject()).append(" — ")
            .append(STATUS_WORDS.getOrDefault(t.status(), t.status()));
      }
    }
    for (Object o : installations) {
      JsonObject i = (JsonObject) o;
      text.append("\n\nPemasangan ").append(i.getString("number", "")).append(": ")
          .append(STAGE_WORDS.getOrDefault(i.getString("stage"), i.getString("stage")));
      String scheduled = i.getString("scheduledAt");
      if (scheduled != null && "scheduled".equals(i.getString("stage"))) {
        text.append(", jadwal ").append(WHEN.format(OffsetDateTime.parse(scheduled).atZoneSameInstant(Times.BUSINESS_ZONE))).append(" WIB");
      }
    }
    return text.append("\n\nLaporkan gangguan baru dengan mengetik *GANGGUAN* dan keterangannya.").toString();
  }

  private Future<Void> reply(IncomingMessageReceived message, String text) {
    EnqueueMessageRequest request = EnqueueMessageRequest.text(message.from(), text).withPriority("high")
        .withDevice(message.device()).withIdempotencyKey("ticket-keyword:" + message.id()).requestedBy("ticket:keywords");
    return vertx.eventBus().request(Addresses.DISPATCH_MESSAGE_ENQUEUE, request.toJson(), TIMEOUT).mapEmpty();
  }
}
