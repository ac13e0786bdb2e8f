package id.aglis.hub.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attachment URLs come from callbacks, so fetching them must not reach inside (SSRF). Two fake file servers
 * on loopback: the "public" one, whose port the test rules let through as if it were on the Internet, and
 * an "internal" one standing for everything that must never be reached (metrics, admin consoles).
 */
@ExtendWith(VertxExtension.class)
class AttachmentsTest {

  private static final Buffer PNG = Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3});
  private static final int SMALL_LIMIT = 64 * 1024;
  private static Vertx serverVertx;
  private static HttpServer publicServer;
  private static HttpServer internalServer;
  private static final Map<String, String> HOST_HEADERS = new ConcurrentHashMap<>();
  private static final AtomicInteger INTERNAL_HITS = new AtomicInteger();

  @BeforeAll
  static void startServers() {
    serverVertx = Vertx.vertx();
    internalServer = serverVertx.createHttpServer().requestHandler(req -> {
      INTERNAL_HITS.incrementAndGet();
      req.response().putHeader("Content-Type", "text/plain").end("hub_secret_metric 1");
    }).listen(0, "127.0.0.1").await();
    String internal = "http://127.0.0.1:" + internalServer.actualPort();
    publicServer = serverVertx.createHttpServer().requestHandler(req -> {
      HOST_HEADERS.put(req.path(), req.headers().get("Host"));
      switch (req.path()) {
        case "/photo.png" -> req.response().putHeader("Content-Type", "image/png").end(PNG);
        case "/page.html" -> req.response().putHeader("Content-Type", "text/html").end("<html></html>");
        case "/huge.pdf" -> req.response().putHeader("Content-Type", "application/pdf").end(Buffer.buffer(new byte[SMALL_LIMIT + 1]));
        case "/endless.pdf" -> {
          // No Content-Length: the limit must be enforced while reading.
          req.response().setChunked(true).putHeader("Content-Type", "application/pdf");
          long timer = serverVertx.setPeriodic(5, t -> req.response().write(Buffer.buffer(new byte[8192])));
          req.connection().closeHandler(v -> serverVertx.cancelTimer(timer));
        }
        case "/slow.pdf" -> {
          // A byte a second, for ever: within every size limit, never finished.
          req.response().setChunked(true).putHeader("Content-Type", "application/pdf");
          long timer = serverVertx.setPeriodic(1_000, t -> req.response().write(Buffer.buffer(new byte[1])));
          req.connection().closeHandler(v -> serverVertx.cancelTimer(timer));
        }
        case "/hop" -> req.response().setStatusCode(302).putHeader("Location", "/photo.png").end();
        case "/loop" -> req.response().setStatusCode(302).putHeader("Location", "/loop").end();
        case "/to-internal" -> req.response().setStatusCode(302).putHeader("Location", internal + "/metrics").end();
        case "/to-localhost" -> req.response().setStatusCode(307)
            .putHeader("Location", "http://localhost:" + internalServer.actualPort() + "/metrics").end();
        case "/to-metadata" -> req.response().setStatusCode(301).putHeader("Location", "http://169.254.169.254/latest/meta-data/").end();
        case "/to-file" -> req.response().setStatusCode(302).putHeader("Location", "file:///etc/passwd").end();
        default -> req.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").await();
  }

  @AfterAll
  static void stopServers() {
    serverVertx.close().await();
  }

  @BeforeEach
  void resetCounts() {
    INTERNAL_HITS.set(0);
  }

  private static String publicBase() {
    return "http://127.0.0.1:" + publicServer.actualPort();
  }

  private static AttachmentRules rules(Set<String> hosts, Duration timeLimit) {
    return AttachmentRules.forTests(hosts, SMALL_LIMIT, timeLimit, Set.of(publicServer.actualPort()));
  }

  private static String refusal(AttachmentFetcher fetcher, String url) {
    Future<AttachmentFetcher.Fetched> fetched = fetcher.fetch(url);
    try {
      fetched.await();
    } catch (RuntimeException ignored) {
      // the reason is read below
    }
    assertThat(fetched.failed()).as("%s is refused", url).isTrue();
    assertThat(fetched.cause()).isInstanceOf(AttachmentFetcher.Refused.class);
    return fetched.cause().getMessage();
  }

  @Test
  @DisplayName("loopback, private, CGNAT, link-local/metadata, IPv6 local and IPv4-mapped addresses are refused before connecting")
  void internalAddressesRefused(Vertx vertx) {
    AttachmentFetcher fetcher = new AttachmentFetcher(vertx, AttachmentRules.of(Set.of()));
    int port = internalServer.actualPort();
    for (String url : List.of("http://127.0.0.1:" + port + "/metrics", "http://127.1.2.3:" + port + "/metrics",
        "http://localhost:" + port + "/metrics", "http://0.0.0.0:" + port + "/metrics", "http://[::1]:" + port + "/metrics",
        "http://[::ffff:127.0.0.1]:" + port + "/metrics", "http://[::ffff:7f00:1]:" + port + "/metrics",
        "http://2130706433:" + port + "/metrics", "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/",
        "http://100.64.0.1/", "http://100.100.100.200/latest/meta-data/", "http://169.254.169.254/latest/meta-data/",
        "https://169.254.169.254/", "http://192.0.0.192/", "http://[fd00:ec2::254]/", "http://[fe80::1]/",
        "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::]/", "http://224.0.0.1/")) {
      assertThat(refusal(fetcher, url)).as(url).containsAnyOf("not a public address", "could not be resolved");
    }
    assertThat(INTERNAL_HITS).as("requests that reached the internal server").hasValue(0);
    for (String url : List.of("file:///etc/passwd", "ftp://example.com/a.png", "gopher://127.0.0.1:70/", "not a url", "http:///x",
        "http://user:pass@example.com/a.png")) {
      assertThat(refusal(fetcher, url)).as(url).isEqualTo("not an http(s) URL");
    }
  }

  @Test
  @DisplayName("the address rule knows public from internal addresses")
  void addressClassification() throws Exception {
    for (String inside : List.of("127.0.0.1", "10.1.2.3", "172.31.255.255", "192.168.0.1", "100.64.0.1", "100.127.255.255",
        "169.254.169.254", "0.0.0.0", "255.255.255.255", "::", "::1", "::ffff:10.0.0.1", "fc00::1", "fd12:3456::1", "fe80::1",
        "ff02::1", "2001:db8::1", "64:ff9b::a00:1", "2002:c0a8:101::1")) {
      assertThat(PublicAddresses.isPublic(InetAddress.getByName(inside))).as(inside).isFalse();
    }
    for (String outside : List.of("8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8",
        "64:ff9b::808:808")) {
      assertThat(PublicAddresses.isPublic(InetAddress.getByName(outside))).as(outside).isTrue();
    }
  }

  @Test
  @DisplayName("an allowed server's media is fetched, with its own name as Host, also through a redirect")
  void publicFilesFetched(Vertx vertx) {
    AttachmentFetcher fetcher = new AttachmentFetcher(vertx, rules(Set.of(), Duration.ofSeconds(5)));
    AttachmentFetcher.Fetched photo = fetcher.fetch(publicBase() + "/photo.png").await();
    assertThat(photo.contentType()).isEqualTo("image/png");
    assertThat(photo.data()).isEqualTo(PNG);
    assertThat(fetcher.fetch(publicBase() + "/hop").await().data()).isEqualTo(PNG);
    assertThat(HOST_HEADERS.get("/photo.png")).isEqualTo("127.0.0.1:" + publicServer.actualPort());
    assertThat(refusal(fetcher, publicBase() + "/page.html")).contains("text/html");
    assertThat(refusal(fetcher, publicBase() + "/missing.png")).contains("HTTP 404");
  }

  @Test
  @DisplayName("a redirect from an allowed server to loopback, localhost, metadata or file: is not followed; redirects are bounded")
  void redirectsRechecked(Vertx vertx) {
    AttachmentFetcher fetcher = new AttachmentFetcher(vertx, rules(Set.of(), Duration.ofSeconds(5)));
    assertThat(refusal(fetcher, publicBase() + "/to-internal")).contains("not a public address");
    assertThat(refusal(fetcher, publicBase() + "/to-localhost")).contains("not a public address");
    assertThat(refusal(fetcher, publicBase() + "/to-metadata")).contains("not a public address");
    assertThat(refusal(fetcher, publicBase() + "/to-file")).isEqualTo("not an http(s) URL");
    assertThat(refusal(fetcher, publicBase() + "/loop")).contains("redirects");
    assertThat(INTERNAL_HITS).as("requests that reached the internal server").hasValue(0);
  }

  @Test
  @DisplayName("oversized files are cut off, with or without Content-Length; a slow one is cut off at the time limit")
  void sizeAndTimeBounded(Vertx vertx) {
    AttachmentFetcher fetcher = new AttachmentFetcher(vertx, rules(Set.of(), Duration.ofSeconds(2)));
    assertThat(refusal(fetcher, publicBase() + "/huge.pdf")).contains("larger than " + SMALL_LIMIT);
    assertThat(refusal(fetcher, publicBase() + "/endless.pdf")).contains("larger than " + SMALL_LIMIT);
    long started = System.nanoTime();
    assertThat(refusal(fetcher, publicBase() + "/slow.pdf")).contains("took longer than 2 s");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("with HUB_ATTACHMENT_HOSTS only the listed hosts are fetched, and their addresses must still be public")
  void allowList(Vertx vertx) {
    AttachmentFetcher onlyFonnte = new AttachmentFetcher(vertx, rules(Set.of("files.fonnte.example"), Duration.ofSeconds(5)));
    assertThat(refusal(onlyFonnte, publicBase() + "/photo.png")).contains("not in HUB_ATTACHMENT_HOSTS");
    AttachmentFetcher listsLoopback = new AttachmentFetcher(vertx, AttachmentRules.of(Set.of("LOCALHOST", "127.0.0.1")));
    assertThat(refusal(listsLoopback, "http://localhost:" + internalServer.actualPort() + "/metrics")).contains("not a public address");
    assertThat(refusal(listsLoopback, "http://127.0.0.1:" + internalServer.actualPort() + "/metrics")).contains("not a public address");
    AttachmentFetcher listsPublic = new AttachmentFetcher(vertx, rules(Set.of("127.0.0.1"), Duration.ofSeconds(5)));
    assertThat(listsPublic.fetch(publicBase() + "/photo.png").await().data()).isEqualTo(PNG);
    // A listed host cannot redirect to an unlisted one.
    assertThat(refusal(listsPublic, publicBase() + "/to-localhost")).contains("not in HUB_ATTACHMENT_HOSTS");
    assertThat(INTERNAL_HITS).hasValue(0);
  }
}
