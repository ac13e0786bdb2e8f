package id.aglis.hub.kb;

import static id.aglis.hub.testing.ApiErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The knowledge base end to end on a real node: the editor's API and its roles, publishing (an unpublished article is
 * 404 to customers and visitors), search with accents and typos, Markdown that tries to run script, votes, bad input,
 * and the limit on visitors who are not signed in. Each test makes its own articles, with words of its own.
 */
@ExtendWith(VertxExtension.class)
class KbTest {

  private static final String PASSWORD = "pelanggan-rahasia-1";
  private static final int PUBLIC_PER_MINUTE = 5;
  private static final AtomicInteger PHONES = new AtomicInteger(1);
  /** Loopback addresses for visitors who are not signed in, one per test, so their counts do not meet. */
  private static final AtomicInteger VISITORS = new AtomicInteger(10);
  private static TestHub hub;

  @BeforeAll
  static void start() {
    Map<String, String> env = TestHub.environment("kb");
    env.put("HUB_KB_PUBLIC_READS_PER_MINUTE", String.valueOf(PUBLIC_PER_MINUTE));
    hub = TestHub.start(env);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static Browser visitor(Vertx vertx) {
    return hub.browserFrom(vertx, "127.0.0." + VISITORS.getAndIncrement());
  }

  private static Browser customer(Vertx vertx) {
    String phone = String.format("62812%08d", 77_000_000 + PHONES.getAndIncrement());
    HttpResponse<Buffer> created = hub.admin(vertx).post("/api/v1/customers", new JsonObject().put("name", "Pelanggan " + phone)
        .put("phone", phone).put("plan", "Rumah 20 Mbps").put("password", PASSWORD));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    Browser browser = hub.browser(vertx);
    assertThat(browser.customerLogin(created.bodyAsJsonObject().getString("customerNo"), PASSWORD).statusCode()).isEqualTo(200);
    return browser;
  }

  private static JsonObject article(String title, String markdown) {
    return new JsonObject().put("title", title).put("summary", "Ringkasan " + title).put("bodyMarkdown", markdown);
  }

  private static JsonObject create(Browser editor, JsonObject article) {
    HttpResponse<Buffer> created = editor.post("/api/v1/kb/articles", article);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  private static JsonObject published(Browser editor, JsonObject article) {
    JsonObject created = create(editor, article);
    HttpResponse<Buffer> done = editor.post("/api/v1/kb/articles/" + created.getLong("id") + "/publish", null);
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    return done.bodyAsJsonObject();
  }

  private static List<String> slugs(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("slug")).toList();
  }

  @Test
  @DisplayName("admins, supervisors and CS write articles and categories; every staff member reads; customers and visitors cannot use the editor's API")
  void crudAndRoles(Vertx vertx) {
    Browser cs = hub.staff(vertx, "kb", "cs");
    Browser supervisor = hub.staff(vertx, "kb", "supervisor");
    Browser noc = hub.staff(vertx, "kb", "noc");
    Browser technician = hub.staff(vertx, "kb", "technician");

    HttpResponse<Buffer> category = cs.post("/api/v1/kb/categories", new JsonObject().put("name", "Tagihan & Pembayaran").put("position", 5));
    assertThat(category.statusCode()).as(category.bodyAsString()).isEqualTo(201);
    assertThat(category.bodyAsJsonObject().getString("slug")).isEqualTo("tagihan-pembayaran");
    assertError(supervisor.post("/api/v1/kb/categories", new JsonObject().put("name", "Lain").put("slug", "tagihan-pembayaran")),
        409, "duplicate", "slug");
    assertThat(noc.post("/api/v1/kb/categories", new JsonObject().put("name", "NOC")).statusCode()).isEqualTo(403);

    JsonObject created = create(cs, article("Cara Bayar Tagihan — Bulanan", "Bayar lewat **virtual account**.")
        .put("category", "tagihan-pembayaran"));
    long id = created.getLong("id");
    assertThat(created.getString("slug")).isEqualTo("cara-bayar-tagihan-bulanan");
    assertThat(created.getString("bodyHtml")).isEqualTo("<p>Bayar lewat <strong>virtual account</strong>.</p>\n");
    assertThat(created.getBoolean("published")).isFalse();
    assertThat(created.getJsonObject("category")).isEqualTo(new JsonObject().put("slug", "tagihan-pembayaran").put("name", "Tagihan & Pembayaran"));
    assertThat(created.getJsonObject("helpful")).isEqualTo(new JsonObject().put("yes", 0).put("no", 0).putNull("ratio"));

    assertThat(noc.get("/api/v1/kb/articles/" + id).bodyAsJsonObject().getString("bodyMarkdown")).isEqualTo("Bayar lewat **virtual account**.");
    assertThat(slugs(technician.get("/api/v1/kb/articles?category=tagihan-pembayaran"))).containsExactly("cara-bayar-tagihan-bulanan");
    assertThat(slugs(noc.get("/api/v1/kb/articles?q=bulanan&published=false"))).containsExactly("cara-bayar-tagihan-bulanan");
    assertThat(slugs(noc.get("/api/v1/kb/articles?q=bulanan&published=true"))).isEmpty();
    assertThat(noc.get("/api/v1/kb/categories").bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getLong("articles")).isEqualTo(1);

    HttpResponse<Buffer> updated = supervisor.put("/api/v1/kb/articles/" + id, article("Cara bayar tagihan", "## Langkah\n\n1. Buka portal")
        .put("slug", "cara-bayar"));
    assertThat(updated.statusCode()).as(updated.bodyAsString()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject().getString("slug")).isEqualTo("cara-bayar");
    assertThat(updated.bodyAsJsonObject().getString("bodyHtml")).contains("<h2>Langkah</h2>").contains("<li>Buka portal</li>");
    assertThat(updated.bodyAsJsonObject().getJsonObject("category")).as("a full replace: no category given, none kept").isNull();
    HttpResponse<Buffer> retitled = supervisor.put("/api/v1/kb/articles/" + id, article("Cara membayar tagihan", "## Langkah"));
    assertThat(retitled.bodyAsJsonObject().getString("slug")).as("a new title keeps the public link").isEqualTo("cara-bayar");

    assertError(cs.post("/api/v1/kb/articles", article("Lain", "x").put("slug", "cara-bayar")), 409, "duplicate", "slug");
    long other = create(cs, article("Lain", "x")).getLong("id");
    assertError(cs.put("/api/v1/kb/articles/" + other, article("Lain", "x").put("slug", "cara-bayar")), 409, "duplicate", "slug");
    assertThat(cs.delete("/api/v1/kb/articles/" + other).statusCode()).isEqualTo(204);

    assertThat(noc.post("/api/v1/kb/articles", article("NOC", "x")).statusCode()).isEqualTo(403);
    assertThat(technician.put("/api/v1/kb/articles/" + id, article("Teknisi", "x")).statusCode()).isEqualTo(403);
    assertThat(noc.post("/api/v1/kb/articles/" + id + "/publish", null).statusCode()).isEqualTo(403);
    assertThat(technician.delete("/api/v1/kb/articles/" + id).statusCode()).isEqualTo(403);
    assertThat(noc.post("/api/v1/kb/preview", new JsonObject().put("bodyMarkdown", "x")).statusCode()).isEqualTo(403);
    Browser customer = customer(vertx);
    assertThat(customer.get("/api/v1/kb/articles").statusCode()).isEqualTo(403);
    assertThat(customer.post("/api/v1/kb/articles", article("Pelanggan", "x")).statusCode()).isEqualTo(403);
    assertThat(visitor(vertx).get("/api/v1/kb/articles").statusCode()).isEqualTo(401);
    assertThat(visitor(vertx).get("/api/v1/kb/categories").statusCode()).isEqualTo(401);

    HttpResponse<Buffer> admin = hub.admin(vertx).delete("/api/v1/kb/articles/" + id);
    assertThat(admin.statusCode()).isEqualTo(204);
    assertError(cs.get("/api/v1/kb/articles/" + id), 404, "not_found", null);
    assertError(cs.delete("/api/v1/kb/articles/" + id), 404, "not_found", null);
    assertError(cs.put("/api/v1/kb/articles/" + id, article("Hilang", "x")), 404, "not_found", null);
    assertError(cs.post("/api/v1/kb/articles/" + id + "/publish", null), 404, "not_found", null);
    assertError(cs.get("/api/v1/kb/articles/abc"), 404, "not_found", null);
  }

  @Test
  @DisplayName("an unpublished article is 404 to customers and visitors, in lists and search too; published, they read the HTML and never the Markdown")
  void publishAndUnpublish(Vertx vertx) {
    Browser cs = hub.staff(vertx, "kbpub", "cs");
    Browser customer = customer(vertx);
    Browser visitor = visitor(vertx);
    JsonObject draft = create(cs, article("Jadwal kunjungan teknisi zamrud", "Teknisi datang **pagi** hari."));
    String slug = draft.getString("slug");
    long id = draft.getLong("id");

    assertError(customer.get("/api/v1/portal/kb/articles/" + slug), 404, "not_found", null);
    assertError(visitor.get("/api/v1/portal/kb/articles/" + slug), 404, "not_found", null);
    assertThat(slugs(customer.get("/api/v1/portal/kb/articles"))).doesNotContain(slug);
    assertThat(slugs(customer.get("/api/v1/portal/kb/search?q=zamrud"))).isEmpty();
    assertError(customer.post("/api/v1/portal/kb/articles/" + slug + "/vote", new JsonObject().put("helpful", true)), 404, "not_found", null);

    JsonObject live = cs.post("/api/v1/kb/articles/" + id + "/publish", null).bodyAsJsonObject();
    assertThat(live.getBoolean("published")).isTrue();
    String publishedAt = live.getString("publishedAt");
    assertThat(publishedAt).isNotNull();
    assertThat(cs.post("/api/v1/kb/articles/" + id + "/publish", null).bodyAsJsonObject().getString("publishedAt"))
        .as("publishing twice is not news").isEqualTo(publishedAt);

    for (Browser reader : List.of(customer, visitor)) {
      HttpResponse<Buffer> read = reader.get("/api/v1/portal/kb/articles/" + slug);
      assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
      JsonObject body = read.bodyAsJsonObject();
      assertThat(body.getString("bodyHtml")).isEqualTo("<p>Teknisi datang <strong>pagi</strong> hari.</p>\n");
      assertThat(body.containsKey("bodyMarkdown")).isFalse();
      assertThat(body.containsKey("helpful")).isFalse();
      assertThat(body.containsKey("id")).isFalse();
    }
    assertThat(customer.get("/api/v1/portal/kb/articles/" + slug).bodyAsJsonObject().containsKey("myVote")).isTrue();
    assertThat(slugs(customer.get("/api/v1/portal/kb/articles"))).contains(slug);
    assertThat(slugs(visitor.get("/api/v1/portal/kb/search?q=zamrud"))).containsExactly(slug);

    assertThat(cs.post("/api/v1/kb/articles/" + id + "/unpublish", null).bodyAsJsonObject().getBoolean("published")).isFalse();
    assertError(customer.get("/api/v1/portal/kb/articles/" + slug), 404, "not_found", null);
    assertThat(slugs(customer.get("/api/v1/portal/kb/search?q=zamrud"))).isEmpty();
    assertError(customer.get("/api/v1/portal/kb/articles/Not..A..Slug"), 404, "not_found", null);
  }

  @Test
  @DisplayName("search: stemmed Indonesian full text on unaccented words, title before body, typos by similar titles, then any of the words, and an empty answer that says so")
  void search(Vertx vertx) {
    Browser cs = hub.staff(vertx, "kbsearch", "cs");
    Browser customer = customer(vertx);
    String resume = published(cs, article("Résumé pemakaian kuota", "Lihat pemakaian bulanan Anda.")).getString("slug");
    String password = published(cs, article("Atur ulang password akun pelanggan", "Kode dikirim lewat WhatsApp.")).getString("slug");
    String routerTitle = published(cs, article("Router ungu berkedip", "Lampu router berkedip karena sinkronisasi.")).getString("slug");
    String routerBody = published(cs, article("Lampu indikator", "Bila router ungu mati, periksa adaptor.")).getString("slug");
    String bayar = published(cs, article("Setoran via teller", "Cara bayar di kantor cabang.")).getString("slug");

    JsonObject plain = customer.get("/api/v1/portal/kb/search?q=resume").bodyAsJsonObject();
    assertThat(plain.getString("match")).isEqualTo("fulltext");
    assertThat(plain.getJsonArray("items").getJsonObject(0).getString("slug")).isEqualTo(resume);
    assertThat(plain.getJsonArray("items").getJsonObject(0).getString("title")).isEqualTo("Résumé pemakaian kuota");
    assertThat(slugs(customer.get("/api/v1/portal/kb/search?q=r%C3%A8sum%C3%A9"))).as("accents in the query too").containsExactly(resume);

    assertThat(slugs(customer.get("/api/v1/portal/kb/search?q=router%20ungu"))).as("title (A) ranks above body (C)")
        .containsExactly(routerTitle, routerBody);
    assertThat(slugs(customer.get("/api/v1/portal/kb/search?q=pembayaran"))).as("the Indonesian stemmer: pembayaran → bayar")
        .containsExactly(bayar);

    JsonObject typo = customer.get("/api/v1/portal/kb/search?q=pasword").bodyAsJsonObject();
    assertThat(typo.getString("match")).isEqualTo("similar");
    assertThat(typo.getJsonArray("items").getJsonObject(0).getString("slug")).isEqualTo(password);
    assertThat(typo.getBoolean("suggestTicket")).isFalse();

    JsonObject partial = customer.get("/api/v1/portal/kb/search?q=router%20zzzzzz%20qqqqqq").bodyAsJsonObject();
    assertThat(partial.getString("match")).as("some of the words").isEqualTo("partial");
    assertThat(slugs(customer.get("/api/v1/portal/kb/search?q=router%20zzzzzz%20qqqqqq"))).containsExactly(routerTitle, routerBody);
    assertThat(partial.getBoolean("suggestTicket")).isFalse();

    JsonObject none = customer.get("/api/v1/portal/kb/search?q=qwxzv%20plonk").bodyAsJsonObject();
    assertThat(none.getString("match")).isEqualTo("none");
    assertThat(none.getJsonArray("items")).isEmpty();
    assertThat(none.getBoolean("suggestTicket")).isTrue();
    assertThat(customer.get("/api/v1/portal/kb/search?q=%22router%20ungu%22%20-lampu").statusCode()).as("web-search syntax").isEqualTo(200);
    assertThat(customer.get("/api/v1/portal/kb/search?q=%21%21%21%20%26%26").statusCode()).as("no words at all").isEqualTo(200);

    assertError(customer.get("/api/v1/portal/kb/search"), 400, "invalid_field", "q");
    assertError(customer.get("/api/v1/portal/kb/search?q=" + "a".repeat(201)), 400, "invalid_field", "q");
  }

  @Test
  @DisplayName("Markdown with <script>, javascript: links, onerror= and raw HTML blocks: none of it is stored, served or previewed")
  void noScriptSurvives(Vertx vertx) {
    Browser cs = hub.staff(vertx, "kbxss", "cs");
    String markdown = """
        <script>alert('x')</script>

        <div onclick="alert(1)">blok mentah</div>

        Foto <img src=x onerror=alert(2)> modem dan <a href="javascript:alert(3)">tautan</a>.

        [klik di sini](javascript:alert(4)) [atau ini](JAVASCRIPT:alert(5)) [data](data:text/html;base64,PHNjcmlwdD4=)

        ![logo](https://evil.example/track.png) ![modem](/kb/img/modem.png)

        <iframe src="https://evil.example"></iframe>
        """;
    JsonObject stored = published(cs, article("Artikel berbahaya", markdown));
    HttpResponse<Buffer> preview = cs.post("/api/v1/kb/preview", new JsonObject().put("bodyMarkdown", markdown));
    assertThat(preview.statusCode()).isEqualTo(200);
    String served = customer(vertx).get("/api/v1/portal/kb/articles/" + stored.getString("slug")).bodyAsJsonObject().getString("bodyHtml");
    String editor = cs.get("/api/v1/kb/articles/" + stored.getLong("id")).bodyAsJsonObject().getString("bodyHtml");
    for (String html : List.of(stored.getString("bodyHtml"), preview.bodyAsJsonObject().getString("bodyHtml"), served, editor)) {
      assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("alert").doesNotContain("onerror")
          .doesNotContain("onclick").doesNotContain("javascript").doesNotContain("data:").doesNotContain("<iframe")
          .doesNotContain("<div").doesNotContain("evil.example");
      assertThat(html).contains("klik di sini").contains("<img src=\"/kb/img/modem.png\"");
    }
    assertThat(editor).isEqualTo(served);
  }

  @Test
  @DisplayName("a customer votes once per article and may change it; staff see yes, no and the ratio; visitors and staff cannot vote")
  void votes(Vertx vertx) {
    Browser cs = hub.staff(vertx, "kbvote", "cs");
    JsonObject article = published(cs, article("Reset modem pabrik", "Tekan tombol reset 10 detik."));
    String vote = "/api/v1/portal/kb/articles/" + article.getString("slug") + "/vote";
    Browser siti = customer(vertx);
    Browser budi = customer(vertx);

    HttpResponse<Buffer> first = siti.post(vote, new JsonObject().put("helpful", true));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject().getBoolean("myVote")).isTrue();
    assertThat(siti.post(vote, new JsonObject().put("helpful", true)).statusCode()).as("the same vote again").isEqualTo(200);
    assertThat(budi.post(vote, new JsonObject().put("helpful", true)).statusCode()).isEqualTo(200);
    JsonObject figures = cs.get("/api/v1/kb/articles/" + article.getLong("id")).bodyAsJsonObject().getJsonObject("helpful");
    assertThat(figures).isEqualTo(new JsonObject().put("yes", 2).put("no", 0).put("ratio", 1.0));

    assertThat(siti.post(vote, new JsonObject().put("helpful", false)).statusCode()).as("changed her mind").isEqualTo(200);
    figures = cs.get("/api/v1/kb/articles?q=Reset%20modem").bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getJsonObject("helpful");
    assertThat(figures).isEqualTo(new JsonObject().put("yes", 1).put("no", 1).put("ratio", 0.5));
    assertThat(siti.get("/api/v1/portal/kb/articles/" + article.getString("slug")).bodyAsJsonObject().getBoolean("myVote")).isFalse();
    assertThat(budi.get("/api/v1/portal/kb/articles/" + article.getString("slug")).bodyAsJsonObject().getBoolean("myVote")).isTrue();

    assertError(visitor(vertx).post(vote, new JsonObject().put("helpful", true)), 401, "unauthenticated", null);
    assertError(cs.post(vote, new JsonObject().put("helpful", true)), 403, "forbidden", null);
    assertError(siti.post(vote, new JsonObject().put("helpful", "ya")), 400, "invalid_field", "helpful");
    assertError(siti.post(vote, new JsonObject()), 400, "invalid_field", "helpful");
    assertError(siti.post(vote, new JsonObject().put("helpful", true).put("stars", 5)), 400, "invalid_field", "stars");
    assertError(siti.post("/api/v1/portal/kb/articles/tidak-ada/vote", new JsonObject().put("helpful", true)), 404, "not_found", null);
  }

