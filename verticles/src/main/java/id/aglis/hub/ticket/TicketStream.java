package id.aglis.hub.ticket;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.TicketChanged;
import id.aglis.hub.platform.BridgeAddress;
import id.aglis.hub.platform.live.LatestChanges;
import id.aglis.hub.platform.live.LiveStream;
import id.aglis.hub.web.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
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
    return new LatestChanges(vertx, Addresses.TICKET_CHANGED, List.of("opened", "resolved", "breached"), body -> {
      TicketChanged change = TicketChanged.fromJson(body);
      return new LatestChanges.Change(change.id(), new JsonObject().put("id", change.id()).put("number", change.number())
          .put("event", change.event()).put("ticket", change.ticket()), count(change));
    });
  }

  private static String count(TicketChanged change) {
    return switch (change.event()) {
      case "created" -> "opened";
      case "sla.breached" -> "breached";
      case "status" -> Ticket.RESOLVED.equals(change.ticket().getString("status")) ? "resolved" : null;
      default -> null;
    };
  }
}
