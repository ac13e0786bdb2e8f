package id.aglis.hub.billing;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo's bills: invoices in every state with their payments, a customer sees theirs; seeded once. */
@ExtendWith(VertxExtension.class)
class BillingDemoTest {

  private static List<JsonObject> invoices(Browser staff) {
    return staff.get("/api/v1/invoices?limit=200").bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast).toList();
  }

  @Test
  @DisplayName("a demo node has invoices paid, partially paid, unpaid, overdue and void, and a second start seeds nothing more")
  void demoBills(Vertx vertx) {
    Map<String, String> env = TestHub.environment("billingdemo");
    env.put("HUB_DEMO", "true");
    int seeded;
    try (TestHub hub = TestHub.start(env)) {
      Browser dewi = hub.browser(vertx);
      assertThat(dewi.staffLogin("dewi.cs", "demo12345").statusCode()).isEqualTo(200);
      List<JsonObject> all = invoices(dewi);
      assertThat(all.stream().map(i -> i.getString("status")))
          .contains("paid", "partially_paid", "unpaid", "overdue", "void");
      assertThat(dewi.get("/api/v1/payments").bodyAsJsonObject().getJsonArray("items")).hasSizeGreaterThanOrEqualTo(5);
      seeded = all.size();
      Browser customer = hub.browser(vertx);
      assertThat(customer.customerLogin("AGL-000101", "pelanggan123").statusCode()).isEqualTo(200);
      assertThat(customer.get("/api/v1/portal/invoices").bodyAsJsonObject().getJsonArray("items").stream()
          .map(i -> ((JsonObject) i).getString("status"))).containsExactlyInAnyOrder("paid", "partially_paid");
    }
    try (TestHub again = TestHub.start(env)) {
      Browser dewi = again.browser(vertx);
      dewi.staffLogin("dewi.cs", "demo12345");
      assertThat(invoices(dewi)).hasSize(seeded);
    }
  }
}
