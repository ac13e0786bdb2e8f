package id.aglis.hub.installation;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.CustomerNote;
import id.aglis.hub.bus.InstallationChanged;
import io.vertx.core.Vertx;
import java.time.OffsetDateTime;

/**
 * Tells the rest of the hub, after a change is committed: {@link Addresses#INSTALLATION_CHANGED} (the live stream
 * projects it) and the customer's own portal page on {@code ui.customer.<id>}, which fetches the installation again.
 */
final class InstallationEvents {

  private final Vertx vertx;

  InstallationEvents(Vertx vertx) {
    this.vertx = vertx;
  }

  void changed(Installation installation, String change, OffsetDateTime at) {
    vertx.eventBus().publish(Addresses.INSTALLATION_CHANGED, new InstallationChanged(installation.toJson(), change, at).toJson());
    vertx.eventBus().publish(Addresses.uiCustomer(installation.customerId()),
        CustomerNote.installation(installation.id(), installation.number(), installation.stage(), change).toJson());
  }
}
