package id.aglis.hub.webhook;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Downloads one attachment under {@link AttachmentRules}, defending against server-side request forgery:
 * the host is resolved here, every address it has must be public, and the connection goes to that vetted
 * address (with the original name as Host header, SNI and certificate name), so a DNS answer that changes
 * between the check and the connection (rebinding) cannot redirect it. Redirects are followed by hand,
 * each hop checked the same way. The future fails with {@link Refused} and a reason fit to store.
 *
 * <p>Threading: {@link #fetch} is called on an event loop; name resolution runs on a worker.
 */
final class AttachmentFetcher {

  static final Set<String> ACCEPTED_TYPES = Set.of("image/jpeg", "image/png", "image/webp", "image/gif", "audio/ogg",
      "audio/mpeg", "audio/mp4", "audio/aac", "video/mp4", "application/pdf", "text/plain");
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  /** A fetch that was refused or cut off; the message says why, without a stack trace. */
  static final class Refused extends RuntimeException {
    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  record Fetched(String contentType, Buffer data) {
  }

  private record Target(URI uri, String host, int port, boolean tls, String path) {
  }

  private final Vertx vertx;
  private final AttachmentRules rules;
  private final HttpClient client;

  AttachmentFetcher(Vertx vertx, AttachmentRules rules) {
    this.vertx = vertx;
    this.rules = rules;
    // Not pooled: each fetch connects to the address it has just vetted. SNI carries the host name although
    // the connection is made to an IP address; certificates are verified against that name.
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000).setKeepAlive(false)
        .setForceSni(true).setVerifyHost(true));
  }

  /** The attachment at {@code url}, or a failed future with {@link Refused}. */
  Future<Fetched> fetch(String url) {
    Promise<Fetched> result = Promise.promise();
    AtomicReference<HttpClientRequest> current = new AtomicReference<>();
    long timer = vertx.setTimer(rules.timeLimit().toMillis(), t -> {
      if (result.tryFail(new Refused("took longer than " + rules.timeLimit().toSeconds() + " s"))) {
        HttpClientRequest request = current.get();
        if (request != null) {
          request.reset();
        }
      }
    });
    target(url).compose(target -> hop(target, 0, current, result.future()))
        .onComplete(done -> {
          vertx.cancelTimer(timer);
          if (done.succeeded()) {
            result.tryComplete(done.result());
          } else {
            result.tryFail(done.cause() instanceof Refused ? done.cause() : new Refused("could not be fetched: " + done.cause().getMessage()));
          }
        });
    return result.future();
  }

  private Future<Fetched> hop(Target target, int redirects, AtomicReference<HttpClientRequest> current, Future<Fetched> outcome) {
    if (!rules.hostAllowed(target.host())) {
      return Future.failedFuture(new Refused("the host " + target.host() + " is not in HUB_ATTACHMENT_HOSTS"));
    }
    return vettedAddress(target)
        .compose(address -> {
          if (outcome.isComplete()) {
            return Future.failedFuture(new Refused("gave up"));
          }
          return client.request(new RequestOptions().setMethod(HttpMethod.GET)
              .setServer(SocketAddress.inetSocketAddress(target.port(), address.getHostAddress()))
              .setHost(target.host()).setPort(target.port()).setSsl(target.tls()).setURI(target.path())
              .setFollowRedirects(false));
        })
        .compose(request -> {
          current.set(request);
          if (outcome.isComplete()) {
            request.reset();
            return Future.failedFuture(new Refused("gave up"));
          }
          return request.send();
        })
        .compose(response -> {
          if (REDIRECTS.contains(response.statusCode()) && response.getHeader("Location") != null) {
            String location = response.getHeader("Location");
            response.request().reset();
            if (redirects >= rules.maxRedirects()) {
              return Future.failedFuture(new Refused("more than " + rules.maxRedirects() + " redirects"));
            }
            return next(target, location).compose(to -> hop(to, redirects + 1, current, outcome));
          }
          return body(response);
        });
  }

  /** The redirect's target, relative to the page that answered it. */
  private Future<Target> next(Target from, String location) {
    try {
      return target(from.uri().resolve(new URI(location)).toString());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Future.failedFuture(new Refused("redirected to an unreadable URL"));
    }
  }

  private static Future<Target> target(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException | NullPointerException e) {
      return Future.failedFuture(new Refused("not an http(s) URL"));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
      return Future.failedFuture(new Refused("not an http(s) URL"));
    }
    boolean tls = scheme.equals("https");
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    return Future.succeededFuture(new Target(uri, host, port, tls, path));
  }

  /**
   * Resolves the host (literal addresses too, so every spelling of 127.0.0.1 ends up the same) and returns
   * its first address, provided all of them are public: a name that also points inside is refused outright.
   */
  private Future<InetAddress> vettedAddress(Target target) {
    return vertx.<List<InetAddress>>executeBlocking(() -> List.of(InetAddress.getAllByName(target.host())), false)
        .recover(e -> Future.failedFuture(new Refused("the host " + target.host() + " could not be resolved")))
        .compose(addresses -> {
          for (InetAddress address : addresses) {
            if (!allowed(address, target.port())) {
              return Future.failedFuture(new Refused("the host " + target.host() + " is not a public address ("
                  + address.getHostAddress() + ")"));
            }
          }
          return Future.succeededFuture(addresses.get(0));
        });
  }

  private boolean allowed(InetAddress address, int port) {
    return PublicAddresses.isPublic(address)
        || PublicAddresses.isLoopback(address) && rules.loopbackPortsForTests().contains(port);
  }

  private Future<Fetched> body(HttpClientResponse response) {
    if (response.statusCode() != 200) {
      response.request().reset();
      return Future.failedFuture(new Refused("the gateway answered HTTP " + response.statusCode()));
    }
    String type = Optional.ofNullable(response.getHeader("Content-Type")).map(t -> t.split(";")[0].strip().toLowerCase(Locale.ROOT))
        .orElse("");
    if (!ACCEPTED_TYPES.contains(type)) {
      response.request().reset();
      return Future.failedFuture(new Refused("content type '" + type + "' is not accepted"));
    }
    int max = rules.maxBytes();
    String length = response.getHeader("Content-Length");
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > max) {
      response.request().reset();
      return Future.failedFuture(new Refused("larger than " + max + " bytes"));
    }
    Buffer data = Buffer.buffer();
    Promise<Fetched> done = Promise.promise();
    response.handler(chunk -> {
      if (data.length() + chunk.length() > max) {
        // Fail first: the reset makes the response report "stream reset" too, which must not become the reason.
        done.tryFail(new Refused("larger than " + max + " bytes"));
        response.request().reset();
      } else {
        data.appendBuffer(chunk);
      }
    });
    response.exceptionHandler(done::tryFail);
    response.endHandler(v -> done.tryComplete(new Fetched(type, data)));
    return done.future();
  }

  Future<Void> close() {
    return client.close();
  }
}
