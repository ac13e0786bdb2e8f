package id.aglis.hub.dispatch;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
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
 */
public final class Receipts {

  private static final Logger LOG = LoggerFactory.getLogger(Receipts.class);
  private static final Set<String> FAILING_QUEUE_STATUSES = Set.of("invalid", "failed", "expired", "url unreachable");

  private final Pool pool;
  private final StatusEvents events;

  public Receipts(Pool pool, StatusEvents events) {
    this.pool = pool;
    this.events = events;
  }

  /** A receipt as the webhook delivered it. */
  public record Receipt(String device, String providerId, String stateId, String status, String state) {
    static Receipt from(JsonObject body) {
      return new Receipt(body.getString("device"), body.getString("providerId"), body.getString("stateId"),
          lower(body.getString("status")), lower(body.getString("state")));
    }

    private static String lower(String s) {
      return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Moves the receipt's message forward if it says so. Returns the message's id, or empty when no message
   * is known for the receipt's ids yet (the caller keeps the receipt and tries again).
   */
  public Future<Optional<UUID>> apply(Receipt receipt) {
    return find(receipt).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(found);
      }
      UUID id = found.get();
      Future<Void> linked = receipt.providerId() != null && receipt.stateId() != null
          ? pool.preparedQuery(ReceiptSql.LINK_STATE).execute(Tuple.of(receipt.stateId(), receipt.providerId(), id)).mapEmpty()
          : Future.succeededFuture();
      return linked.compose(v -> advance(id, receipt)).map(found);
    });
  }

  private Future<Optional<UUID>> find(Receipt receipt) {
    if (receipt.providerId() != null) {
      return pool.preparedQuery(ReceiptSql.BY_PROVIDER_ID).execute(Tuple.of(receipt.providerId()))
          .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("id")));
    }
    if (receipt.stateId() != null) {
      return pool.preparedQuery(ReceiptSql.BY_STATE_ID).execute(Tuple.of(receipt.stateId()))
          .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("message_id")));
    }
    return Future.succeededFuture(Optional.empty());
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
