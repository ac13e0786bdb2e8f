package id.aglis.hub.installation;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.BusErrors;
import id.aglis.hub.bus.InstallationSummaryReply;
import id.aglis.hub.bus.InstallationSummaryRequest;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@link Addresses#INSTALLATION_CUSTOMER_SUMMARY} on every node (the bus picks one): a customer's
 * installations in progress, for the WhatsApp STATUS answer the ticket feature gives.
 */
final class InstallationSummaryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(InstallationSummaryVerticle.class);

  private final InstallationRepository repository;

  InstallationSummaryVerticle(InstallationRepository repository) {
    this.repository = repository;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<JsonObject>consumer(Addresses.INSTALLATION_CUSTOMER_SUMMARY, this::answer).completion();
  }

  private void answer(Message<JsonObject> message) {
    InstallationSummaryRequest request = InstallationSummaryRequest.fromJson(message.body());
    if (request.customerId() == null || request.customerId() <= 0) {
      message.fail(BusErrors.BAD_REQUEST.code, "'customerId' is required.");
      return;
    }
    repository.inProgressOf(request.customerId())
        .map(list -> new InstallationSummaryReply(list.stream().map(i -> new InstallationSummaryReply.Item(i.id(), i.number(), i.stage(),
            i.scheduledAt(), i.technicianName())).toList()))
        .onSuccess(reply -> message.reply(reply.toJson()))
        .onFailure(failed -> {
          LOG.warn("Installation summary for customer {} failed: {}", request.customerId(), failed.getMessage());
          message.fail(BusErrors.UNAVAILABLE.code, "Installations cannot be read right now.");
        });
  }
}
