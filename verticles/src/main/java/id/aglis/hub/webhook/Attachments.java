package id.aglis.hub.webhook;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.AttachmentStored;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the attachment of an incoming message at once: Fonnte keeps webhook files for 30 minutes only.
 * The URL comes from a callback, so it is fetched under {@link AttachmentRules} (public addresses only,
 * bounded in size and time; see {@link AttachmentFetcher}) and only the media WhatsApp carries is kept;
 * anything else is recorded as missed with the reason, never silently dropped. Either way the outcome is
 * announced on {@code webhook.attachment.stored} once written.
 */
final class Attachments {

  private static final Logger LOG = LoggerFactory.getLogger(Attachments.class);
  static final int MAX_BYTES = AttachmentRules.MAX_BYTES;

  static final String STORE = "insert into wa_attachments (inbox_entry_id, source_url, content_type, size_bytes, data, missed_reason) "
      + "values ($1, $2, $3, $4, $5, $6) on conflict (inbox_entry_id) do nothing";
  static final String READ = "select content_type, size_bytes, data, missed_reason, source_url from wa_attachments where inbox_entry_id = $1";

  private final Vertx vertx;
  private final Pool pool;
  private final AttachmentFetcher fetcher;

  Attachments(Vertx vertx, Pool pool, AttachmentRules rules) {
    this.vertx = vertx;
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
    return write(Tuple.from(new Object[] {entryId, url, file.contentType(), file.data().length(), file.data(), null}),
        AttachmentStored.stored(entryId, file.contentType(), file.data().length(), OffsetDateTime.now()));
  }

  /** Fonnte has dropped the file (a node stopped before fetching it, and the window passed). */
  Future<Void> expired(long entryId, String url) {
    return missed(entryId, url, "expired: Fonnte keeps webhook files for 30 minutes");
  }

  private Future<Void> missed(long entryId, String url, String reason) {
    LOG.warn("Attachment of inbox entry {} missed: {}", entryId, reason);
    return write(Tuple.from(new Object[] {entryId, url, null, null, null, reason}), AttachmentStored.missed(entryId, reason,
        OffsetDateTime.now()));
  }

  /** Writes the outcome and announces it; not when the entry already had one (the sweep and a fetch both finished). */
  private Future<Void> write(Tuple row, AttachmentStored outcome) {
    return pool.preparedQuery(STORE).execute(row).map(written -> {
      if (written.rowCount() == 1) {
        vertx.eventBus().publish(Addresses.WEBHOOK_ATTACHMENT_STORED, outcome.toJson());
      }
      return null;
    });
  }

  /** The stored attachment of an entry, or empty when it has none (yet). Reading needs no fetcher. */
  static Future<Optional<Row>> read(Pool pool, long entryId) {
    return pool.preparedQuery(READ).execute(Tuple.of(entryId)).map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }
}
