package id.aglis.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The filters the staff console's lists use: customers by status, staff by role and state, tokens, the audit trail. */
@ExtendWith(VertxExtension.class)
class AdminListsTest {

  private static TestHub hub;

  @BeforeAll
  static void startHub() {
    hub = TestHub.start(TestHub.environment("adminlists"));
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  private static List<String> values(HttpResponse<Buffer> response, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonArray items = response.bodyAsJsonObject().getJsonArray("items");
    return items.stream().map(item -> String.valueOf(((JsonObject) item).getValue(field))).toList();
  }

  private static JsonObject error(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response.bodyAsJsonObject().getJsonObject("error");
  }

  private static String encoded(OffsetDateTime at) {
    return URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("customers can be listed by status, combined with the search text; an unknown status is a 400 naming it")
  void customersByStatus(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    for (String[] c : new String[][] {{"FLT-001", "Filter Aktif", "active"}, {"FLT-002", "Filter Tangguh", "suspended"},
        {"FLT-003", "Lain Tangguh", "suspended"}}) {
      assertThat(admin.post("/api/v1/customers", new JsonObject().put("customerNo", c[0]).put("name", c[1]).put("status", c[2]))
          .statusCode()).isEqualTo(201);
    }
    assertThat(values(admin.get("/api/v1/customers?status=suspended"), "customerNo")).containsExactly("FLT-003", "FLT-002");
    assertThat(values(admin.get("/api/v1/customers?status=suspended&q=filter"), "customerNo")).containsExactly("FLT-002");
    assertThat(values(admin.get("/api/v1/customers?q=filter"), "customerNo")).containsExactly("FLT-002", "FLT-001");
    assertThat(error(admin.get("/api/v1/customers?status=gone"), 400).getString("field")).isEqualTo("status");
  }

  @Test
  @DisplayName("a duplicate customer number or phone is a 409 that names the field")
  void duplicatesNameTheField(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    assertThat(admin.post("/api/v1/customers", new JsonObject().put("customerNo", "DUP-001").put("name", "Satu")
        .put("phone", "0812 5555 0101")).statusCode()).isEqualTo(201);
    JsonObject number = error(admin.post("/api/v1/customers", new JsonObject().put("customerNo", "DUP-001").put("name", "Dua")), 409);
    assertThat(number.getString("code")).isEqualTo("duplicate");
    assertThat(number.getString("field")).isEqualTo("customerNo");
    JsonObject phone = error(admin.post("/api/v1/customers", new JsonObject().put("name", "Tiga").put("phone", "+6281255550101")), 409);
    assertThat(phone.getString("field")).isEqualTo("phone");
    assertThat(admin.post("/api/v1/staff", new JsonObject().put("username", "dup.staff").put("name", "A").put("role", "cs")
        .put("password", "password-123")).statusCode()).isEqualTo(201);
    assertThat(error(admin.post("/api/v1/staff", new JsonObject().put("username", "dup.staff").put("name", "B").put("role", "cs")
        .put("password", "password-123")), 409).getString("field")).isEqualTo("username");
  }

  @Test
  @DisplayName("staff can be listed by role and by whether the account is active")
  void staffByRoleAndState(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    for (String[] s : new String[][] {{"role.noc.a", "noc"}, {"role.noc.b", "noc"}, {"role.tech.a", "technician"}}) {
      assertThat(admin.post("/api/v1/staff", new JsonObject().put("username", s[0]).put("name", s[0]).put("role", s[1])
          .put("password", "password-123")).statusCode()).isEqualTo(201);
    }
    long disabled = admin.get("/api/v1/staff?q=role.noc.a").bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getLong("id");
    assertThat(admin.delete("/api/v1/staff/" + disabled).statusCode()).isEqualTo(200);

    assertThat(values(admin.get("/api/v1/staff?q=role.&role=noc"), "username")).containsExactly("role.noc.b", "role.noc.a");
    assertThat(values(admin.get("/api/v1/staff?q=role.&active=false"), "username")).containsExactly("role.noc.a");
    assertThat(values(admin.get("/api/v1/staff?q=role.&role=noc&active=true"), "username")).containsExactly("role.noc.b");
    assertThat(error(admin.get("/api/v1/staff?role=owner"), 400).getString("field")).isEqualTo("role");
    assertThat(error(admin.get("/api/v1/staff?active=maybe"), 400).getString("field")).isEqualTo("active");
  }

  @Test
  @DisplayName("tokens can be searched by name, listed by whether they still work, and read one by one without the secret")
  void tokensByNameAndState(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    for (String name : List.of("billing-sync", "billing-old", "monitoring")) {
      assertThat(admin.post("/api/v1/tokens", new JsonObject().put("name", name).put("role", "noc")).statusCode()).isEqualTo(201);
    }
    long old = admin.get("/api/v1/tokens?q=billing-old").bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getLong("id");
    assertThat(admin.delete("/api/v1/tokens/" + old).statusCode()).isEqualTo(200);

    assertThat(values(admin.get("/api/v1/tokens?q=BILLING"), "name")).containsExactly("billing-old", "billing-sync");
    assertThat(values(admin.get("/api/v1/tokens?q=billing&active=true"), "name")).containsExactly("billing-sync");
    assertThat(values(admin.get("/api/v1/tokens?active=false"), "name")).containsExactly("billing-old");
    assertThat(values(admin.get("/api/v1/tokens?q=50%25"), "name")).isEmpty();
    assertThat(error(admin.get("/api/v1/tokens?active=yes"), 400).getString("field")).isEqualTo("active");

    HttpResponse<Buffer> one = admin.get("/api/v1/tokens/" + old);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.bodyAsJsonObject().getString("name")).isEqualTo("billing-old");
    assertThat(one.bodyAsJsonObject().getBoolean("active")).isFalse();
    assertThat(one.bodyAsJsonObject().containsKey("token")).isFalse();
    assertThat(admin.get("/api/v1/tokens/999999").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("the audit trail filters by action (and the actions below it), actor, target and time range")
  void auditFilters(Vertx vertx) {
    Browser admin = hub.admin(vertx);
    assertThat(admin.post("/api/v1/staff", new JsonObject().put("username", "audit.cs").put("name", "Audit CS").put("role", "cs")
        .put("password", "password-123")).statusCode()).isEqualTo(201);
    Browser cs = hub.browser(vertx);
    assertThat(cs.staffLogin("audit.cs", "password-123").statusCode()).isEqualTo(200);
    long id = admin.get("/api/v1/staff?q=audit.cs").bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getLong("id");
    assertThat(admin.put("/api/v1/staff/" + id, new JsonObject().put("name", "Audit CS Baru")).statusCode()).isEqualTo(200);

    assertThat(values(admin.get("/api/v1/audit?action=staff&targetKind=staff&targetId=" + id), "action"))
        .containsExactly("staff.updated", "staff.created");
    assertThat(values(admin.get("/api/v1/audit?action=staff.updated&targetId=" + id), "action")).containsExactly("staff.updated");
    assertThat(values(admin.get("/api/v1/audit?actor=AUDIT.CS"), "action")).containsExactly("auth.login");
    assertThat(values(admin.get("/api/v1/audit?action=auth.login&actor=audit.cs"), "actorName")).containsExactly("audit.cs");
    assertThat(values(admin.get("/api/v1/audit?action=auth.log&actor=audit.cs"), "action")).isEmpty();

    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(7));
    String range = "&from=" + encoded(now.minusHours(1)) + "&to=" + encoded(now.plusHours(1));
    assertThat(values(admin.get("/api/v1/audit?actor=audit.cs" + range), "action")).containsExactly("auth.login");
    assertThat(values(admin.get("/api/v1/audit?actor=audit.cs&from=" + encoded(now.plusHours(1))), "action")).isEmpty();
    assertThat(values(admin.get("/api/v1/audit?actor=audit.cs&to=" + encoded(now.minusHours(1))), "action")).isEmpty();
    // "+07:00" sent without encoding arrives as " 07:00"; it still means the offset.
    assertThat(values(admin.get("/api/v1/audit?actor=audit.cs&from=" + now.minusHours(1)), "action")).containsExactly("auth.login");

    assertThat(error(admin.get("/api/v1/audit?from=yesterday"), 400).getString("field")).isEqualTo("from");
    assertThat(error(admin.get("/api/v1/audit?from=" + encoded(now) + "&to=" + encoded(now.minusDays(1))), 400)
        .getString("field")).isEqualTo("to");
    assertThat(error(admin.get("/api/v1/audit?actor=" + "a".repeat(101)), 400).getString("field")).isEqualTo("actor");
    assertThat(cs.get("/api/v1/audit?actor=audit.cs").statusCode()).isEqualTo(403);
  }
}
