package id.aglis.hub.webhook;

import id.aglis.hub.bus.CustomerByPhoneReply;
import id.aglis.hub.bus.IncomingMessageReceived;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;

/** Incoming WhatsApp messages. SQL kept beside it. */
public final class InboxRepository {

  static final String COLUMNS = "id, device, sender, sender_name, text, group_member, location, attachment_url, filename, "
      + "extension, inbox_id, sent_at, received_at, customer_id, customer_no, customer_name";
  /** One entry per message, however often Fonnte retries its callback. */
  static final String INSERT = "insert into wa_inbox (callback_id, device, sender, sender_name, text, group_member, location, "
      + "attachment_url, filename, extension, inbox_id, sent_at, received_at, customer_id, customer_no, customer_name, dedupe_key) "
      + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) "
      + "on conflict (dedupe_key) do nothing returning " + COLUMNS;
  static final String PAGE = "select i." + COLUMNS.replace(", ", ", i.") + ", a.size_bytes as attachment_size, "
      + "a.missed_reason as attachment_missed, a.inbox_entry_id is not null as attachment_done "
      + "from wa_inbox i left join wa_attachments a on a.inbox_entry_id = i.id where i.id < $1 "
      + "and ($3::text is null or i.sender = $3) order by i.id desc limit $2";
  /**
   * Attachments not fetched yet (a node may have stopped before fetching them). Not the last minute's: their
   * first fetch may still be running, and a second one could record a miss before the first stores the file.
   */
  static final String UNFETCHED = "select i.id, i.attachment_url, i.received_at from wa_inbox i where i.attachment_url is not null "
      + "and i.received_at < now() - interval '1 minute' "
      + "and not exists (select 1 from wa_attachments a where a.inbox_entry_id = i.id) order by i.id limit 20";

  private final Pool pool;

  public InboxRepository(Pool pool) {
    this.pool = pool;
  }

  /** An entry to store; {@code customer} is the lookup's reply, or null when the lookup failed. */
  record NewEntry(long callbackId, String device, String sender, String name, String text, String member, String location,
                  String url, String filename, String extension, String inboxId, OffsetDateTime sentAt,
                  OffsetDateTime receivedAt, CustomerByPhoneReply customer) {

    /**
     * What makes two callbacks the same message: Fonnte's inbox id when it sends one, else device, sender,
     * timestamp and text; without a timestamp nothing can tell a retry from a new message, so none is merged.
     */
    String dedupeKey() {
      if (inboxId != null) {
        return device + ":inbox:" + inboxId;
      }
      if (sentAt != null) {
        return device + ":" + sender + ":" + sentAt.toEpochSecond() + ":" + java.util.Objects.hashCode(text) + ":" + (text == null ? 0 : text.length());
      }
      return "callback:" + callbackId;
    }
  }

  /** The stored entry, or null when this message was stored before. */
  Future<IncomingMessageReceived> insert(SqlClient client, NewEntry e) {
    boolean known = e.customer() != null && e.customer().found();
    return client.preparedQuery(INSERT).execute(Tuple.from(new Object[] {e.callbackId(), e.device(), e.sender(), e.name(), e.text(),
            e.member(), e.location(), e.url(), e.filename(), e.extension(), e.inboxId(), e.sentAt(), e.receivedAt(),
            known ? e.customer().id() : null, known ? e.customer().customerNo() : null,
            known ? e.customer().name() : null, e.dedupeKey()}))
        .map(rows -> rows.size() == 0 ? null : entry(rows.iterator().next()));
  }

  /** Newest first; {@code sender} (normalised {@code 62…}) only that sender's, or null for everyone's. */
  public Future<List<JsonObject>> page(long beforeId, int limit, String sender) {
    return pool.preparedQuery(PAGE).execute(Tuple.of(beforeId, limit, sender)).map(rows -> rows.stream().map(InboxRepository::toJson).toList());
  }

  public Future<io.vertx.sqlclient.RowSet<Row>> unfetched() {
    return pool.query(UNFETCHED).execute();
  }

  /** A page's entry: the entry as the bus announces it, with its attachment's fetch state. */
  static JsonObject toJson(Row r) {
    JsonObject json = entry(r).toJson();
    JsonObject attachment = json.getJsonObject("attachment");
    if (attachment != null && r.getColumnIndex("attachment_done") >= 0) {
      boolean done = Boolean.TRUE.equals(r.getBoolean("attachment_done"));
      String missed = r.getString("attachment_missed");
      attachment.put("status", !done ? "fetching" : missed != null ? "missed" : "stored").put("missedReason", missed)
          .put("size", r.getInteger("attachment_size"));
    }
    return json;
  }

  static IncomingMessageReceived entry(Row r) {
    var attachment = r.getString("attachment_url") == null ? null
        : new IncomingMessageReceived.Attachment(r.getString("attachment_url"), r.getString("filename"), r.getString("extension"));
    var customer = r.getLong("customer_id") == null ? null
        : new IncomingMessageReceived.Customer(r.getLong("customer_id"), r.getString("customer_no"), r.getString("customer_name"));
    return new IncomingMessageReceived(r.getLong("id"), r.getString("device"), r.getString("sender"), r.getString("sender_name"),
        r.getString("text"), r.getString("group_member"), r.getString("location"), attachment, r.getString("inbox_id"),
        r.getOffsetDateTime("sent_at"), r.getOffsetDateTime("received_at"), customer);
  }
}
