package id.aglis.hub.ticket;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.TicketChanged;
import id.aglis.hub.platform.BridgeAddress;
import id.aglis.hub.platform.live.LiveStream;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code ui.tickets}: the queue's summary (snapshot) and every changed ticket (frames, the latest change per ticket),
 * with the day's counts of tickets opened, resolved and breached. Technicians work from the API (only their own
 * tickets), so the stream is for the desk: admins, supervisors, customer service and the NOC.
 */
final class TicketStream implements LiveStream {

  private final TicketRepository repository;

  TicketStream(TicketRepository repository) {
    this.repository = repository;
  }

  @Override
  public BridgeAddress address() {
    return BridgeAddress.forStaff(Addresses.UI_TICKETS, Set.of(Role.ADMIN, Role.SUPERVISOR, Role.CS, Role.NOC));
  }

  /** {@code {"summary":…}} as {@code GET /tickets/summary} shows it (without "mine", which is per person). */
  @Override
  public Future<JsonObject> snapshot() {
    return repository.summary(0).map(summary -> {
      summary.remove("mine");
      return new JsonObject().put("summary", summary);
    });
  }

  @Override
  public Projection project(Vertx vertx) {
    return new Changes(vertx);
  }

  private static final class Changes implements Projection {
    private final MessageConsumer<JsonObject> consumer;
    private final Map<Long, JsonObject> latest = new LinkedHashMap<>();
    private long opened;
    private long resolved;
    private long breached;

    Changes(Vertx vertx) {
      consumer = vertx.eventBus().localConsumer(Addresses.TICKET_CHANGED, m -> {
        TicketChanged change = TicketChanged.fromJson(m.body());
        latest.remove(change.id());
        latest.put(change.id(), new JsonObject().put("id", change.id()).put("number", change.number())
            .put("event", change.event()).put("ticket", change.ticket()));
        switch (change.event()) {
          case "created" -> opened++;
          case "sla.breached" -> breached++;
          default -> {
            if ("resolved".equals(change.ticket().getString("status")) && "status".equals(change.event())) {
              resolved++;
            }
          }
        }
      });
    }

    @Override
    public Future<JsonObject> drain() {
      if (latest.isEmpty()) {
        return Future.succeededFuture();
      }
      JsonObject frame = new JsonObject().put("changes", new JsonArray(latest.values().stream().map(Object.class::cast).toList()))
          .put("counts", new JsonObject().put("opened", opened).put("resolved", resolved).put("breached", breached));
      latest.clear();
      opened = 0;
      resolved = 0;
      breached = 0;
      return Future.succeededFuture(frame);
    }

    @Override
    public void close() {
      consumer.unregister();
    }
  }
}
