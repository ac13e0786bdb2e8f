package id.aglis.hub.kb;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo's help articles: published, in categories, found by the questions customers ask; seeded once. */
@ExtendWith(VertxExtension.class)
class KbDemoTest {

  private static String firstSlug(Browser browser, String query) {
    JsonArray items = browser.get("/api/v1/portal/kb/search?q=" + query).bodyAsJsonObject().getJsonArray("items");
    assertThat(items).as(query).isNotEmpty();
    return items.getJsonObject(0).getString("slug");
  }

  @Test
  @DisplayName("a demo node answers help questions in Bahasa Indonesia before sign-in, and a second start seeds nothing more")
  void demoArticles(Vertx vertx) {
    Map<String, String> env = TestHub.environment("kbdemo");
    env.put("HUB_DEMO", "true");
    try (TestHub hub = TestHub.start(env)) {
      Browser visitor = hub.browser(vertx);
      JsonArray articles = visitor.get("/api/v1/portal/kb/articles").bodyAsJsonObject().getJsonArray("items");
      assertThat(articles.size()).isBetween(10, 12);
      assertThat(visitor.get("/api/v1/portal/kb/categories").bodyAsJsonObject().getJsonArray("items").stream()
          .map(c -> ((JsonObject) c).getString("slug"))).containsExactly("tagihan", "gangguan", "akun", "layanan");
      assertThat(visitor.get("/api/v1/portal/kb/articles?category=tagihan").bodyAsJsonObject().getJsonArray("items")).hasSize(2);
      assertThat(firstSlug(visitor, "cara%20bayar")).isEqualTo("cara-bayar-tagihan");
      assertThat(firstSlug(visitor, "lampu%20los%20merah")).isEqualTo("lampu-los-merah");
      assertThat(firstSlug(visitor, "lupa%20kata%20sandi")).isEqualTo("lupa-kata-sandi-portal");
      assertThat(firstSlug(visitor, "pasword")).isEqualTo("lupa-kata-sandi-portal");
      assertThat(firstSlug(visitor, "diblokir")).isEqualTo("layanan-diblokir-sementara");
      String html = visitor.get("/api/v1/portal/kb/articles/cara-bayar-tagihan").bodyAsJsonObject().getString("bodyHtml");
      assertThat(html).contains("<table>").contains("<ol>");
      Browser staff = hub.browser(vertx);
      assertThat(staff.staffLogin("rina.spv", "demo12345").statusCode()).isEqualTo(200);
      List<JsonObject> helpful = staff.get("/api/v1/kb/articles").bodyAsJsonObject().getJsonArray("items").stream()
          .map(a -> ((JsonObject) a).getJsonObject("helpful")).toList();
      assertThat(helpful).allSatisfy(h -> assertThat(h.getInteger("yes") + h.getInteger("no")).isBetween(6, 12));
      assertThat(helpful).anySatisfy(h -> assertThat(h.getInteger("no")).isPositive());
    }
    try (TestHub again = TestHub.start(env)) {
      assertThat(again.browser(vertx).get("/api/v1/portal/kb/articles").bodyAsJsonObject().getJsonArray("items")).hasSize(12);
    }
  }
}
