package id.aglis.hub.dispatch.send;

import id.aglis.hub.common.Times;
import id.aglis.hub.dispatch.DeviceConfig;
import id.aglis.hub.dispatch.Devices;
import id.aglis.hub.dispatch.DispatchMetrics;
import id.aglis.hub.dispatch.DispatchSettings;
import id.aglis.hub.dispatch.MessageRepository;
import id.aglis.hub.dispatch.MessageStatus;
import id.aglis.hub.dispatch.OptOuts;
import id.aglis.hub.dispatch.Priority;
import id.aglis.hub.dispatch.StatusEvents;
import id.aglis.hub.dispatch.WaMessage;
import id.aglis.hub.dispatch.fonnte.FonnteClient;
import id.aglis.hub.dispatch.fonnte.SendOutcome;
import id.aglis.hub.dispatch.queue.DispatchQueue;
import id.aglis.hub.dispatch.queue.DispatchQueue.Claim;
import id.aglis.hub.dispatch.queue.DispatchQueue.Claimed;
import id.aglis.hub.dispatch.queue.DispatchQueue.Paused;
import id.aglis.hub.dispatch.queue.DispatchQueue.Wait;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through one device from one node: claims the next message the cluster-wide limits allow, sends
 * it, and records the outcome. Runs on its verticle's event loop, so its fields need no locking. Every
 * node runs one per device; Redis decides which of them sends next.
 *
 * <p>Outcomes (decided from Fonnte's body): accepted → {@code sent}; a permanent rejection →
 * {@code failed}; a device-level failure → the device is paused and the message goes back to the queue
 * for another device (or waits, when pinned); a transient failure → retried with exponential backoff and
 * jitter, then {@code dead}; an ambiguous one → {@code unknown}, never resent blindly (see UnknownSends).
 */
public final class DeviceWorker {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceWorker.class);
  private static final long IDLE_POLL_MS = 1_000;
  private static final long PAUSED_POLL_MS = 5_000;
  /** The most one claim takes at once (only with limits off or loose: a minimum gap allows one at a time). */
  private static final int MAX_CLAIM = 64;

  private final Vertx vertx;
  private final DeviceConfig device;
  private final DispatchSettings settings;
  private final DispatchQueue queue;
  private final MessageRepository messages;
  private final Devices devices;
  private final FonnteClient client;
  private final StatusEvents events;
  private final DispatchMetrics metrics;
  private final UnknownSends unknown;
  private final OutcomeJournal journal;
  private final OptOuts optOuts;
  private final OutcomePolicy policy;
  private final Clock clock;
  /**
   * Names this worker's claims in Redis: each claim gets its own token (this prefix and a counter), and only
   * that token releases it. A node id alone would not do: a release retried after its reply was lost could
   * then undo a newer claim of the same message by the same node, and standalone nodes share one id.
   */
  private final String claimPrefix;
  private long claims;

  /**
   * Claims held by this worker, from the claim until the outcome is recorded, with how many sends of each are
   * in flight (two, when a lease expired mid-send and this worker claimed the message again); their leases
   * are renewed together.
   */
  private final Map<UUID, Integer> held = new HashMap<>();
  private boolean running;
  private boolean claiming;
  private boolean idle;
  private int inFlight;
  private long wakeTimer = -1;
  /** No claims before this time: PostgreSQL refused a claim, so claiming more now would only churn the queue. */
  private long claimAfter;
  private long renewTimer = -1;
  private Promise<Void> drained;

  public DeviceWorker(Vertx vertx, DeviceConfig device, FonnteClient client, SendPath path, String owner) {
    this.vertx = vertx;
    this.device = device;
    this.client = client;
    this.settings = path.settings();
    this.queue = path.queue();
    this.messages = path.messages();
    this.devices = path.devices();
    this.events = path.events();
    this.metrics = path.metrics();
    this.unknown = path.unknown();
    this.journal = path.journal();
    this.optOuts = path.optOuts();
    this.policy = path.policy();
    this.clock = path.clock();
    this.claimPrefix = owner + "/" + device.device() + "/" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + "/";
  }

  public void start() {
    if (running || drained != null) {
      return;
    }
    running = true;
    long lease = settings.lease().toMillis();
    renewTimer = vertx.setPeriodic(Math.max(100, lease / 3), t -> renewLeases(lease));
    pump();
  }

  private void renewLeases(long lease) {
    queue.renew(List.copyOf(held.keySet()), lease, System.currentTimeMillis())
        .onFailure(e -> LOG.warn("Device {}: cannot renew {} claim(s): {}", device.device(), held.size(), e.getMessage()));
  }

  /** New work may be waiting: look now if idle (a worker held by a rate limit keeps its timer). */
  public void nudge() {
    if (running && idle) {
      pump();
    }
  }

  /** Stops claiming and completes when the sends in flight have recorded their outcomes. */
  public Future<Void> stop() {
    if (drained != null) {
      return drained.future();
    }
    running = false;
    cancelWake();
    drained = Promise.promise();
    drainedIfIdle();
    return drained.future();
  }

  private void drainedIfIdle() {
    if (!running && inFlight == 0 && !claiming && drained != null) {
      vertx.cancelTimer(renewTimer);
      drained.tryComplete();
    }
  }

  private void pump() {
    if (!running || claiming || inFlight >= settings.concurrency()) {
      return;
    }
    long holdOff = claimAfter - System.currentTimeMillis();
    if (holdOff > 0) {
      wakeIn(holdOff);
      return;
    }
    cancelWake();
    idle = false;
    claiming = true;
    int room = Math.min(MAX_CLAIM, settings.concurrency() - inFlight);
    String claim = claimPrefix + (++claims);
    DispatchQueue.Limits limits = limits();
    queue.claim(device.device(), limits, settings.lease().toMillis(), claim, lowAllowed(), System.currentTimeMillis(), room)
        .onComplete(result -> claimed(result, claim, limits.gapMs()));
  }

  /** {@code gapMs}: the gap the claim held the device to (0 without one). */
  private void claimed(AsyncResult<Claim> result, String claim, long gapMs) {
    claiming = false;
    if (!running) {
      handBack(result, claim);
    } else if (result.failed()) {
      LOG.warn("Device {}: cannot claim from the queue: {}", device.device(), result.cause().getMessage());
      wakeIn(IDLE_POLL_MS);
    } else if (result.result() instanceof Claimed claimed) {
      for (UUID id : claimed.ids()) {
        held.merge(id, 1, Integer::sum);
        inFlight++;
        process(id, claim, gapMs).onComplete(done -> finished(id, done.cause()));
      }
      pump();
    } else if (result.result() instanceof Wait wait) {
      wakeIn(wait.millis());
    } else if (result.result() instanceof Paused) {
      wakeIn(PAUSED_POLL_MS);
    } else {
      idle = true;
      wakeIn(IDLE_POLL_MS);
    }
  }

  /** Stopping: claims that arrive now go straight back, untouched, for another node (counted until they are back). */
  private void handBack(AsyncResult<Claim> result, String claim) {
    if (result.succeeded() && result.result() instanceof Claimed claimed) {
      long now = System.currentTimeMillis();
      inFlight += claimed.ids().size();
      Future.join(claimed.ids().stream().map(id -> queue.requeue(id, 0, now, claim)).toList()).onComplete(v -> {
        inFlight -= claimed.ids().size();
        drainedIfIdle();
      });
    } else {
      drainedIfIdle();
    }
  }

  private void finished(UUID id, Throwable failure) {
    held.computeIfPresent(id, (key, sends) -> sends > 1 ? sends - 1 : null);
    inFlight--;
    if (failure != null) {
      // The claim or the outcome could not be recorded (PostgreSQL down?): the lease expires and the message
      // comes back; a send Fonnte accepted meanwhile is in the journal and is not sent again.
      LOG.error("Device {}: claiming message {} or recording its outcome failed: {}", device.device(), id, failure.getMessage());
    }
    drainedIfIdle();
    pump();
  }

  private DispatchQueue.Limits limits() {
    if (settings.limitsOff()) {
      return DispatchQueue.Limits.OFF;
    }
    long jitter = device.jitterMs() <= 0 ? 0 : ThreadLocalRandom.current().nextLong(device.jitterMs() + 1);
    return DispatchQueue.Limits.of(device, jitter, settings.globalPerMinute());
  }

  /** Low-priority messages wait out the quiet hours (Asia/Jakarta). */
  boolean lowAllowed() {
    if (settings.limitsOff() || settings.quietStart() == null) {
      return true;
    }
    LocalTime now = LocalTime.now(clock.withZone(Times.BUSINESS_ZONE));
    LocalTime start = settings.quietStart();
    LocalTime end = settings.quietEnd();
    boolean quiet = start.isBefore(end) ? !now.isBefore(start) && now.isBefore(end) : !now.isBefore(start) || now.isBefore(end);
    return !quiet;
  }

  private void wakeIn(long millis) {
    cancelWake();
    if (running) {
      wakeTimer = vertx.setTimer(Math.max(1, millis), t -> {
        wakeTimer = -1;
        pump();
      });
    }
  }

  private void cancelWake() {
    if (wakeTimer >= 0) {
      vertx.cancelTimer(wakeTimer);
      wakeTimer = -1;
    }
  }

  private Future<Void> process(UUID id, String claim, long gapMs) {
    return messages.startSending(id, device.device()).compose(found -> {
      if (found.isEmpty()) {
        return queue.done(id, claim); // cancelled, or settled by another path, since it was queued
      }
      WaMessage message = found.get();
      if (message.status() == MessageStatus.UNKNOWN) {
        return previousSendUnfinished(message, claim);
      }
      events.message(message);
      if (message.priority() == Priority.LOW) {
        // It may have waited out the quiet hours while its recipient replied STOP.
        return optOuts.isOptedOut(message.to()).compose(out -> out
            ? settle(message, claim, MessageStatus.CANCELLED, OptOuts.REASON, new JsonObject().put("reason", OptOuts.REASON))
            : send(message, claim, gapMs));
      }
      return send(message, claim, gapMs);
    }, refused -> notClaimed(id, claim, refused));
  }

  /**
   * PostgreSQL did not take the claim, so nothing was sent: the message goes straight back to its place (instead
   * of waiting for its lease to end) and this worker holds off claiming for a moment. Had the write committed
   * after all, the next claim finds the message 'sending' and treats it as a send that may have happened.
   */
  private Future<Void> notClaimed(UUID id, String claim, Throwable refused) {
    claimAfter = System.currentTimeMillis() + IDLE_POLL_MS;
    return queue.requeue(id, 0, System.currentTimeMillis(), claim).transform(v -> Future.failedFuture(refused));
  }

  /**
   * Its previous holder did not record an outcome: it died mid-send, or PostgreSQL refused the outcome. In the
   * second case the provider's answer may be in the journal, and then the message was sent: record that. Else
   * it may have reached Fonnte: wait for evidence, don't resend.
   */
  private Future<Void> previousSendUnfinished(WaMessage message, String claim) {
    return journal.replay(message.id()).transform(answered -> {
      if (answered.succeeded() && answered.result()) {
        return queue.done(message.id(), claim);
      }
      // No answer kept, or none readable now: watched as unknown (the settler looks in the journal again).
      events.message(message);
      return queue.done(message.id(), claim).compose(v -> unknown.watch(message.id()));
    });
  }

  private Future<Void> send(WaMessage message, String claim, long gapMs) {
    return client.send(device.token(), message.to(), message.text(), writtenAt -> left(claim, writtenAt, gapMs))
        .compose(outcome -> record(message, claim, outcome));
  }

  /**
   * The request has left: the device's next slot moves to a gap after now, and the claim lets the device go (it kept
   * it from the claim on, see wa_claim.lua). So the gap the gateway sees counts from when this send really left,
   * however late that was (PostgreSQL slow to mark it sending, a new connection, a busy loop). Should Redis not take
   * it, the device is let go when the claim ends, and the claim's own gap still holds.
   */
  private void left(String claim, long writtenAt, long gapMs) {
    if (gapMs > 0) {
      queue.holdGap(device.device(), writtenAt, gapMs, claim)
          .onFailure(e -> LOG.warn("Device {}: cannot hold the gap after a send: {}", device.device(), e.getMessage()));
    }
  }

  /** Carries out what the {@link OutcomePolicy} decided for this outcome. */
  private Future<Void> record(WaMessage message, String claim, SendOutcome outcome) {
    metrics.outcome(device.device(), outcome.kind().name().toLowerCase(java.util.Locale.ROOT));
    OutcomePolicy.Decision decision = policy.decide(device.device(), message, outcome);
    if (decision instanceof OutcomePolicy.Sent sent) {
      return accepted(message, claim, sent, outcome);
    }
    if (decision instanceof OutcomePolicy.Settle settle) {
      if (settle.status() == MessageStatus.DEAD) {
        metrics.dead();
      }
      Future<Void> settled = settle(message, claim, settle.status(), settle.reason(), settle.detail());
      return settle.watchForCallback() ? settled.compose(v -> unknown.watch(message.id())) : settled;
    }
    if (decision instanceof OutcomePolicy.PauseDevice pause) {
      return deviceFailed(message, claim, pause);
    }
    return retryLater(message, claim, (OutcomePolicy.RetryLater) decision);
  }

  private Future<Void> accepted(WaMessage message, String claim, OutcomePolicy.Sent sent, SendOutcome outcome) {
    return messages.markSent(message.id(), sent.providerIds(), sent.detail()).compose(stored -> {
      stored.ifPresent(m -> {
        events.message(m);
        metrics.accepted(Duration.between(m.createdAt(), OffsetDateTime.now()));
      });
      Future<Void> quota = devices.recordQuota(device.device(), outcome.quota())
          .recover(e -> Future.succeededFuture()); // a quota figure is not worth a retry of the message
      return Future.all(queue.done(message.id(), claim), quota).mapEmpty();
    }, refused -> keepAnswer(message, claim, sent, refused));
  }

  /**
   * Fonnte has the message but PostgreSQL did not take 'sent': the answer goes to the journal in Redis, which
   * records it once PostgreSQL is back and stops anything from sending the message again meanwhile.
   */
  private Future<Void> keepAnswer(WaMessage message, String claim, OutcomePolicy.Sent sent, Throwable refused) {
    claimAfter = System.currentTimeMillis() + IDLE_POLL_MS;
    LOG.warn("Device {}: PostgreSQL did not record message {} as sent ({}); keeping Fonnte's answer in Redis until it can",
        device.device(), message.id(), refused.getMessage());
    return journal.keepAccepted(message.id(), claim, sent.providerIds(), sent.detail());
  }

  private Future<Void> settle(WaMessage message, String claim, MessageStatus to, String reason, JsonObject detail) {
    return messages.transition(message.id(), to, EnumSet.of(MessageStatus.SENDING), reason, 0, detail)
        .compose(moved -> {
          moved.ifPresent(events::message);
          return queue.done(message.id(), claim);
        });
  }

  /** The device, not the message, is at fault: pause it, and let the message go to another device. */
  private Future<Void> deviceFailed(WaMessage message, String claim, OutcomePolicy.PauseDevice pause) {
    LOG.warn("Device {} paused: {}", device.device(), pause.reason());
    return devices.pause(device.device(), pause.reason())
        .recover(e -> {
          LOG.error("Device {}: recording the pause failed: {}", device.device(), e.getMessage());
          return Future.succeededFuture();
        })
        .compose(v -> messages.transition(message.id(), MessageStatus.QUEUED, EnumSet.of(MessageStatus.SENDING), pause.reason(), -1,
            pause.detail()))
        .compose(moved -> {
          moved.ifPresent(events::message);
          return queue.requeue(message.id(), 0, System.currentTimeMillis(), claim);
        })
        .onSuccess(v -> events.nudge());
  }

  private Future<Void> retryLater(WaMessage message, String claim, OutcomePolicy.RetryLater retry) {
    metrics.retry();
    long now = System.currentTimeMillis();
    long due = now + retry.delayMs();
    return messages.retryLater(message.id(), retry.reason(), OffsetDateTime.ofInstant(Instant.ofEpochMilli(due), ZoneOffset.UTC),
            retry.detail())
        .compose(moved -> {
          moved.ifPresent(events::message);
          return queue.requeue(message.id(), due, now, claim);
        });
  }
}