  @Test
  @DisplayName("bad input is a 400 naming the field: title, slug, summary, body, category, unknown keys, wrong types")
  void badInput(Vertx vertx) {
    Browser cs = hub.staff(vertx, "kbbad", "cs");
    assertError(cs.post("/api/v1/kb/articles", article("x".repeat(151), "isi")), 400, "invalid_field", "title");
    assertError(cs.post("/api/v1/kb/articles", article(" ", "isi")), 400, "invalid_field", "title");
    assertError(cs.post("/api/v1/kb/articles", new JsonObject().put("title", 5).put("bodyMarkdown", "isi")), 400, "invalid_field", "title");
    assertError(cs.post("/api/v1/kb/articles", article("Judul", "isi").put("slug", "Bukan Slug")), 400, "invalid_field", "slug");
    assertError(cs.post("/api/v1/kb/articles", article("Judul", "isi").put("slug", "dua--strip")), 400, "invalid_field", "slug");
    assertError(cs.post("/api/v1/kb/articles", article("Judul", "isi").put("slug", "a".repeat(150))), 400, "invalid_field", "slug");
    assertError(cs.post("/api/v1/kb/articles", article("!!!", "isi")), 400, "invalid_field", "slug");
    assertError(cs.post("/api/v1/kb/articles", article("Judul", "isi").put("summary", "s".repeat(301))), 400, "invalid_field", "summary");
    assertError(cs.post("/api/v1/kb/articles", article("Judul", "b".repeat(50_001))), 400, "invalid_field", "bodyMarkdown");
    assertError(cs.post("/api/v1/kb/articles", new JsonObject().put("title", "Judul")), 400, "invalid_field", "bodyMarkdown");
    assertError(cs.post("/api/v1/kb/articles", article("Judul", "isi").put("category", "tidak-ada")), 400, "invalid_field", "category");
    assertError(cs.post("/api/v1/kb/articles", article("Judul", "isi").put("published", true)), 400, "invalid_field", "published");
    assertError(cs.post("/api/v1/kb/preview", new JsonObject().put("bodyMarkdown", "b".repeat(50_001))), 400, "invalid_field", "bodyMarkdown");
    assertError(cs.post("/api/v1/kb/categories", new JsonObject().put("slug", "ok")), 400, "invalid_field", "name");
    assertError(cs.post("/api/v1/kb/categories", new JsonObject().put("name", "A").put("position", 1.5)), 400, "invalid_field", "position");
    assertError(cs.get("/api/v1/kb/articles?published=kadang"), 400, "invalid_field", "published");
    assertError(cs.get("/api/v1/kb/articles?limit=0"), 400, "invalid_field", "limit");
    assertThat(create(cs, article("Judul tepat", "b".repeat(50_000))).getString("bodyHtml")).hasSizeGreaterThan(50_000);
    assertThat(cs.get("/api/v1/kb/articles?q=Judul").bodyAsJsonObject().getJsonArray("items")).hasSize(1);
  }

  @Test
  @DisplayName("visitors who are not signed in read the help pages up to the limit per address, then get a 429; signed-in customers are not counted")
  void publicReadsAreLimited(Vertx vertx) {
    Browser cs = hub.staff(vertx, "kblimit", "cs");
    String slug = published(cs, article("Lupa PIN kartu", "Hubungi CS.")).getString("slug");
    Browser visitor = visitor(vertx);
    for (int i = 0; i < PUBLIC_PER_MINUTE; i++) {
      assertThat(visitor.get("/api/v1/portal/kb/articles/" + slug).statusCode()).isEqualTo(200);
    }
    HttpResponse<Buffer> limited = visitor.get("/api/v1/portal/kb/search?q=pin");
    assertError(limited, 429, "too_many_requests", null);
    assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isBetween(1, 60);
    assertThat(visitor(vertx).get("/api/v1/portal/kb/categories").statusCode()).as("another address").isEqualTo(200);
    Browser customer = customer(vertx);
    for (int i = 0; i < PUBLIC_PER_MINUTE + 2; i++) {
      assertThat(customer.get("/api/v1/portal/kb/articles/" + slug).statusCode()).isEqualTo(200);
    }
  }
}
