package id.aglis.hub.installation;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.InstallationChanged;
import id.aglis.hub.platform.BridgeAddress;
import id.aglis.hub.platform.live.LiveStream;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

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
    return new Changes(vertx);
  }

  /** This node's installation changes since the last frame: the latest per installation. */
  private static final class Changes implements Projection {
    private final MessageConsumer<JsonObject> consumer;
    private final Map<Long, JsonObject> latest = new LinkedHashMap<>();
    private long created;
    private long activated;

    Changes(Vertx vertx) {
      consumer = vertx.eventBus().localConsumer(Addresses.INSTALLATION_CHANGED, m -> {
        InstallationChanged change = InstallationChanged.fromJson(m.body());
        latest.remove(change.id());
        latest.put(change.id(), change.installation());
        if ("created".equals(change.change())) {
          created++;
        }
        // A stage is reached once (never backwards, and a step at the same stage is "progress").
        if (Stages.ACTIVATED.equals(change.stage()) && "stage".equals(change.change())) {
          activated++;
        }
      });
    }

    @Override
    public Future<JsonObject> drain() {
      if (latest.isEmpty()) {
        return Future.succeededFuture();
      }
      JsonObject frame = new JsonObject().put("changes", new JsonArray(latest.values().stream().map(Object.class::cast).toList()))
          .put("counts", new JsonObject().put("created", created).put("activated", activated));
      latest.clear();
      created = 0;
      activated = 0;
      return Future.succeededFuture(frame);
    }

    @Override
    public void close() {
      consumer.unregister();
    }
  }
}
