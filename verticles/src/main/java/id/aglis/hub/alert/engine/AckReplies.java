package id.aglis.hub.alert.engine;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.EnqueueMessageRequest;
import id.aglis.hub.bus.IncomingMessageReceived;
import id.aglis.hub.web.StaffDirectory;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "ACK &lt;code&gt;" on WhatsApp, from a staff member who was paged with that code, acknowledges the page's alerts.
 * Every node handles the messages its own webhook received (a verticle per node); each answer is a short WhatsApp reply in Bahasa.
 */
public final class AckReplies extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AckReplies.class);
  private static final Pattern ACK = Pattern.compile("^\\s*ACK\\s+([A-Za-z0-9]{3,12})\\s*[.!]?\\s*$", Pattern.CASE_INSENSITIVE);

  private final StaffDirectory staff;
  private final AlertRepository alerts;
  private final Acknowledgements acknowledgements;
  public AckReplies(StaffDirectory staff, AlertRepository alerts, Acknowledgements acknowledgements) {
    this.staff = staff;
    this.alerts = alerts;
    this.acknowledgements = acknowledgements;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<JsonObject>localConsumer(Addresses.WEBHOOK_MESSAGE_RECEIVED, m -> handle(IncomingMessageReceived.fromJson(m.body())))
        .completion();
  }

  /** The answer sent back (for tests), or null when the message was not an ACK. */
  Future<String> handle(IncomingMessageReceived message) {
    Matcher ack = message.text() == null || message.groupMember() != null ? null : ACK.matcher(message.text());
    if (ack == null || !ack.matches()) {
      return Future.succeededFuture(null);
    }
    String code = ack.group(1).toUpperCase(Locale.ROOT);
    return staff.byPhone(message.from()).compose(person -> person.isEmpty()
            ? Future.succeededFuture("Nomor ini tidak terdaftar sebagai petugas, jadi ACK tidak dapat diterima.")
            : acknowledge(code, message.from(), person.get()))
        .compose(answer -> reply(message.from(), answer).map(answer))
        .onFailure(failed -> LOG.warn("An ACK reply could not be handled: {}", failed.getMessage()));
  }

  private Future<String> acknowledge(String code, String phone, StaffDirectory.Contact person) {
    return alerts.pagedWith(code, phone).compose(ids -> {
      if (ids.isEmpty()) {
        return Future.succeededFuture("Kode " + code + " tidak dikenal untuk nomor ini. Periksa kode pada pesan peringatan.");
      }
      return acknowledgements.acknowledgeAll(ids, person.username(), "whatsapp").map(done -> done.isEmpty()
          ? "Peringatan " + code + " sudah ditangani atau sudah selesai."
          : "Terima kasih, " + person.name() + ". Peringatan " + code + " ditandai sedang Anda tangani.");
    });
  }

  private Future<Void> reply(String to, String text) {
    EnqueueMessageRequest request = EnqueueMessageRequest.text(to, text).withPriority("high").requestedBy("alert:ack");
    return vertx.eventBus().request(Addresses.DISPATCH_MESSAGE_ENQUEUE, request.toJson()).mapEmpty();
  }
}
