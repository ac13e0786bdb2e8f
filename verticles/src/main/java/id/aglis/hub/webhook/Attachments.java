package id.aglis.hub.webhook;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the attachment of an incoming message at once: Fonnte keeps webhook files for 30 minutes only.
 * The URL comes from a callback, so it is fetched under {@link AttachmentRules} (public addresses only,
 * bounded in size and time; see {@link AttachmentFetcher}) and only the media WhatsApp carries is kept;
 * anything else is recorded as missed with the reason, never silently dropped.
 */
final class Attachments {

  private static final Logger LOG = LoggerFactory.getLogger(Attachments.class);
  static final int MAX_BYTES = AttachmentRules.MAX_BYTES;

  static final String STORE = "insert into wa_attachments (inbox_entry_id, source_url, content_type, size_bytes, data, missed_reason) "
      + "values ($1, $2, $3, $4, $5, $6) on conflict (inbox_entry_id) do nothing";
  static final String READ = "select content_type, size_bytes, data, missed_reason, source_url from wa_attachments where inbox_entry_id = $1";

  private final Pool pool;
  private final AttachmentFetcher fetcher;

  Attachments(Vertx vertx, Pool pool, AttachmentRules rules) {
    this.pool = pool;
    this.fetcher = new AttachmentFetcher(vertx, rules);
  }

  /** Fetches and stores the attachment of inbox entry {@code entryId}; failures are stored as the reason it was missed. */
  Future<Void> fetch(long entryId, String url) {
    return fetcher.fetch(url).transform(fetched -> fetched.succeeded()
        ? store(entryId, url, fetched.result()).recover(e -> missed(entryId, url, e.getMessage()))
        : missed(entryId, url, fetched.cause().getMessage()));
  }

  private Future<Void> store(long entryId, String url, AttachmentFetcher.Fetched file) {
    return pool.preparedQuery(STORE)
        .execute(Tuple.from(new Object[] {entryId, url, file.contentType(), file.data().length(), file.data(), null})).mapEmpty();
  }

  /** Fonnte has dropped the file (a node stopped before fetching it, and the window passed). */
  Future<Void> expired(long entryId, String url) {
    return missed(entryId, url, "expired: Fonnte keeps webhook files for 30 minutes");
  }

  private Future<Void> missed(long entryId, String url, String reason) {
    LOG.warn("Attachment of inbox entry {} missed: {}", entryId, reason);
    return pool.preparedQuery(STORE).execute(Tuple.from(new Object[] {entryId, url, null, null, null, reason})).mapEmpty();
  }

  /** The stored attachment of an entry, or empty when it has none (yet). Reading needs no fetcher. */
  static Future<Optional<Row>> read(Pool pool, long entryId) {
    return pool.preparedQuery(READ).execute(Tuple.of(entryId)).map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }
}
