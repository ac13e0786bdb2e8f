package id.aglis.hub.webhook;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the attachment of an incoming message at once: Fonnte keeps webhook files for 30 minutes only.
 * Bounded in size and restricted to the media WhatsApp carries; anything else is recorded as missed with
 * the reason, never silently dropped.
 */
final class Attachments {

  private static final Logger LOG = LoggerFactory.getLogger(Attachments.class);
  /** WhatsApp's own limits are around 16 MB for media and 100 MB for documents; we keep what staff need. */
  static final int MAX_BYTES = 16 * 1024 * 1024;
  static final Set<String> ALLOWED = Set.of("image/jpeg", "image/png", "image/webp", "image/gif", "audio/ogg", "audio/mpeg",
      "audio/mp4", "audio/aac", "video/mp4", "application/pdf", "text/plain");

  static final String STORE = "insert into wa_attachments (inbox_entry_id, source_url, content_type, size_bytes, data, missed_reason) "
      + "values ($1, $2, $3, $4, $5, $6) on conflict (inbox_entry_id) do nothing";
  static final String READ = "select content_type, size_bytes, data, missed_reason, source_url from wa_attachments where inbox_entry_id = $1";

  private final Pool pool;
  private final HttpClient client;

  Attachments(Vertx vertx, Pool pool) {
    this.pool = pool;
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000).setIdleTimeout(30));
  }

  /** Fetches and stores the attachment of inbox entry {@code entryId}; failures are stored as the reason it was missed. */
  Future<Void> fetch(long entryId, String url) {
    Optional<RequestOptions> request = request(url);
    if (request.isEmpty()) {
      return missed(entryId, url, "not an http(s) URL");
    }
    return client.request(request.get())
        .compose(r -> r.send())
        .compose(response -> read(entryId, url, response))
        .recover(e -> missed(entryId, url, "could not be fetched: " + e.getMessage()));
  }

  private Future<Void> read(long entryId, String url, HttpClientResponse response) {
    if (response.statusCode() != 200) {
      return response.body().transform(ignored -> missed(entryId, url, "the gateway answered HTTP " + response.statusCode()));
    }
    String type = Optional.ofNullable(response.getHeader("Content-Type")).map(t -> t.split(";")[0].strip().toLowerCase(Locale.ROOT)).orElse("");
    if (!ALLOWED.contains(type)) {
      response.request().reset();
      return missed(entryId, url, "content type '" + type + "' is not accepted");
    }
    String length = response.getHeader("Content-Length");
    if (length != null && length.matches("\\d+") && Long.parseLong(length) > MAX_BYTES) {
      response.request().reset();
      return missed(entryId, url, "larger than " + MAX_BYTES + " bytes");
    }
    Buffer data = Buffer.buffer();
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    response.handler(chunk -> {
      if (data.length() + chunk.length() > MAX_BYTES) {
        response.request().reset();
        done.tryFail(new IllegalStateException("larger than " + MAX_BYTES + " bytes"));
      } else {
        data.appendBuffer(chunk);
      }
    });
    response.exceptionHandler(done::tryFail);
    response.endHandler(v -> done.tryComplete());
    return done.future()
        .compose(v -> pool.preparedQuery(STORE).execute(Tuple.from(new Object[] {entryId, url, type, data.length(), data, null})).<Void>mapEmpty())
        .recover(e -> missed(entryId, url, e.getMessage()));
  }

  /** Fonnte has dropped the file (a node stopped before fetching it, and the window passed). */
  Future<Void> expired(long entryId, String url) {
    return missed(entryId, url, "expired: Fonnte keeps webhook files for 30 minutes");
  }

  private Future<Void> missed(long entryId, String url, String reason) {
    LOG.warn("Attachment of inbox entry {} missed: {}", entryId, reason);
    return pool.preparedQuery(STORE).execute(Tuple.from(new Object[] {entryId, url, null, null, null, reason})).mapEmpty();
  }

  /** The stored attachment of an entry, or empty when it has none (yet). */
  Future<Optional<Row>> read(long entryId) {
    return pool.preparedQuery(READ).execute(Tuple.of(entryId)).map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }

  private static Optional<RequestOptions> request(String url) {
    try {
      URI uri = URI.create(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        return Optional.empty();
      }
      boolean tls = "https".equals(uri.getScheme());
      int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (uri.getRawQuery() != null) {
        path += "?" + uri.getRawQuery();
      }
      return Optional.of(new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost()).setPort(port).setSsl(tls)
          .setURI(path).setTimeout(30_000));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
