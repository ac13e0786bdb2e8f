package id.aglis.hub.installation;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.EnqueueMessageRequest;
import id.aglis.hub.common.Times;
import id.aglis.hub.installation.Installation.Progress;
import id.aglis.hub.web.CustomerDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customer's WhatsApp notice when an installation reaches a stage ({@code installation.stage}), through the
 * dispatcher; not sent when the customer turned installation notices off or has no WhatsApp number. The step's id is
 * the idempotency key, so a step announced twice is one message. Never fails: the step is recorded either way.
 */
final class StageNotices {

  private static final Logger LOG = LoggerFactory.getLogger(StageNotices.class);
  static final String TEMPLATE = "installation.stage";
  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(10_000);
  private static final DateTimeFormatter VISIT = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy 'pukul' HH:mm",
      Locale.forLanguageTag("id-ID"));

  private final Vertx vertx;
  private final CustomerDirectory customers;

  StageNotices(Vertx vertx, CustomerDirectory customers) {
    this.vertx = vertx;
    this.customers = customers;
  }

  Future<Void> send(Installation installation, Progress step) {
    return customers.byId(installation.customerId()).compose(found -> {
      if (found.isEmpty() || !found.get().installationNotices() || found.get().phone() == null) {
        return Future.<Void>succeededFuture();
      }
      CustomerDirectory.Contact customer = found.get();
      JsonObject params = new JsonObject().put("nama", customer.name()).put("nomor", installation.number())
          .put("tahap", Stages.label(step.stage())).put("keterangan", detail(installation, step));
      EnqueueMessageRequest request = EnqueueMessageRequest.template(customer.phone(), TEMPLATE, params).withPriority("high")
          .withIdempotencyKey("installation:" + step.id()).requestedBy("installation:" + installation.number());
      return vertx.eventBus().request(Addresses.DISPATCH_MESSAGE_ENQUEUE, request.toJson(), TIMEOUT).<Void>mapEmpty();
    }).recover(failed -> {
      LOG.warn("Installation {}: the '{}' notice could not be enqueued: {}", installation.number(), step.stage(), failed.getMessage());
      return Future.succeededFuture();
    });
  }

  /** The stage's own sentence, and the technician's note when there is one. */
  static String detail(Installation installation, Progress step) {
    String sentence = switch (step.stage()) {
      case Stages.SCHEDULED -> "Kunjungan teknisi dijadwalkan " + VISIT.format(installation.scheduledAt().atZoneSameInstant(Times.BUSINESS_ZONE))
          + " WIB" + (installation.technicianName() == null ? "" : " oleh " + installation.technicianName()) + ".";
      case "survey" -> "Teknisi kami melakukan survei lokasi di " + installation.address() + ".";
      case "cabling" -> "Kabel sedang ditarik ke lokasi Anda.";
      case "device_installed" -> "Perangkat sudah terpasang; tinggal aktivasi layanan.";
      case Stages.ACTIVATED -> "Layanan " + installation.plan() + " Anda sudah aktif. Selamat menikmati!";
      default -> "";
    };
    return step.note() == null ? sentence : sentence + "\nCatatan: " + step.note();
  }
}
