package id.aglis.hub.dispatch;

import id.aglis.hub.dispatch.queue.DispatchQueue;
import id.aglis.hub.dispatch.send.OutcomeJournal;
import id.aglis.hub.dispatch.send.UnknownSends;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Redis queue true to PostgreSQL, so nothing accepted is ever lost: a message committed but
 * not queued (Redis failed right after the commit), or a queue wiped by a flush or a restart without its
 * append-only file, is queued again from the record. Runs as a cluster singleton.
 *
 * <p>It sweeps at once when the queue's marker key is gone (Redis lost its data), and every
 * {@link #SWEEP_EVERY_MS} anyway. Messages touched in the last few seconds are left alone: they are on
 * their way in or out of the queue right now.
 */
public final class Reconciler extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  static final long CHECK_EVERY_MS = 1_000;
  static final long SWEEP_EVERY_MS = 30_000;
  private static final long SETTLING_MS = 5_000;
  private static final int PAGE = 500;

  private final MessageRepository messages;
  private final DispatchQueue queue;
  private final UnknownSends unknown;
  private final OutcomeJournal journal;
  private final Devices devices;
  private final long leaseMs;
  private final long unknownWindowMs;
  private long lastSweep;
  private boolean running;
  private boolean replaying;

  public Reconciler(MessageRepository messages, DispatchQueue queue, UnknownSends unknown, OutcomeJournal journal, Devices devices,
                    long leaseMs, long unknownWindowMs) {
    this.journal = journal;
    this.messages = messages;
    this.queue = queue;
    this.unknown = unknown;
    this.devices = devices;
    this.leaseMs = leaseMs;
    this.unknownWindowMs = unknownWindowMs;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(CHECK_EVERY_MS, t -> check());
    vertx.setPeriodic(CHECK_EVERY_MS, t -> replayJournal());
    return Future.succeededFuture();
  }

  private void check() {
    if (running) {
      return;
    }
    running = true;
    queue.intact()
        .compose(intact -> {
          boolean due = System.currentTimeMillis() - lastSweep >= SWEEP_EVERY_MS;
          if (intact && !due) {
            return Future.succeededFuture();
          }
          // Pauses live in Redis too: an operator's pause must survive a flush.
          Future<Void> pauses = intact ? Future.succeededFuture() : devices.restorePauses();
          return pauses.compose(v -> sweep(0, 0, !intact)).compose(requeued -> {
            lastSweep = System.currentTimeMillis();
            if (requeued > 0) {
              LOG.warn("{} message(s) recorded in PostgreSQL were missing from the Redis queue{}; queued them again", requeued,
                  intact ? "" : " (Redis lost its data)");
            }
            return queue.markIntact();
          });
        })
        .onFailure(e -> LOG.warn("Reconciliation failed: {}", e.getMessage()))
        .onComplete(done -> running = false);
  }

  /**
   * Records the provider answers kept while PostgreSQL was away (see OutcomeJournal), a page a second; on its own
   * timer, so that a sweep of many pages cannot hold it up.
   */
  private void replayJournal() {
    if (replaying) {
      return;
    }
    replaying = true;
    journal.replayAll()
        .onFailure(e -> LOG.warn("Provider answers kept in Redis could not be recorded yet: {}", e.getMessage()))
        .onComplete(done -> replaying = false);
  }

  /** Walks the live messages in pages; returns how many it put back. */
  private Future<Integer> sweep(long afterSeq, int requeuedSoFar, boolean rebuild) {
    return messages.live(afterSeq, PAGE).compose(page -> {
      if (page.isEmpty()) {
        return Future.succeededFuture(requeuedSoFar);
      }
      List<Future<Boolean>> checks = new ArrayList<>();
      for (MessageRepository.Live live : page) {
        checks.add(repair(live, rebuild).recover(e -> {
          LOG.warn("Could not reconcile message {}: {}", live.id(), e.getMessage());
          return Future.succeededFuture(false);
        }));
      }
      return Future.all(checks).compose(done -> {
        int requeued = (int) checks.stream().filter(Future::result).count();
        return page.size() < PAGE ? Future.succeededFuture(requeuedSoFar + requeued)
            : sweep(page.get(page.size() - 1).seq(), requeuedSoFar + requeued, rebuild);
      });
    });
  }

  /**
   * Queues one live message again if Redis does not know it. After Redis lost its data ({@code rebuild}),
   * every waiting message is put back at once; a message being sent right now is left to its node for as
   * long as its lease would have lasted.
   */
  private Future<Boolean> repair(MessageRepository.Live live, boolean rebuild) {
    if (live.status() == MessageStatus.UNKNOWN) {
      // Waiting for evidence: make sure something will settle it (no-op when already watched).
      return unknown.ensureWatched(live.id(), live.updatedAt().toInstant().toEpochMilli() + unknownWindowMs).map(false);
    }
    long settling = live.status() == MessageStatus.SENDING ? leaseMs : rebuild ? 0 : SETTLING_MS;
    if (live.updatedAt().isAfter(OffsetDateTime.now().minusNanos(settling * 1_000_000))) {
      return Future.succeededFuture(false);
    }
    return queue.knows(live.id()).compose(known -> known ? Future.succeededFuture(false) : requeueUnlessAnswered(live));
  }

  /**
   * A 'sending' message whose provider answer is in the journal was sent: it is recorded, not queued again.
   * Any other message Redis forgot goes back to the queue.
   */
  private Future<Boolean> requeueUnlessAnswered(MessageRepository.Live live) {
    return journal.replay(live.id()).compose(answered -> {
      if (answered) {
        return Future.succeededFuture(false);
      }
      // A 'sending' message that Redis forgot lost its lease with the data: claiming it again turns it into
      // 'unknown', which waits for evidence instead of resending blindly.
      long due = live.notBefore() == null ? 0 : live.notBefore().toInstant().toEpochMilli();
      return queue.enqueue(live.id(), live.priority(), live.seq(), live.pinnedDevice(), due).map(true);
    });
  }
}
