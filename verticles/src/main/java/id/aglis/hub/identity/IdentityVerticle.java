package id.aglis.hub.identity;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.BusErrors;
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
    String raw = request.body() == null ? null : request.body().getString("phone");
    Optional<String> phone = Phones.normalise(raw);
    if (phone.isEmpty()) {
      request.reply(new JsonObject().put("found", false));
      return;
    }
    customers.findByPhone(phone.get())
        .onSuccess(found -> request.reply(found.map(c -> new JsonObject().put("found", true).put("id", c.id())
                .put("customerNo", c.customerNo()).put("name", c.name()).put("plan", c.plan()).put("status", c.status()))
            .orElse(new JsonObject().put("found", false))))
        .onFailure(e -> request.fail(BusErrors.UNAVAILABLE.code, "Customer lookup failed."));
  }
}
