package id.aglis.hub.installation;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.InstallationChanged;
import id.aglis.hub.platform.BridgeAddress;
import id.aglis.hub.platform.live.LatestChanges;
import id.aglis.hub.platform.live.LiveStream;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code ui.installations}: how many installations are at each stage before activation (snapshot), and each
 * installation as it changes (frames, the latest per installation), with the day's counts of installations created
 * and activated. The desk sees it (admins, supervisors, customer service, the NOC); technicians do not, since frames
 * carry every customer's name and address and the bridge cannot filter per socket: they read their own installations
 * through the API.
 */
final class InstallationStream implements LiveStream {

  private final InstallationRepository repository;

  InstallationStream(InstallationRepository repository) {
    this.repository = repository;
  }

  @Override
  public BridgeAddress address() {
    return BridgeAddress.forStaff(Addresses.UI_INSTALLATIONS, EnumSet.of(Role.ADMIN, Role.SUPERVISOR, Role.CS, Role.NOC));
  }

  /** {@code {"byStage":{stage:count}}} over installations not yet activated. */
  @Override
  public Future<JsonObject> snapshot() {
    return repository.openByStage().map(counts -> new JsonObject().put("byStage", new JsonObject(new LinkedHashMap<>(counts))));
  }

  @Override
  public Projection project(Vertx vertx) {
    return new LatestChanges(vertx, Addresses.INSTALLATION_CHANGED, List.of("created", "activated"), body -> {
      InstallationChanged change = InstallationChanged.fromJson(body);
      // A stage is reached once (never backwards, and a step at the same stage is "progress").
      String count = "created".equals(change.change()) ? "created"
          : Stages.ACTIVATED.equals(change.stage()) && "stage".equals(change.change()) ? "activated" : null;
      return new LatestChanges.Change(change.id(), change.installation(), count);
    });
  }
}
