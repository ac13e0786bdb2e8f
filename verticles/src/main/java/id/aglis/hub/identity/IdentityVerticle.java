package id.aglis.hub.identity;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.BusErrors;
import id.aglis.hub.bus.CustomerByPhoneReply;
import id.aglis.hub.bus.CustomerByPhoneRequest;
import id.aglis.hub.common.Phones;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** Answers other features' questions about identities over the event bus (the customer behind a phone). */
public final class IdentityVerticle extends VerticleBase {

  private final CustomerRepository customers;

  public IdentityVerticle(Identity identity) {
    this.customers = identity.customers();
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<JsonObject>consumer(Addresses.IDENTITY_CUSTOMER_BY_PHONE, this::byPhone).completion();
  }

  private void byPhone(Message<JsonObject> request) {
    Optional<String> phone = Phones.normalise(CustomerByPhoneRequest.fromJson(request.body()).phone());
    if (phone.isEmpty()) {
      request.reply(CustomerByPhoneReply.notFound().toJson());
      return;
    }
    customers.findByPhone(phone.get())
        .onSuccess(found -> request.reply(found
            .map(c -> CustomerByPhoneReply.found(c.id(), c.customerNo(), c.name(), c.plan(), c.status()))
            .orElse(CustomerByPhoneReply.notFound()).toJson()))
        .onFailure(e -> request.fail(BusErrors.UNAVAILABLE.code, "Customer lookup failed."));
  }
}
