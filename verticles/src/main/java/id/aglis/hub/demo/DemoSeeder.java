package id.aglis.hub.demo;

import id.aglis.hub.identity.CustomerRepository;
import id.aglis.hub.identity.Identity;
import id.aglis.hub.identity.StaffRepository;
import id.aglis.hub.platform.HubSettings;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds a small, realistic Indonesian ISP for demos and first looks: staff of every role and a few dozen
 * customers around Sleman and Yogyakarta. Runs once per database (claimed in {@code hub_settings} inside
 * the same transaction), so restarts and extra nodes never seed twice. Credentials are listed in the
 * README. A feature whose demo data needs its own start first (the alert history points at the built-in rules)
 * seeds it itself, claimed the same way ({@code AlertDemo}).
 */
public final class DemoSeeder {

  private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);

  public static final String STAFF_PASSWORD = "demo12345";
  public static final String CUSTOMER_PASSWORD = "pelanggan123";

  /** username, name, role, phone. */
  static final String[][] STAFF = {
      {"sari.admin", "Sari Wulandari", "admin", "6281100000011"},
      {"rina.spv", "Rina Kartika", "supervisor", "6281100000012"},
      {"dewi.cs", "Dewi Lestari", "cs", "6281100000013"},
      {"budi.noc", "Budi Santoso", "noc", "6281100000014"},
      {"agus.teknisi", "Agus Prasetyo", "technician", "6281100000015"},
  };

  private static final String[] GIVEN = {"Siti", "Ahmad", "Putri", "Joko", "Ayu", "Rudi", "Fitri", "Bambang", "Nur",
      "Hendra", "Wahyu", "Indah", "Eko", "Ratna", "Yusuf", "Maya", "Dedi", "Lina"};
  private static final String[] FAMILY = {"Rahmawati", "Hidayat", "Saputra", "Wibowo", "Nugroho", "Susanti",
      "Kurniawan", "Handayani"};
  private static final String[] STREETS = {"Jl. Kaliurang Km 7", "Jl. Magelang Km 5", "Jl. Palagan Tentara Pelajar",
      "Jl. Godean Km 3", "Jl. Seturan Raya", "Jl. Gejayan", "Jl. Affandi", "Jl. Monjali", "Jl. Wonosari Km 4"};
  private static final String[] AREAS = {"Ngaglik, Sleman", "Mlati, Sleman", "Depok, Sleman", "Gamping, Sleman",
      "Kotagede, Yogyakarta", "Umbulharjo, Yogyakarta"};
  private static final String[] PLANS = {"Rumah 20 Mbps", "Rumah 30 Mbps", "Rumah 50 Mbps", "Bisnis 100 Mbps"};
  private static final int[] PLAN_SPEEDS = {20, 30, 50, 100};
  /** Monthly, whole rupiah; the demo invoices (billing) charge these plus the ONT rental. */
  private static final long[] PLAN_PRICES = {250_000, 300_000, 450_000, 750_000};
  private static final String SUSPENDED_BECAUSE = "Tagihan bulan lalu belum dibayar melewati jatuh tempo.";
  static final int CUSTOMERS = 36;
  private static final int FIRST_NUMBER = 100;

  private final Pool pool;
  private final Identity identity;

  public DemoSeeder(Pool pool, Identity identity) {
    this.pool = pool;
    this.identity = identity;
  }

  /** Seeds unless this database was seeded before; true when this call did the seeding. */
  public Future<Boolean> seedOnce() {
    Future<String> staffHash = identity.passwords().hash(STAFF_PASSWORD);
    Future<String> customerHash = identity.passwords().hash(CUSTOMER_PASSWORD);
    return Future.all(staffHash, customerHash).compose(hashes -> pool.withTransaction(tx ->
        HubSettings.claim(tx, "demo.seeded.identity", OffsetDateTime.now().toString()).compose(first -> first
            ? seedStaff(tx, staffHash.result()).compose(v -> seedCustomers(tx, customerHash.result())).map(true)
            : Future.succeededFuture(false))))
        .onSuccess(seeded -> {
          if (seeded) {
            LOG.info("Demo data seeded: {} staff and {} customers", STAFF.length, CUSTOMERS);
          }
        });
  }

  private Future<Void> seedStaff(SqlConnection tx, String hash) {
    Future<?> chain = Future.succeededFuture();
    for (String[] s : STAFF) {
      chain = chain.compose(v -> identity.staff().insertIfAbsent(tx, new StaffRepository.NewStaff(s[0], s[1], s[2], s[3], null, hash)));
    }
    return chain.mapEmpty();
  }

  private Future<Void> seedCustomers(SqlConnection tx, String hash) {
    Future<?> chain = Future.succeededFuture();
    for (CustomerRepository.NewCustomer c : customers(hash)) {
      chain = chain.compose(v -> identity.customers().insert(tx, c));
    }
    return chain.compose(v -> identity.customers().skipNumbersUpTo(tx, FIRST_NUMBER + CUSTOMERS));
  }

  /** Deterministic, so the README can name a few of them. */
  static List<CustomerRepository.NewCustomer> customers(String hash) {
    List<CustomerRepository.NewCustomer> list = new ArrayList<>();
    for (int i = 1; i <= CUSTOMERS; i++) {
      String name = GIVEN[(i * 7) % GIVEN.length] + " " + FAMILY[(i * 5) % FAMILY.length];
      String address = STREETS[i % STREETS.length] + " No. " + (10 + i * 3) + ", " + AREAS[i % AREAS.length] + ", DI Yogyakarta";
      String status = i % 12 == 0 ? "suspended" : i % 17 == 0 ? "prospect" : "active";
      double latitude = -7.75 - (i % 9) * 0.012;
      double longitude = 110.36 + (i % 7) * 0.015;
      String email = name.toLowerCase().replace(' ', '.') + i + "@contoh.id";
      list.add(new CustomerRepository.NewCustomer(String.format("AGL-%06d", FIRST_NUMBER + i), name,
          String.format("62812%08d", 30_000_000 + i * 1_379), email, address, latitude, longitude,
          PLANS[i % PLANS.length], PLAN_SPEEDS[i % PLANS.length], PLAN_PRICES[i % PLANS.length], status,
          "suspended".equals(status) ? SUSPENDED_BECAUSE : null, hash));
    }
    return list;
  }

}
