package id.aglis.hub.ticket;

import id.aglis.hub.platform.Feature;
import id.aglis.hub.platform.FeatureContext;
import id.aglis.hub.platform.config.ConfigSection;
import id.aglis.hub.platform.live.LiveStream;
import id.aglis.hub.ticket.sla.SlaCalendar;
import id.aglis.hub.web.CustomerDirectory;
import id.aglis.hub.web.StaffDirectory;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Set;

/**
 * Tickets: customers report and follow faults and questions in the portal and on WhatsApp ({@code GANGGUAN},
 * {@code STATUS}); staff work them from one live queue ({@code ui.tickets}); SLA clocks run on the ticket's calendar
 * (24x7 for faults, business hours and holidays otherwise), and one escalation for the cluster acts before and at a
 * breach. See docs/tickets.md.
 */
public final class TicketFeature implements Feature {

  /** How long a waiting node waits for the escalation's lock before asking again (bounds the failover). */
  private static final long SINGLETON_RETRY_MS = 5_000;

  private TicketSettings settings;
  private TicketRepository repository;
  private Holidays holidays;
  private Tickets tickets;
  private CustomerDirectory customers;
  private StaffDirectory staff;
  private TicketStream stream;

  @Override
  public String name() {
    return "ticket";
  }

  @Override
  public ConfigSection<?> config() {
    return TicketSettings.SECTION;
  }

  @Override
  public Future<Void> start(FeatureContext node) {
    settings = node.settings(TicketSettings.SECTION);
    customers = node.require(CustomerDirectory.class);
    staff = node.require(StaffDirectory.class);
    repository = new TicketRepository(node.pool());
    holidays = new Holidays(node.vertx(), node.pool());
    Sla sla = new Sla(settings, SlaCalendar.business(settings.businessHours(), holidays::days), node.clock());
    tickets = new Tickets(node.vertx(), repository, sla, new CustomerNotices(node.vertx(), customers, true), node.registry());
    stream = new TicketStream(repository);
    Escalations escalations = new Escalations(node.vertx(), tickets, staff, node.registry());
    // Breaches are counted from zero on every node, so an alert rule on them has a series before the first one.
    List.of("response", "resolution").forEach(target -> node.registry().counter("aglis_tickets_sla_breaches_total", "target", target));
    return holidays.start()
        .compose(v -> node.demo()
            ? new TicketDemo(node.vertx(), repository, settings, holidays, node.clock(), customers, staff).seedOnce()
            : Future.<Void>succeededFuture())
        .compose(v -> node.deploy(new TicketKeywords(tickets, customers)))
        .onSuccess(v -> node.singleton("ticket.escalation", () -> new EscalationVerticle(escalations, settings.escalateMillis()),
            SINGLETON_RETRY_MS))
        .mapEmpty();
  }

  @Override
  public void mountApi(Router api) {
    // The fixed paths first: /tickets/:id would take them otherwise.
    new CannedReplyRoutes(repository.pool()).mount(api);
    new TicketViewRoutes(repository.pool()).mount(api);
    new SlaRoutes(settings, holidays, repository).mount(api);
    new TicketRoutes(tickets, customers, staff).mount(api);
    new PortalTicketRoutes(tickets, customers).mount(api);
  }

  @Override
  public Set<String> largeBodyPaths() {
    return Set.of("/api/v1/tickets/*/attachments", "/api/v1/portal/tickets/*/attachments");
  }

  @Override
  public List<LiveStream> liveStreams() {
    return List.of(stream);
  }
}
