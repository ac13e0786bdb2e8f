package id.aglis.hub.webhook;

import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.CallbacksApplied;
import id.aglis.hub.bus.CustomerByPhoneReply;
import id.aglis.hub.bus.CustomerByPhoneRequest;
import id.aglis.hub.bus.DeliveryReceiptReply;
import id.aglis.hub.bus.DeliveryReceiptRequest;
import id.aglis.hub.bus.DeviceConnectionChanged;
import id.aglis.hub.bus.DeviceConnectionRequest;
import id.aglis.hub.webhook.CallbackRepository.Callback;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies recorded callbacks: status receipts go to the dispatcher ({@code dispatch.message.receipt}),
 * device changes too ({@code dispatch.device.connection}). Runs on every node; receipts are leased (see
 * {@link CallbackRepository#lease}), other callbacks row-locked (SKIP LOCKED), so each goes to one node. A receipt whose message is not known yet waits and is tried again;
 * after {@code orphanTtl} it is given up, so a flood of callbacks for unknown ids cannot grow for ever.
 * Incoming customer messages stay recorded for the inbox, which comes with its own feature. Each page applied
 * is announced on this node ({@code webhook.callbacks.applied}) once its outcomes are stored.
 */
public final class WebhookVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookVerticle.class);
  private static final int PAGE = 200;
  private static final long SWEEP_MS = 1_000;
  private static final long ATTACHMENT_SWEEP_MS = 10_000;
  /** How long Fonnte keeps a webhook's file. */
  private static final Duration FONNTE_KEEPS_FILES = Duration.ofMinutes(30);
  private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(10_000);
  /** Receipts go to this node's own dispatcher: no hop to another node, no cluster-wide lookup. */
  private static final DeliveryOptions LOCAL_TIMEOUT = new DeliveryOptions().setSendTimeout(10_000).setLocalOnly(true);
  /** What this node applied is news on this node only. */
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);
  /**
   * How long a node holds a page of receipts it is applying; it stops applying at half of it (what is left
   * is tried again later), so only a node that died gives a page back.
   */
  private static final Duration RECEIPT_LEASE = Duration.ofSeconds(30);

  private final CallbackRepository callbacks;
  private final InboxRepository inbox;
  private final io.vertx.sqlclient.Pool pool;
  private final Duration orphanTtl;
  private final AttachmentRules attachmentRules;
  private KeywordReplies keywords;
  private Attachments attachments;
  private boolean sweepingAttachments;
  private boolean draining;
  private boolean again;

  public WebhookVerticle(io.vertx.sqlclient.Pool pool, CallbackRepository callbacks, InboxRepository inbox, Duration orphanTtl,
                         AttachmentRules attachmentRules) {
    this.pool = pool;
    this.attachmentRules = attachmentRules;
    this.callbacks = callbacks;
    this.inbox = inbox;
    this.orphanTtl = orphanTtl;
  }

  @Override
  public Future<?> start() {
    keywords = new KeywordReplies(vertx);
    attachments = new Attachments(vertx, pool, attachmentRules);
    vertx.setPeriodic(SWEEP_MS, t -> drain());
    vertx.setPeriodic(ATTACHMENT_SWEEP_MS, t -> fetchMissingAttachments());
    return vertx.eventBus().consumer(Addresses.WEBHOOK_CALLBACKS_RECORDED, m -> drain()).completion();
  }

  private void drain() {
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    again = false;
    applyReceipts()
        .compose(receipts -> applyPending("device", List.of(), this::applyDeviceChanges).map(devices -> receipts + devices))
        .compose(applied -> storeIncoming().map(incoming -> applied + incoming))
        .onComplete(done -> {
          draining = false;
          if (done.failed()) {
            LOG.warn("Applying webhook callbacks failed (they stay recorded): {}", done.cause().getMessage());
          } else if (again || done.result() >= PAGE) {
            drain();
          }
        });
  }

  /** Applies a page one callback after the other, in the order Fonnte sent them. */
  private static Future<Void> inTurn(List<Callback> page, java.util.function.Function<Callback, Future<Void>> apply) {
    Future<Void> chain = Future.succeededFuture();
    for (Callback callback : page) {
      chain = chain.compose(v -> apply.apply(callback));
    }
    return chain;
  }

  /**
   * Applies a leased page of status receipts one after the other: each goes to this node's own dispatcher
   * (every node runs one) and no transaction waits on the bus. Receipts move a message forward only, so one
   * applied twice (its node died before settling it, and its lease ran out) changes nothing the second time.
   * Settled afterwards in one or two statements. One at a time on purpose: applying 4 or 200 at once took
   * PostgreSQL connections from the webhook's own intake and cut its ceiling (bench/dispatch.sh webhooks:
   * 3,244 and 1,036 callbacks/s against 5,277 one at a time).
   */
  private Future<Integer> applyReceipts() {
    return callbacks.lease("status", PAGE, RECEIPT_LEASE).compose(page -> {
      List<CallbackRepository.Settled> settled = new ArrayList<>(page.size());
      // Past half the lease (a slow PostgreSQL), the rest of the page is left for later rather than risk
      // another node leasing it while this one is still applying it.
      long stopAt = System.currentTimeMillis() + RECEIPT_LEASE.toMillis() / 2;
      Future<Void> chain = Future.succeededFuture();
      for (Callback callback : page) {
        chain = chain.compose(v -> (System.currentTimeMillis() < stopAt ? applyReceipt(callback)
            : Future.succeededFuture(CallbackRepository.Settled.later(callback.id()))).map(outcome -> {
              settled.add(outcome);
              return null;
            }));
      }
      return chain.compose(v -> callbacks.settle(settled)).onSuccess(v -> announceSettled(settled)).map(page.size());
    });
  }

  private void announceSettled(List<CallbackRepository.Settled> settled) {
    List<Long> done = new ArrayList<>();
    List<Long> waiting = new ArrayList<>();
    settled.forEach(s -> (s.outcome() != null ? done : waiting).add(s.id()));
    announceApplied("status", done, waiting);
  }

  /**
   * Runs {@code work} over a locked page of {@code kind} in one transaction; once it commits, runs what
   * {@code work} left for then, and announces the page as applied.
   */
  private Future<Integer> applyPending(String kind, List<Runnable> afterCommit,
                                       java.util.function.BiFunction<SqlConnection, List<Callback>, Future<Void>> work) {
    List<Long> ids = new ArrayList<>();
    return callbacks.withPending(kind, PAGE, (tx, page) -> {
      page.forEach(callback -> ids.add(callback.id()));
      return work.apply(tx, page);
    }).onSuccess(applied -> {
      afterCommit.forEach(Runnable::run);
      announceApplied(kind, ids, List.of());
    });
  }

  /** Tells this node's listeners (tests, later the live console) that a page is applied and its outcomes stored. */
  private void announceApplied(String kind, List<Long> done, List<Long> waiting) {
    if (!done.isEmpty() || !waiting.isEmpty()) {
      vertx.eventBus().publish(Addresses.WEBHOOK_CALLBACKS_APPLIED, new CallbacksApplied(kind, done, waiting).toJson(), LOCAL);
    }
  }

  /** What became of one receipt; never fails (a receipt that could not be applied now is tried again later). */
  private Future<CallbackRepository.Settled> applyReceipt(Callback callback) {
    JsonObject body = callback.body();
    DeliveryReceiptRequest receipt = new DeliveryReceiptRequest(callback.device(), Payloads.text(body, "id"),
        Payloads.text(body, "stateid"), Payloads.text(body, "status"), Payloads.text(body, "state"), callback.receivedAt());
    return vertx.eventBus().<JsonObject>request(Addresses.DISPATCH_MESSAGE_RECEIPT, receipt.toJson(), LOCAL_TIMEOUT).map(answer -> {
      DeliveryReceiptReply reply = DeliveryReceiptReply.fromJson(answer.body());
      if (reply.applied()) {
        return CallbackRepository.Settled.done(callback.id(), "applied to " + reply.messageId() + ", now " + reply.messageStatus());
      }
      if (callback.receivedAt().isBefore(OffsetDateTime.now().minus(orphanTtl))) {
        LOG.info("Gave up on status callback {}: no message with its ids after {}", callback.id(), orphanTtl);
        return CallbackRepository.Settled.done(callback.id(), "orphan expired");
      }
      return CallbackRepository.Settled.later(callback.id());
    }).otherwise(failure -> {
      LOG.debug("Status callback {} not applied yet ({}); tried again later", callback.id(), failure.getMessage());
      return CallbackRepository.Settled.later(callback.id());
    });
  }

  /** Attachments a stopped node did not fetch: fetched now, or recorded as missed once Fonnte has dropped them. */
  private void fetchMissingAttachments() {
    if (sweepingAttachments) {
      return;
    }
    sweepingAttachments = true;
    inbox.unfetched().compose(rows -> {
      List<Future<Void>> fetches = new ArrayList<>();
      rows.forEach(r -> fetches.add(r.getOffsetDateTime("received_at").isBefore(OffsetDateTime.now().minus(FONNTE_KEEPS_FILES))
          ? attachments.expired(r.getLong("id"), r.getString("attachment_url"))
          : attachments.fetch(r.getLong("id"), r.getString("attachment_url"))));
      return Future.join(fetches);
    }).onComplete(done -> sweepingAttachments = false);
  }

  /**
   * Stores a page of incoming messages; once the page is committed, announces the new entries and fetches
   * their attachments (Fonnte keeps a file for 30 minutes; the sweep retries). Not before: no other
   * connection can see the entries until then (a stored file refers to its entry), and a page that rolls
   * back is applied again, with new entry ids.
   */
  private Future<Integer> storeIncoming() {
    List<Runnable> afterCommit = new ArrayList<>();
    return applyPending("incoming", afterCommit, (tx, page) -> inTurn(page, callback -> storeIncoming(tx, callback, afterCommit)));
  }

  /** Stores one incoming message in the inbox, linked to the customer when the sender's number is known. */
  private Future<Void> storeIncoming(SqlConnection tx, Callback callback, List<Runnable> afterCommit) {
    JsonObject body = callback.body();
    String rawSender = first(body, "sender", "pengirim");
    String sender = id.aglis.hub.common.Phones.normalise(rawSender).orElse(rawSender);
    Future<CustomerByPhoneReply> customer = vertx.eventBus()
        .<JsonObject>request(Addresses.IDENTITY_CUSTOMER_BY_PHONE, new CustomerByPhoneRequest(sender).toJson(), TIMEOUT)
        .map(reply -> CustomerByPhoneReply.fromJson(reply.body()))
        .recover(e -> Future.succeededFuture(null));
    return customer.compose(found -> inbox.insert(tx, new InboxRepository.NewEntry(callback.id(), callback.device(), sender,
            Payloads.text(body, "name"), first(body, "message", "pesan", "text"), Payloads.text(body, "member"),
            Payloads.text(body, "location"), Payloads.text(body, "url"), Payloads.text(body, "filename"),
            Payloads.text(body, "extension"), Payloads.text(body, "inboxid"), sentAt(body), callback.receivedAt(), found)))
        .compose(entry -> {
          if (entry == null) {
            return CallbackRepository.done(tx, callback.id(), "duplicate of an inbox entry");
          }
          afterCommit.add(() -> vertx.eventBus().publish(Addresses.WEBHOOK_MESSAGE_RECEIVED, entry.toJson()));
          if (entry.attachment() != null) {
            afterCommit.add(() -> attachments.fetch(entry.id(), entry.attachment().url()));
          }
          // Group chats get no automatic replies; a reply that cannot be sent now is not worth losing the entry.
          Future<Void> replied = Payloads.text(body, "member") != null ? Future.succeededFuture()
              : keywords.answer(tx, new KeywordReplies.Incoming(callback.id(), callback.device(), sender,
                  entry.text(), customer.result()))
                  .recover(e -> {
                    LOG.warn("Could not send the automatic reply to inbox entry {}: {}", entry.id(), e.getMessage());
                    return Future.succeededFuture();
                  });
          return replied.compose(v -> CallbackRepository.done(tx, callback.id(), "stored in the inbox"));
        });
  }

  private static String first(JsonObject body, String... fields) {
    for (String field : fields) {
      String value = Payloads.text(body, field);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** Fonnte's {@code timestamp} is Unix seconds; absent or unreadable means unknown. */
  private static OffsetDateTime sentAt(JsonObject body) {
    String text = Payloads.text(body, "timestamp");
    if (text == null || !text.matches("\\d{9,11}")) {
      return null;
    }
    return java.time.Instant.ofEpochSecond(Long.parseLong(text)).atOffset(java.time.ZoneOffset.UTC);
  }

  private Future<Void> applyDeviceChanges(SqlConnection tx, List<Callback> page) {
    return inTurn(page, callback -> applyDeviceChange(tx, callback));
  }

  private Future<Void> applyDeviceChange(SqlConnection tx, Callback callback) {
    JsonObject body = callback.body();
    boolean connected = "connect".equalsIgnoreCase(Payloads.text(body, "status"));
    DeviceConnectionRequest change = new DeviceConnectionRequest(callback.device(), connected, Payloads.text(body, "reason"));
    return vertx.eventBus().<JsonObject>request(Addresses.DISPATCH_DEVICE_CONNECTION, change.toJson(), TIMEOUT).compose(reply -> {
      vertx.eventBus().publish(Addresses.WEBHOOK_DEVICE_CHANGED,
          new DeviceConnectionChanged(callback.device(), connected, change.reason(), OffsetDateTime.now()).toJson());
      return CallbackRepository.done(tx, callback.id(), connected ? "resumed" : "paused");
    });
  }
}
