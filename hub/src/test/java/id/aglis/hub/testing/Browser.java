package id.aglis.hub.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;

/**
 * An HTTP client that behaves like the hub's own {@code api.js} in a browser: keeps cookies, and echoes
 * the {@code XSRF-TOKEN} cookie in {@code X-XSRF-TOKEN} on writes (unless told not to). Or, with
 * {@link #withBearer}, like a machine client. Calls block ({@code await}) to keep tests readable.
 */
public final class Browser {

  private final WebClientSession client;
  private boolean sendCsrf = true;
  private String bearer;
  private final java.util.Map<String, String> headers = new java.util.HashMap<>();

  Browser(Vertx vertx, int port) {
    this(vertx, port, null);
  }

  /** {@code localAddress}: the loopback address to connect from (127.0.0.2, …), so tests can be "another client". */
  Browser(Vertx vertx, int port, String localAddress) {
    this.client = WebClientSession.create(WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(port).setFollowRedirects(false).setLocalAddress(localAddress)));
  }

  public Browser withoutCsrfHeader() {
    sendCsrf = false;
    return this;
  }

  /** Sends this header on every request (e.g. X-Forwarded-For, as a proxy would). */
  public Browser withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public Browser withBearer(String token) {
    bearer = token;
    return this;
  }

  public HttpResponse<Buffer> get(String path) {
    return send(HttpMethod.GET, path, null);
  }

  public HttpResponse<Buffer> post(String path, Object body) {
    return send(HttpMethod.POST, path, body);
  }

  public HttpResponse<Buffer> put(String path, Object body) {
    return send(HttpMethod.PUT, path, body);
  }

  public HttpResponse<Buffer> delete(String path) {
    return send(HttpMethod.DELETE, path, null);
  }

  /** Sends a raw body with the given content type. */
  public HttpResponse<Buffer> sendWithType(HttpMethod method, String path, String contentType, String body) {
    HttpRequest<Buffer> request = client.request(method, path).timeout(30_000).putHeader("Content-Type", contentType);
    String token = csrfCookie();
    if (sendCsrf && token != null) {
      request.putHeader("X-XSRF-TOKEN", token);
    }
    return request.sendBuffer(Buffer.buffer(body)).await();
  }

  /** Sends raw bytes (an image upload, say) with the given content type, or none when {@code contentType} is null. */
  public HttpResponse<Buffer> sendBytes(HttpMethod method, String path, String contentType, Buffer body) {
    HttpRequest<Buffer> request = client.request(method, path).timeout(30_000).putHeader("Accept", "application/json");
    if (bearer != null) {
      request.putHeader("Authorization", "Bearer " + bearer);
    }
    headers.forEach(request::putHeader);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    String token = csrfCookie();
    if (sendCsrf && token != null) {
      request.putHeader("X-XSRF-TOKEN", token);
    }
    return request.sendBuffer(body).await();
  }

  /** Sends {@code body} as given: a JsonObject is encoded, a String or Buffer goes raw (for malformed input). */
  public HttpResponse<Buffer> send(HttpMethod method, String path, Object body) {
    HttpRequest<Buffer> request = client.request(method, path).timeout(30_000).putHeader("Accept", "application/json");
    if (bearer != null) {
      request.putHeader("Authorization", "Bearer " + bearer);
    }
    headers.forEach(request::putHeader);
    String token = csrfCookie();
    if (sendCsrf && token != null && method != HttpMethod.GET) {
      request.putHeader("X-XSRF-TOKEN", token);
    }
    if (body == null) {
      return request.send().await();
    }
    request.putHeader("Content-Type", "application/json");
    Buffer raw = body instanceof JsonObject json ? json.toBuffer() : body instanceof Buffer b ? b : Buffer.buffer(body.toString());
    return request.sendBuffer(raw).await();
  }

  /** The session cookie as a Cookie header ({@code aglis.sid=…}), or null before sign-in. */
  public String sessionCookie() {
    for (io.netty.handler.codec.http.cookie.Cookie cookie : client.cookieStore().get(false, "127.0.0.1", "/")) {
      if (cookie.name().equals("aglis.sid")) {
        return cookie.name() + "=" + cookie.value();
      }
    }
    return null;
  }

  public String csrfCookie() {
    for (io.netty.handler.codec.http.cookie.Cookie cookie : client.cookieStore().get(false, "127.0.0.1", "/")) {
      if (cookie.name().equals("XSRF-TOKEN")) {
        return cookie.value();
      }
    }
    return null;
  }

  /** Signs in as staff and fetches {@code /auth/me} once, as the pages do, to be issued a CSRF token. */
  public HttpResponse<Buffer> staffLogin(String username, String password) {
    HttpResponse<Buffer> response = post("/api/v1/auth/staff/login", new JsonObject().put("username", username).put("password", password));
    get("/api/v1/auth/me");
    return response;
  }

  public HttpResponse<Buffer> customerLogin(String login, String password) {
    HttpResponse<Buffer> response = post("/api/v1/auth/customer/login", new JsonObject().put("login", login).put("password", password));
    get("/api/v1/auth/me");
    return response;
  }
}
