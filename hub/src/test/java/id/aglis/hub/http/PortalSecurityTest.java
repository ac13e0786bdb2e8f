package id.aglis.hub.http;

import static id.aglis.hub.testing.ApiErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.testing.BridgeSocket;
import id.aglis.hub.testing.Browser;
import id.aglis.hub.testing.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The customer portal's security promises, each tried as an attacker would (issue #16): a signed-in customer probing
 * every portal id, sequential and random, for another customer's invoices, receipts, tickets, photos and preferences;
 * the same customer's bridge socket reaching for another customer's address in every spelling; cookie-authenticated
 * writes without the CSRF token, or with someone else's; the browser hardening headers on every page, API answer and
 * PDF; and a staff-written help article trying to smuggle script or an off-site link onto the customer's page.
 * What is already covered elsewhere (BillingTest, TicketTest, BridgeTest, AuthTest, KbTest, ArticleHtmlTest) is not
 * repeated; these add the sweeps and the remaining cases.
 */
@ExtendWith(VertxExtension.class)
class PortalSecurityTest {

  private static final String TOKEN = "bearer-token-for-portal-security-0123";
  private static final String PASSWORD = "pelanggan-rahasia-1";
  private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
  private static final Buffer PNG = Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13})
      .appendString("IHDR-foto-modem");

  private static TestHub hub;
  /** Alice is the victim, Bob the one probing. */
  private static Party alice;
  private static Party bob;
  private static String slug;

  /** A customer and what they own. */
  private record Party(JsonObject customer, List<Long> invoices, List<Long> payments, List<Long> tickets, List<Long> attachments) {
    long id() {
      return customer.getLong("id");
    }
  }

  @BeforeAll
  static void start(Vertx vertx) {
    Map<String, String> env = TestHub.environment("portal-security");
    env.put("HUB_BOOTSTRAP_TOKEN", TOKEN);
    hub = TestHub.start(env);
    alice = party(vertx, "Alice Wijaya", 3);
    bob = party(vertx, "Bob Hartono", 1);
    Browser cs = hub.staff(vertx, "portalsec", "cs");
    JsonObject article = cs.post("/api/v1/kb/articles", new JsonObject().put("title", "Lampu LOS merah")
        .put("summary", "Apa artinya").put("bodyMarkdown", "Periksa kabel fiber.")).bodyAsJsonObject();
    HttpResponse<Buffer> published = cs.post("/api/v1/kb/articles/" + article.getLong("id") + "/publish", null);
    assertThat(published.statusCode()).as(published.bodyAsString()).isEqualTo(200);
    slug = published.bodyAsJsonObject().getString("slug");
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  /** A customer with {@code bills} invoices (each with a payment), a ticket with a photo. */
  private static Party party(Vertx vertx, String name, int bills) {
    HttpResponse<Buffer> created = hub.admin(vertx).post("/api/v1/customers", new JsonObject().put("name", name)
        .put("plan", "Rumah 20 Mbps").put("password", PASSWORD));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject customer = created.bodyAsJsonObject();
    Browser machine = hub.browser(vertx).withBearer(TOKEN);
    LocalDate today = LocalDate.now(WIB);
    List<Long> invoices = new ArrayList<>();
    List<Long> payments = new ArrayList<>();
    for (int i = 0; i < bills; i++) {
      String number = "INV-SEC-" + customer.getString("customerNo") + "-" + i;
      HttpResponse<Buffer> invoice = machine.post("/api/v1/invoices", new JsonObject().put("number", number)
          .put("customerNo", customer.getString("customerNo")).put("period", today.minusMonths(i).toString().substring(0, 7))
          .put("issueDate", today.minusMonths(i).toString()).put("dueDate", today.minusMonths(i).plusDays(10).toString())
          .put("lines", new JsonArray().add(new JsonObject().put("description", "Paket Rumah 20 Mbps").put("amount", 300_000))));
      assertThat(invoice.statusCode()).as(invoice.bodyAsString()).isEqualTo(201);
      invoices.add(invoice.bodyAsJsonObject().getLong("id"));
      HttpResponse<Buffer> payment = machine.post("/api/v1/payments", new JsonObject().put("reference", "PAY-" + number)
          .put("invoiceNumber", number).put("amount", 100_000).put("method", "qris").put("paidAt", today.minusMonths(i) + "T10:00:00+07:00"));
      assertThat(payment.statusCode()).as(payment.bodyAsString()).isEqualTo(201);
      payments.add(payment.bodyAsJsonObject().getLong("id"));
    }
    Browser portal = signedIn(vertx, customer);
    HttpResponse<Buffer> ticket = portal.post("/api/v1/portal/tickets", new JsonObject().put("category", "gangguan")
        .put("subject", "Internet mati " + name).put("description", "Sejak pagi."));
    assertThat(ticket.statusCode()).as(ticket.bodyAsString()).isEqualTo(201);
    long ticketId = ticket.bodyAsJsonObject().getLong("id");
    HttpResponse<Buffer> photo = portal.sendBytes(HttpMethod.POST, "/api/v1/portal/tickets/" + ticketId + "/attachments?filename=modem.png",
        "image/png", PNG);
    assertThat(photo.statusCode()).as(photo.bodyAsString()).isEqualTo(201);
    return new Party(customer, invoices, payments, List.of(ticketId), List.of(photo.bodyAsJsonObject().getJsonObject("attachment").getLong("id")));
  }

  private static Browser signedIn(Vertx vertx, JsonObject customer) {
    return hub.customer(vertx, customer.getString("customerNo"), PASSWORD);
  }

  private static List<Long> ids(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("items").stream().map(i -> ((JsonObject) i).getLong("id")).toList();
  }

  /** A ticket without its SLA countdown, which moves by itself: what a write would change. */
  private static JsonObject unchanging(JsonObject ticket) {
    JsonObject copy = ticket.copy();
    copy.remove("sla");
    return copy;
  }

  /** The number a lenient parser could read in {@code probe}, or null. */
  private static Long lenient(String probe) {
    try {
      return Long.parseLong(probe);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Sequential ids around everything that exists (0 to the largest + 5), and random ones, and malformed ones. */
  private static List<String> probes(List<Long> known) {
    long top = known.stream().mapToLong(Long::longValue).max().orElse(1) + 5;
    Set<String> probes = new LinkedHashSet<>();
    for (long id = 0; id <= top; id++) {
      probes.add(String.valueOf(id));
    }
    Random random = new Random(16);
    for (int i = 0; i < 12; i++) {
      probes.add(String.valueOf(1 + (random.nextLong() >>> 1) % 10_000_000L));
    }
    known.forEach(id -> {
      probes.add("0" + id);
      probes.add("+" + id);
      probes.add(id + ".0");
      probes.add("-" + id);
    });
    probes.addAll(List.of("9223372036854775807", "9223372036854775808", "-1", "1e3", "abc", "%20", "1%2C2"));
    return List.copyOf(probes);
  }

  @Test
  @DisplayName("a customer probing every id, sequential, random and malformed, reads none of another customer's bills, receipts, tickets or photos")
  void noIdReachesAnotherCustomer(Vertx vertx) {
    Browser bobPortal = signedIn(vertx, bob.customer());
    List<Long> everything = new ArrayList<>();
    for (Party p : List.of(alice, bob)) {
      everything.addAll(p.invoices());
      everything.addAll(p.payments());
      everything.addAll(p.tickets());
      everything.addAll(p.attachments());
    }
    Map<String, Function<String, String>> reads = Map.of(
        "invoice PDF", id -> "/api/v1/portal/invoices/" + id + "/pdf",
        "receipt PDF", id -> "/api/v1/portal/payments/" + id + "/pdf",
        "ticket", id -> "/api/v1/portal/tickets/" + id,
        "Alice's ticket's photo", id -> "/api/v1/portal/tickets/" + alice.tickets().get(0) + "/attachments/" + id,
        "photo of any ticket", id -> "/api/v1/portal/tickets/" + id + "/attachments/" + alice.attachments().get(0));
    Map<String, List<Long>> bobOwns = Map.of("invoice PDF", bob.invoices(), "receipt PDF", bob.payments(), "ticket", bob.tickets(),
        "Alice's ticket's photo", List.of(), "photo of any ticket", List.of());
    int probed = 0;
    for (String probe : probes(everything)) {
      for (Map.Entry<String, Function<String, String>> read : reads.entrySet()) {
        HttpResponse<Buffer> answer = bobPortal.get(read.getValue().apply(probe));
        boolean his = bobOwns.get(read.getKey()).stream().anyMatch(own -> String.valueOf(own).equals(probe));
        Long asNumber = lenient(probe);
        boolean hisSpelledOtherwise = !his && asNumber != null && bobOwns.get(read.getKey()).contains(asNumber);
        if (his) {
          assertThat(answer.statusCode()).as(read.getKey() + " " + probe).isEqualTo(200);
        } else if (hisSpelledOtherwise) {
          // "012" or "+12" for his own 12: his to read or not, never anyone else's
          assertThat(answer.statusCode()).as(read.getKey() + " " + probe).isIn(200, 404);
        } else {
          assertThat(answer.statusCode()).as(read.getKey() + " " + probe + ": " + answer.bodyAsString()).isEqualTo(404);
          assertThat(answer.getHeader("Content-Type")).as(read.getKey() + " " + probe).startsWith("application/json");
          assertThat(answer.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("not_found");
        }
        probed++;
      }
    }
    assertThat(probed).isGreaterThan(100);

    // Writes on Alice's ticket by id: 404, and her thread is as it was.
    long aliceTicket = alice.tickets().get(0);
    Browser alicePortal = signedIn(vertx, alice.customer());
    JsonObject before = alicePortal.get("/api/v1/portal/tickets/" + aliceTicket).bodyAsJsonObject();
    assertError(bobPortal.post("/api/v1/portal/tickets/" + aliceTicket + "/replies", new JsonObject().put("text", "halo")), 404, "not_found", null);
    assertError(bobPortal.post("/api/v1/portal/tickets/" + aliceTicket + "/close", null), 404, "not_found", null);
    assertError(bobPortal.sendBytes(HttpMethod.POST, "/api/v1/portal/tickets/" + aliceTicket + "/attachments", "image/png", PNG),
        404, "not_found", null);
    assertThat(unchanging(alicePortal.get("/api/v1/portal/tickets/" + aliceTicket).bodyAsJsonObject())).isEqualTo(unchanging(before));
  }

  @Test
  @DisplayName("lists are the caller's own whatever the query asks: invoices, payments, tickets, installations; preferences are one's own")
  void listsAndPreferencesAreOwnOnly(Vertx vertx) {
    Browser bobPortal = signedIn(vertx, bob.customer());
    String aliceId = String.valueOf(alice.id());
    String aliceNo = alice.customer().getString("customerNo");
    for (String query : List.of("", "?customerId=" + aliceId, "?customerNo=" + aliceNo, "?customer=" + aliceId, "?limit=200")) {
      for (String list : List.of("invoices", "payments", "tickets", "installations")) {
        HttpResponse<Buffer> answer = bobPortal.get("/api/v1/portal/" + list + query);
        // A filter the portal does not know may be refused; what it must never do is widen the list.
        assertThat(answer.statusCode()).as(list + query + ": " + answer.bodyAsString()).isIn(200, 400);
        if (answer.statusCode() == 200) {
          List<Long> expected = switch (list) {
            case "invoices" -> bob.invoices();
            case "payments" -> bob.payments();
            case "tickets" -> bob.tickets();
            default -> List.of();
          };
          assertThat(ids(answer)).as(list + query).containsExactlyInAnyOrderElementsOf(expected);
        }
      }
    }

    Browser alicePortal = signedIn(vertx, alice.customer());
    HttpResponse<Buffer> set = alicePortal.put("/api/v1/portal/preferences", new JsonObject().put("ticketNotices", false)
        .put("installationNotices", false));
    assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
    JsonObject bobs = bobPortal.get("/api/v1/portal/preferences").bodyAsJsonObject();
    assertThat(bobs.getBoolean("ticketNotices")).isTrue();
    assertThat(bobs.getBoolean("installationNotices")).isTrue();
    assertError(bobPortal.put("/api/v1/portal/preferences", new JsonObject().put("ticketNotices", true).put("customerId", alice.id())),
        400, "invalid_field", "customerId");
    assertThat(bobPortal.get("/api/v1/portal/preferences?customerId=" + aliceId).bodyAsJsonObject().getBoolean("ticketNotices")).isTrue();
    JsonObject alices = alicePortal.get("/api/v1/portal/preferences").bodyAsJsonObject();
    assertThat(alices.getBoolean("ticketNotices")).isFalse();
    assertThat(alices.getBoolean("installationNotices")).isFalse();
  }

  @Test
  @DisplayName("a customer's bridge socket registers its own ui.customer.<id> only, in no other spelling, and hears nothing of another's")
  void bridgeKeepsToOwnAddress(Vertx vertx) throws Exception {
    Browser bobPortal = signedIn(vertx, bob.customer());
    Browser alicePortal = signedIn(vertx, alice.customer());
    String own = "ui.customer." + bob.id();
    String hers = "ui.customer." + alice.id();
    try (BridgeSocket bobSocket = BridgeSocket.open(vertx, hub.port(), bobPortal);
         BridgeSocket aliceSocket = BridgeSocket.open(vertx, hub.port(), alicePortal);
         BridgeSocket anonymous = BridgeSocket.open(vertx, hub.port(), hub.browser(vertx))) {
      long top = Math.max(alice.id(), bob.id()) + 3;
      for (long id = 0; id <= top; id++) {
        if (id != bob.id()) {
          assertThat(bobSocket.tryRegister("ui.customer." + id)).as("ui.customer." + id).isFalse();
        }
      }
      for (String spelling : List.of(hers + " ", " " + hers, "ui.customer.0" + alice.id(), "ui.customer.+" + alice.id(),
          "UI.CUSTOMER." + alice.id(), "ui.Customer." + alice.id(), hers + ".x", own + "." + alice.id(), own + "/../" + alice.id(),
          "ui.customer.*", "ui.customer.#", "ui.customer.", "ui.customer", "ui.customer." + alice.id() + "\u0000")) {
        assertThat(bobSocket.tryRegister(spelling)).as("'" + spelling + "'").isFalse();
      }
      anonymous.awaitClosed(10_000); // no session, no socket: closed before it could ask for anything
      assertThat(aliceSocket.tryRegister(hers)).isTrue();
      assertThat(bobSocket.tryRegister(own)).isTrue();

      int bobMark = bobSocket.mark();
      int aliceMark = aliceSocket.mark();
      String number = "INV-SEC-" + alice.customer().getString("customerNo") + "-0";
      HttpResponse<Buffer> paid = hub.browser(vertx).withBearer(TOKEN).post("/api/v1/payments", new JsonObject()
          .put("reference", "PAY-LIVE-" + number).put("invoiceNumber", number).put("amount", 1_000).put("method", "qris")
          .put("paidAt", LocalDate.now(WIB) + "T11:00:00+07:00"));
      assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(201);
      aliceSocket.awaitOn(aliceMark, hers, b -> "payment".equals(b.getString("type")), 10_000);
      // Bob's socket, open all along on the same node, got nothing of it. A refused registration's answer is the
      // barrier: it comes after anything the hub had queued for him before.
      assertThat(bobSocket.tryRegister("ui.wa")).isFalse();
      assertThat(bobSocket.framesSince(bobMark)).noneMatch(f -> "rec".equals(f.getString("type")));
      assertThat(anonymous.framesSince(0)).noneMatch(f -> "rec".equals(f.getString("type")));
    }
  }

  @Test
  @DisplayName("every cookie-authenticated portal write without the CSRF token, or with another session's, is a 403 csrf and changes nothing")
  void portalWritesNeedTheCsrfToken(Vertx vertx) {
    Browser alicePortal = signedIn(vertx, alice.customer());
    Browser bobPortal = signedIn(vertx, bob.customer());
    long ticket = alice.tickets().get(0);
    JsonObject prefsBefore = alicePortal.get("/api/v1/portal/preferences").bodyAsJsonObject();
    JsonObject ticketBefore = alicePortal.get("/api/v1/portal/tickets/" + ticket).bodyAsJsonObject();
    List<Long> ticketsBefore = ids(alicePortal.get("/api/v1/portal/tickets"));
    JsonObject articleBefore = alicePortal.get("/api/v1/portal/kb/articles/" + slug).bodyAsJsonObject();

    // The same session's cookies, the header left out; then the header carrying Bob's token (a token from elsewhere).
    for (Browser forged : List.of(signedIn(vertx, alice.customer()).withoutCsrfHeader(),
        signedIn(vertx, alice.customer()).withoutCsrfHeader().withHeader("X-XSRF-TOKEN", bobPortal.csrfCookie()),
        signedIn(vertx, alice.customer()).withoutCsrfHeader().withHeader("X-XSRF-TOKEN", ""))) {
      List<HttpResponse<Buffer>> refused = List.of(
          forged.put("/api/v1/portal/preferences", new JsonObject().put("ticketNotices", !prefsBefore.getBoolean("ticketNotices"))),
          forged.post("/api/v1/portal/tickets", new JsonObject().put("category", "lainnya").put("subject", "Palsu").put("description", "x")),
          forged.post("/api/v1/portal/tickets/" + ticket + "/replies", new JsonObject().put("text", "palsu")),
          forged.post("/api/v1/portal/tickets/" + ticket + "/close", null),
          forged.sendBytes(HttpMethod.POST, "/api/v1/portal/tickets/" + ticket + "/attachments?filename=x.png", "image/png", PNG),
          forged.post("/api/v1/portal/kb/articles/" + slug + "/vote", new JsonObject().put("helpful", false)),
          forged.post("/api/v1/auth/logout", null));
      for (HttpResponse<Buffer> answer : refused) {
        assertError(answer, 403, "csrf", null);
      }
      assertThat(forged.get("/api/v1/auth/me").bodyAsJsonObject().toString()).as("still signed in").contains(alice.customer().getString("customerNo"));
    }
    assertThat(alicePortal.get("/api/v1/portal/preferences").bodyAsJsonObject()).isEqualTo(prefsBefore);
    assertThat(unchanging(alicePortal.get("/api/v1/portal/tickets/" + ticket).bodyAsJsonObject())).isEqualTo(unchanging(ticketBefore));
    assertThat(ids(alicePortal.get("/api/v1/portal/tickets"))).isEqualTo(ticketsBefore);
    assertThat(alicePortal.get("/api/v1/portal/kb/articles/" + slug).bodyAsJsonObject().getValue("myVote"))
        .isEqualTo(articleBefore.getValue("myVote"));

    // The real client, same endpoints: the token makes the difference.
    assertThat(alicePortal.post("/api/v1/portal/kb/articles/" + slug + "/vote", new JsonObject().put("helpful", true)).statusCode())
        .isEqualTo(200);
    // (promotions are left out: this customer has no WhatsApp number to send them to)
    assertThat(alicePortal.put("/api/v1/portal/preferences", new JsonObject().put("ticketNotices", prefsBefore.getBoolean("ticketNotices"))
        .put("installationNotices", prefsBefore.getBoolean("installationNotices"))).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("every page, API answer, error and PDF carries CSP (no inline script, no framing), nosniff, X-Frame-Options and Referrer-Policy")
  void securityHeadersEverywhere(Vertx vertx) {
    Browser anonymous = hub.browser(vertx);
    Browser alicePortal = signedIn(vertx, alice.customer());
    Map<String, HttpResponse<Buffer>> answers = new java.util.LinkedHashMap<>();
    for (String page : List.of("/", "/portal/index.html", "/portal/login.html", "/staff/index.html", "/staff/login.html")) {
      HttpResponse<Buffer> answer = anonymous.get(page);
      assertThat(answer.statusCode()).as(page).isEqualTo(200);
      assertThat(answer.getHeader("Content-Type")).as(page).startsWith("text/html");
      answers.put(page, answer);
    }
    answers.put("/js/api.js", anonymous.get("/js/api.js"));
    answers.put("/api/v1/auth/me (anonymous)", anonymous.get("/api/v1/auth/me"));
    answers.put("/api/v1/portal/invoices (401)", anonymous.get("/api/v1/portal/invoices"));
    answers.put("/api/v1/nothing-here (404)", anonymous.get("/api/v1/nothing-here"));
    answers.put("/nothing-here.html (404)", anonymous.get("/nothing-here.html"));
    answers.put("/api/v1/portal/invoices", alicePortal.get("/api/v1/portal/invoices"));
    answers.put("POST /api/v1/auth/customer/login (400)", anonymous.post("/api/v1/auth/customer/login", new JsonObject()));
    HttpResponse<Buffer> invoicePdf = alicePortal.get("/api/v1/portal/invoices/" + alice.invoices().get(0) + "/pdf");
    HttpResponse<Buffer> receiptPdf = alicePortal.get("/api/v1/portal/payments/" + alice.payments().get(0) + "/pdf");
    for (HttpResponse<Buffer> pdf : List.of(invoicePdf, receiptPdf)) {
      assertThat(pdf.statusCode()).isEqualTo(200);
      assertThat(pdf.getHeader("Content-Type")).isEqualTo("application/pdf");
      assertThat(pdf.getHeader("Content-Disposition")).startsWith("attachment");
      assertThat(pdf.getHeader("Cache-Control")).contains("no-store").contains("private");
      assertThat(pdf.body().getString(0, 5)).isEqualTo("%PDF-");
    }
    answers.put("invoice PDF", invoicePdf);
    answers.put("receipt PDF", receiptPdf);

    answers.forEach((what, answer) -> {
      String csp = answer.getHeader("Content-Security-Policy");
      assertThat(csp).as(what + " CSP").isNotNull();
      Map<String, String> directives = new java.util.HashMap<>();
      for (String directive : csp.split(";")) {
        String[] parts = directive.trim().split("\\s+", 2);
        directives.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
      assertThat(directives.get("default-src")).as(what).isEqualTo("'self'");
      assertThat(directives.get("script-src")).as(what + " script-src").isEqualTo("'self'");
      assertThat(directives.get("object-src")).as(what).isEqualTo("'none'");
      assertThat(directives.get("frame-ancestors")).as(what).isEqualTo("'none'");
      assertThat(csp).as(what).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("*");
      assertThat(answer.getHeader("X-Frame-Options")).as(what).isEqualTo("DENY");
      assertThat(answer.getHeader("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
      assertThat(answer.getHeader("Referrer-Policy")).as(what).isIn("same-origin", "no-referrer", "strict-origin-when-cross-origin",
          "strict-origin");
    });
  }

  @Test
  @DisplayName("a help article cannot carry script onto the customer's page: spaced, entity-encoded and split schemes, autolinks, raw tags, linked images")
  void kbArticleCannotInjectOrRedirect(Vertx vertx) {
    Browser cs = hub.staff(vertx, "portalsec-kb", "cs");
    String markdown = """
        [spasi]( javascript:alert(1)) [entitas](&#106;avascript:alert(2)) [tab](java\tscript:alert(3)) [baris](java%0Ascript:alert(4))

        <javascript:alert(5)> <img src=x onerror=alert(7)> <a href="//evil.example">mentah</a>

        ![img](//evil.example/x.png "x") [![gambar](/kb/img/modem.png)](javascript:alert(6))

        [ok](/portal/#/tickets/new) dan [juga](https://aglis.id/bantuan)
        """;
    JsonObject created = cs.post("/api/v1/kb/articles", new JsonObject().put("title", "Artikel menyamar").put("summary", "x")
        .put("bodyMarkdown", markdown)).bodyAsJsonObject();
    HttpResponse<Buffer> published = cs.post("/api/v1/kb/articles/" + created.getLong("id") + "/publish", null);
    assertThat(published.statusCode()).as(published.bodyAsString()).isEqualTo(200);
    String served = signedIn(vertx, alice.customer()).get("/api/v1/portal/kb/articles/" + published.bodyAsJsonObject().getString("slug"))
        .bodyAsJsonObject().getString("bodyHtml");
    // What matters is markup: words such as "alert(3)" may stay behind as harmless text where Markdown saw no link.
    assertThat(served.toLowerCase()).doesNotContain("<script").doesNotContain("<iframe");
    assertThat(Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(served).find()).as(served).isFalse();
    Matcher targets = Pattern.compile("\\s(href|src)=\"([^\"]*)\"").matcher(served);
    List<String> seen = new ArrayList<>();
    while (targets.find()) {
      seen.add(targets.group(2));
    }
    assertThat(seen).as(served).isNotEmpty().allSatisfy(target -> assertThat(target)
        .matches("/(?![/\\\\]).*|https://aglis\\.id/.*"));
    assertThat(served).contains("href=\"/portal/#/tickets/new\"").contains("href=\"https://aglis.id/bantuan\"")
        .contains("<img src=\"/kb/img/modem.png\"").contains("spasi").contains("entitas");
  }

  /** A link that reads as a path on the hub but leads elsewhere ({@code //host}, {@code /\host}) loses its target. */
  @Test
  @DisplayName("a help article's link that looks like a path on the hub cannot lead to another host (//host, /\\host)")
  void kbLinksThatLookLocalStayLocal(Vertx vertx) {
    Browser cs = hub.staff(vertx, "portalsec-kb2", "cs");
    JsonObject created = cs.post("/api/v1/kb/articles", new JsonObject().put("title", "Tautan menyamar").put("summary", "x")
        .put("bodyMarkdown", "Lihat [panduan](//evil.example/phish) atau [ini](/\\evil.example/phish).")).bodyAsJsonObject();
    HttpResponse<Buffer> published = cs.post("/api/v1/kb/articles/" + created.getLong("id") + "/publish", null);
    assertThat(published.statusCode()).as(published.bodyAsString()).isEqualTo(200);
    String served = signedIn(vertx, alice.customer()).get("/api/v1/portal/kb/articles/" + published.bodyAsJsonObject().getString("slug"))
        .bodyAsJsonObject().getString("bodyHtml");
    assertThat(served).contains("panduan").contains("ini").doesNotContain("evil.example").doesNotContain("href=\"//")
        .doesNotContain("href=\"/\\");
  }
}
