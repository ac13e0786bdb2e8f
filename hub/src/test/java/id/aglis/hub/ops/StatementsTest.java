package id.aglis.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.platform.Databases;
import id.aglis.hub.platform.Migrations;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import id.aglis.hub.testing.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/v1/ops/statements} against the bundled PostgreSQL (which preloads pg_stat_statements): this
 * database's statements only, ranked, for the roles that watch performance; and a designed answer, never a failed
 * start, where the extension is missing, not loaded, or may not be created.
 */
@ExtendWith(VertxExtension.class)
class StatementsTest {

  private static TestHub hub;
  private static String pgUri;

  @BeforeAll
  static void start() {
    Map<String, String> env = TestHub.environment("statements");
    pgUri = env.get("HUB_PG_URI");
    hub = TestHub.start(env);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static Browser staff(Vertx vertx, String role) {
    return hub.staff(vertx, "stmt", role);
  }

  private static String jdbc(String uri) {
    return "jdbc:" + uri.replace("postgresql://postgres@", "postgresql://");
  }

  private static void execute(String uri, String... sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc(uri), "postgres", ""); Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }

  @Test
  @DisplayName("lists this database's statements, slowest first, and none of another database's")
  void thisDatabaseOnly(Vertx vertx) throws Exception {
    execute(TestServers.newDatabase("stmtother"), "create table other_db_marker (x int)", "select count(*) from other_db_marker",
        "select pg_sleep(0.3) from other_db_marker");
    for (int i = 0; i < 3; i++) {
      hub.node().pool().query("select pg_sleep(0.05) as own_db_marker").execute().await();
    }
    Browser admin = hub.admin(vertx);

    JsonObject byMean = admin.get("/api/v1/ops/statements?limit=50").bodyAsJsonObject();
    assertThat(byMean.getBoolean("available")).isTrue();
    assertThat(byMean.getString("order")).isEqualTo("mean");
    assertThat(byMean.getString("countedSince")).isNotNull();
    JsonArray items = byMean.getJsonArray("items");
    assertThat(items.size()).isBetween(2, 50);
    List<String> queries = items.stream().map(o -> ((JsonObject) o).getString("query")).toList();
    assertThat(queries).anyMatch(q -> q.contains("own_db_marker")).noneMatch(q -> q.contains("other_db_marker"));
    JsonObject own = items.stream().map(JsonObject.class::cast).filter(o -> o.getString("query").contains("own_db_marker")).findFirst().orElseThrow();
    assertThat(own.getLong("calls")).isEqualTo(3);
    assertThat(own.getDouble("meanMs")).isGreaterThanOrEqualTo(45.0);
    assertThat(own.getDouble("totalMs")).isGreaterThanOrEqualTo(own.getDouble("meanMs") * 3 - 1);
    assertThat(own.getLong("rows")).isEqualTo(3);
    assertThat(descending(items, "meanMs")).isTrue();

    JsonObject byTotal = admin.get("/api/v1/ops/statements?order=total&limit=5").bodyAsJsonObject();
    assertThat(byTotal.getJsonArray("items").size()).isEqualTo(5);
    assertThat(descending(byTotal.getJsonArray("items"), "totalMs")).isTrue();
    assertThat(admin.get("/api/v1/ops/statements").bodyAsJsonObject().getJsonArray("items").size()).as("default limit").isEqualTo(10);
  }

  private static boolean descending(JsonArray items, String field) {
    return IntStream.range(1, items.size())
        .allMatch(i -> items.getJsonObject(i - 1).getDouble(field) >= items.getJsonObject(i).getDouble(field));
  }

  @Test
  @DisplayName("admin, supervisor and noc may read it; cs and technicians may not; bad limits and orders are 400")
  void rolesAndInput(Vertx vertx) {
    for (String role : List.of("supervisor", "noc")) {
      assertThat(staff(vertx, role).get("/api/v1/ops/statements").statusCode()).as(role).isEqualTo(200);
    }
    for (String role : List.of("cs", "technician")) {
      assertThat(staff(vertx, role).get("/api/v1/ops/statements").statusCode()).as(role).isEqualTo(403);
    }
    assertThat(hub.browser(vertx).get("/api/v1/ops/statements").statusCode()).isEqualTo(401);
    Browser admin = hub.admin(vertx);
    for (String query : List.of("limit=0", "limit=51", "limit=x", "order=slowest")) {
      var answer = admin.get("/api/v1/ops/statements?" + query);
      assertThat(answer.statusCode()).as(query).isEqualTo(400);
      assertThat(answer.bodyAsJsonObject().getJsonObject("error").getString("field")).isEqualTo(query.substring(0, query.indexOf('=')));
    }
  }

  @Test
  @DisplayName("without the extension in this database the answer says so")
  void notInstalled(Vertx vertx) throws Exception {
    execute(pgUri, "drop extension pg_stat_statements");
    try {
      JsonObject answer = hub.admin(vertx).get("/api/v1/ops/statements").bodyAsJsonObject();
      assertThat(answer.getBoolean("available")).isFalse();
      assertThat(answer.getString("reason")).isEqualTo("not_installed");
      assertThat(answer.getString("message")).contains("create extension pg_stat_statements");
    } finally {
      execute(pgUri, "create extension pg_stat_statements");
    }
  }

  @Test
  @DisplayName("a hub whose database role may not create the extension migrates and starts, and says why there is no list")
  void roleWithoutSuperuser(Vertx vertx) throws Exception {
    String admin = TestServers.newDatabase("stmtplainadmin");
    String database = "stmt_plain_" + System.nanoTime() % 100_000;
    execute(admin, "create role " + database + " login", "create database " + database + " owner " + database);
    Map<String, String> env = TestHub.environment("stmtplain");
    env.put("HUB_PG_URI", admin.substring(0, admin.lastIndexOf('/') + 1).replace("postgres@", database + "@") + database);
    try (TestHub plain = TestHub.start(env)) {
      JsonObject answer = plain.admin(vertx).get("/api/v1/ops/statements").bodyAsJsonObject();
      assertThat(answer.getBoolean("available")).isFalse();
      assertThat(answer.getString("reason")).isEqualTo("not_installed");
    }
  }

  @Test
  @DisplayName("a server that did not preload the library: the migration still passes, and the answer says it is not loaded")
  void notLoaded() throws Exception {
    Path folder = Files.createTempDirectory("aglis-pg-no-preload");
    try (EmbeddedPostgres bare = EmbeddedPostgres.builder().setDataDirectory(folder).setCleanDataDirectory(true).start()) {
      Vertx vertx = Vertx.vertx();
      try {
        PgConnectOptions options = Databases.connectOptions("postgresql://postgres@127.0.0.1:" + bare.getPort() + "/postgres");
        Migrations.run(vertx, options).await();
        Pool pool = Databases.pool(vertx, options, 2, new SimpleMeterRegistry());
        JsonObject answer = new Statements(pool).slowest(10, Statements.Order.MEAN).await();
        assertThat(answer.getBoolean("available")).isFalse();
        assertThat(answer.getString("reason")).isEqualTo("not_loaded");
        assertThat(answer.getString("message")).contains("shared_preload_libraries");
      } finally {
        vertx.close().await();
      }
    }
  }
}
