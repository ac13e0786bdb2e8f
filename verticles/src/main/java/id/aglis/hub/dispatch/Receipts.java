package id.aglis.hub.dispatch;

import id.aglis.hub.bus.DeliveryReceiptRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies Fonnte's status receipts to messages. The first receipt links Fonnte's {@code id} to WhatsApp's
 * {@code stateid}; later ones carry only the state id. Statuses only move forward (read never falls back
 * to delivered), so duplicates and out-of-order receipts change nothing. Fonnte's queue statuses
 * {@code invalid}, {@code failed}, {@code expired} and {@code url unreachable} end the message as failed.
 * A state we do not know is stored raw and logged, not rejected.
 *
 * <p>A receipt applies only to a message its device sent within {@link #WINDOW} before the receipt was
 * recorded: ids are matched per device, and an older message with the same id (a gateway reusing its ids)
 * is never moved.
 */
public final class Receipts {

  private static final Logger LOG = LoggerFactory.getLogger(Receipts.class);
  private static final Set<String> FAILING_QUEUE_STATUSES = Set.of("invalid", "failed", "expired", "url unreachable");

  /**
   * How long after a send its receipts are still applied: 7 days. Fonnte keeps a message it could not send
   * for up to 7 days before reporting it {@code expired} (fonnte-protocol.md §3b; the current page says one
   * day), and retries a webhook for 15 minutes after that; the hub keeps an orphan receipt no longer than 7
   * days either. A longer window would only widen the span in which a gateway's reused id could reach an
   * older message; a read receipt later than this leaves the message at delivered, which is harmless.
   */
  public static final java.time.Duration WINDOW = java.time.Duration.ofDays(7);

  private final Pool pool;
  private final StatusEvents events;
  private final DispatchMetrics metrics;

  public Receipts(Pool pool, StatusEvents events, DispatchMetrics metrics) {
    this.metrics = metrics;
    this.pool = pool;
    this.events = events;
  }

  /**
   * A receipt as the webhook delivered it; {@code receivedAt} is when the hub recorded it (null: now), which
   * the window counts back from, so a receipt that waited for its message is judged by when it came.
   */
  public record Receipt(String device, String providerId, String stateId, String status, String state,
                        OffsetDateTime receivedAt) {
    static Receipt from(DeliveryReceiptRequest request) {
      return new Receipt(request.device(), request.providerId(), request.stateId(), lower(request.status()),
          lower(request.state()), request.receivedAt());
    }

    private static String lower(String s) {
      return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
    }
  }

  /** The message a receipt was applied to, and its status afterwards (unchanged when the receipt moved it nowhere). */
  public record Applied(UUID messageId, MessageStatus status) {
  }

  /**
   * Moves the receipt's message forward if it says so. Returns the message and where it stands, or empty when
   * no message is known for the receipt's ids yet (the caller keeps the receipt and tries again).
   */
  public Future<Optional<Applied>> apply(Receipt receipt) {
    return find(receipt).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(found);
      }
      Applied before = found.get();
      UUID id = before.messageId();
      MessageStatus target = target(receipt);
      metrics.receipt(receipt.device(), target == null ? "other" : target.wire());
      Future<Void> linked = receipt.providerId() != null && receipt.stateId() != null
          ? pool.preparedQuery(ReceiptSql.LINK_STATE).execute(Tuple.of(receipt.stateId(), receipt.providerId(), id, receipt.device()))
              .mapEmpty()
          : Future.succeededFuture();
      return linked.compose(v -> advance(id, receipt))
          .map(moved -> Optional.of(moved.map(m -> new Applied(id, m.status())).orElse(before)));
    });
  }

  /**
   * The receipt's message and its status before the receipt: by its device and provider id, else by its state
   * id; never one outside the window.
   */
  private Future<Optional<Applied>> find(Receipt receipt) {
    if (receipt.device() == null) {
      return Future.succeededFuture(Optional.empty());
    }
    if (receipt.providerId() != null) {
      return pool.preparedQuery(ReceiptSql.BY_PROVIDER_ID)
          .execute(Tuple.of(receipt.device(), receipt.providerId(), receipt.receivedAt()))
          .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(applied(rows.iterator().next())));
    }
    if (receipt.stateId() != null) {
      return pool.preparedQuery(ReceiptSql.BY_STATE_ID).execute(Tuple.of(receipt.stateId(), receipt.device(), receipt.receivedAt()))
          .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(applied(rows.iterator().next())));
    }
    return Future.succeededFuture(Optional.empty());
  }

  private static Applied applied(Row row) {
    return new Applied(row.getUUID("message_id"), MessageStatus.fromWire(row.getString("status")));
  }

  private Future<Optional<WaMessage>> advance(UUID id, Receipt receipt) {
    MessageStatus target = target(receipt);
    JsonObject detail = new JsonObject().put("device", receipt.device()).put("providerId", receipt.providerId())
        .put("stateId", receipt.stateId()).put("providerStatus", receipt.status()).put("state", receipt.state());
    if (target == null) {
      if (receipt.state() != null && stateOf(receipt.state()) == null) {
        LOG.warn("Unmapped WhatsApp state '{}' for message {}: stored raw", receipt.state(), id);
        return pool.preparedQuery(ReceiptSql.RAW_STATE).execute(Tuple.of(id, receipt.state())).map(Optional.empty());
      }
      return Future.succeededFuture(Optional.empty());
    }
    String reason = target == MessageStatus.FAILED ? "Fonnte reported '" + receipt.status() + "'" : null;
    String[] from = allowedFrom(target).stream().map(MessageStatus::wire).toArray(String[]::new);
    return pool.preparedQuery(ReceiptSql.ADVANCE)
        .execute(Tuple.tuple().addUUID(id).addString(target.wire()).addString(receipt.state()).addArrayOfString(from)
            .addString(reason).addJsonObject(detail))
        .map(rows -> rows.size() == 0 ? Optional.<WaMessage>empty() : Optional.of(WaMessage.from(rows.iterator().next())))
        .onSuccess(moved -> moved.ifPresent(events::message));
  }

  /** Where a receipt takes a message, or null when it moves nothing. */
  static MessageStatus target(Receipt receipt) {
    if (receipt.status() != null && FAILING_QUEUE_STATUSES.contains(receipt.status())) {
      return MessageStatus.FAILED;
    }
    MessageStatus fromState = receipt.state() == null ? null : stateOf(receipt.state());
    if (fromState != null) {
      return fromState;
    }
    return "sent".equals(receipt.status()) ? MessageStatus.SENT : null;
  }

  /** WhatsApp's delivery state, matched loosely (its vocabulary is not documented). */
  static MessageStatus stateOf(String state) {
    if (state.contains("read") || state.contains("played")) {
      return MessageStatus.READ;
    }
    if (state.contains("deliver")) {
      return MessageStatus.DELIVERED;
    }
    if (state.contains("fail") || state.contains("error")) {
      return MessageStatus.FAILED;
    }
    if (state.contains("sent") || state.contains("server")) {
      return MessageStatus.SENT;
    }
    return null;
  }

  /** Forward only: sent < delivered < read; a failure report never undoes a delivery. */
  private static Set<MessageStatus> allowedFrom(MessageStatus target) {
    return switch (target) {
      case SENT -> EnumSet.of(MessageStatus.SENDING, MessageStatus.UNKNOWN);
      case DELIVERED -> EnumSet.of(MessageStatus.SENDING, MessageStatus.UNKNOWN, MessageStatus.SENT);
      case READ -> EnumSet.of(MessageStatus.SENDING, MessageStatus.UNKNOWN, MessageStatus.SENT, MessageStatus.DELIVERED);
      case FAILED -> EnumSet.of(MessageStatus.SENDING, MessageStatus.UNKNOWN, MessageStatus.SENT);
      default -> EnumSet.noneOf(MessageStatus.class);
    };
  }
}
