package id.aglis.hub.ticket;

import id.aglis.hub.platform.HubSettings;
import id.aglis.hub.web.CustomerDirectory;
import id.aglis.hub.web.StaffDirectory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.function.Function;

/**
 * Demo tickets, once per database: a queue with something in every state (a fault breaching its SLA, one close to
 * it, work in progress, one waiting for the customer, resolved and closed ones), made through the same domain code at
 * past instants so their threads, timelines and SLA clocks are what real ones would be. No WhatsApp notices go out.
 */
final class TicketDemo {

  private final Vertx vertx;
  private final TicketRepository repository;
  private final TicketSettings settings;
  private final Holidays holidays;
  private final Clock clock;
  private final CustomerDirectory customers;
  private final StaffDirectory staff;

  TicketDemo(Vertx vertx, TicketRepository repository, TicketSettings settings, Holidays holidays, Clock clock,
             CustomerDirectory customers, StaffDirectory staff) {
    this.vertx = vertx;
    this.repository = repository;
    this.settings = settings;
    this.holidays = holidays;
    this.clock = clock;
    this.customers = customers;
    this.staff = staff;
  }

  Future<Void> seedOnce() {
    return repository.pool().withTransaction(tx -> HubSettings.claim(tx, "demo.seeded.tickets", OffsetDateTime.now(clock).toString()))
        .compose(first -> first ? seed() : Future.succeededFuture());
  }

  /** The domain as it was {@code minutesAgo} minutes ago. */
  private Tickets at(long minutesAgo) {
    Sla sla = new Sla(settings, id.aglis.hub.ticket.sla.SlaCalendar.business(settings.businessHours(), holidays::days),
        Clock.offset(clock, Duration.ofMinutes(-minutesAgo)));
    return new Tickets(vertx, repository, sla, new CustomerNotices(vertx, customers, false), new SimpleMeterRegistry());
  }

  private Future<Void> seed() {
    return staff.active(Set.of(), Set.of("dewi.cs", "agus.teknisi", "budi.noc")).compose(people -> {
      StaffDirectory.Contact dewi = person(people, "dewi.cs");
      StaffDirectory.Contact agus = person(people, "agus.teknisi");
      StaffDirectory.Contact budi = person(people, "budi.noc");
      Actor cs = actor(dewi);
      Actor tech = actor(agus);
      Actor noc = actor(budi);
      return ticket("AGL-000103", "gangguan", "Internet mati sejak pagi", "Lampu LOS di modem merah sejak jam 6 pagi. Sudah saya restart tapi tetap mati.", "portal", 420, null,
              t -> Future.succeededFuture())
          .compose(v -> ticket("AGL-000104", "gangguan", "Lampu LOS merah", "Modem lampu LOS kedip merah, internet tidak bisa dipakai.", "whatsapp", 50, null,
              t -> Future.succeededFuture()))
          .compose(v -> ticket("AGL-000101", "lambat", "Internet lambat malam hari", "Setiap jam 7 sampai 10 malam internet sangat lambat, YouTube buffering terus.", "portal", 180, dewi,
              t -> at(150).reply(t.id(), Tickets.Scope.ALL, cs, "Terima kasih laporannya, Bu. Kami cek dulu trafik di area Anda ya.", false)
                  .compose(m -> at(140).reply(t.id(), Tickets.Scope.ALL, noc, "Utilisasi ODP-SLM-07 90% jam 19-22. Perlu pindah port uplink.", true))
                  .compose(m -> at(90).reply(t.id(), Tickets.Scope.customer(t.customerId()), customerActor(t), "Baik, saya tunggu kabarnya. Terima kasih.", false))
                  .mapEmpty()))
          .compose(v -> ticket("AGL-000105", "tagihan", "Tagihan bulan ini dobel", "Tagihan November muncul dua kali di aplikasi bank.", "staff", 26 * 60, dewi,
              t -> at(25 * 60).reply(t.id(), Tickets.Scope.ALL, cs, "Mohon kirimkan foto bukti transfer agar kami cek ke bagian keuangan.", false)
                  .compose(m -> at(25 * 60 - 1).change(t.id(), Tickets.Scope.ALL, cs, new Tickets.Change(Ticket.WAITING, null, null, false)))
                  .mapEmpty()))
          .compose(v -> ticket("AGL-000106", "gangguan", "Kabel putus terkena pohon tumbang", "Kabel di depan rumah putus kena pohon tumbang saat hujan.", "portal", 3 * 24 * 60, agus,
              t -> at(3 * 24 * 60 - 20).reply(t.id(), Tickets.Scope.ALL, cs, "Teknisi kami Agus dijadwalkan datang hari ini.", false)
                  .compose(m -> at(3 * 24 * 60 - 200).reply(t.id(), Tickets.Scope.ALL, tech, "Kabel drop sudah disambung ulang, redaman -19 dBm.", false))
                  .compose(m -> at(3 * 24 * 60 - 205).change(t.id(), Tickets.Scope.ALL, tech, new Tickets.Change(Ticket.RESOLVED, null, null, false)))
                  .mapEmpty()))
          .compose(v -> ticket("AGL-000101", "lainnya", "Ganti nama WiFi", "Bagaimana cara mengganti nama dan kata sandi WiFi?", "portal", 6 * 24 * 60, dewi,
              t -> at(6 * 24 * 60 - 30).reply(t.id(), Tickets.Scope.ALL, cs, "Buka 192.168.1.1 di browser, masuk dengan user di belakang modem, lalu menu WLAN. Kami kirim panduannya juga.", false)
                  .compose(m -> at(6 * 24 * 60 - 25).change(t.id(), Tickets.Scope.ALL, cs, new Tickets.Change(Ticket.RESOLVED, null, null, false)))
                  .compose(x -> at(5 * 24 * 60).closeByCustomer(t.id(), Tickets.Scope.customer(t.customerId()), customerActor(t)))
                  .mapEmpty()))
          .mapEmpty();
    });
  }

  private Future<Void> ticket(String customerNo, String category, String subject, String description, String source, long minutesAgo,
                              StaffDirectory.Contact assignee, Function<Ticket, Future<Void>> then) {
    return customers.byCustomerNo(customerNo).compose(found -> found.isEmpty() ? Future.succeededFuture()
        : at(minutesAgo).open(new Tickets.Opening(found.get(), category, subject, description, null, source, null, assignee),
                "staff".equals(source) && assignee != null ? actor(assignee) : new Actor("customer", found.get().id(), found.get().name()))
            .compose(opened -> then.apply(opened.ticket())));
  }

  private static StaffDirectory.Contact person(java.util.List<StaffDirectory.Contact> people, String username) {
    return people.stream().filter(p -> p.username().equals(username)).findFirst()
        .orElseThrow(() -> new IllegalStateException("The demo staff member " + username + " is missing"));
  }

  private static Actor actor(StaffDirectory.Contact person) {
    return new Actor("staff", person.id(), person.name());
  }

  private static Actor customerActor(Ticket t) {
    return new Actor("customer", t.customerId(), t.customerName());
  }
}
