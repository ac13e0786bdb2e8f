package id.aglis.hub.platform;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Groups concurrent calls into one round trip ("smart batching"). A call made while fewer than
 * {@code maxInFlight} batches are out goes at once, alone, so a quiet system waits for nothing; calls
 * made while the batches are out queue up and leave together, up to {@code maxBatch} at a time, as soon
 * as one comes back. Under load a round trip thus carries everything that arrived during the last one:
 * one commit for many rows, one script call for many queue operations.
 *
 * <p>When a batch fails, each of its calls is tried again alone, one after the other, so one bad call
 * fails by itself and not its neighbours. A flush must therefore be all-or-nothing (one database
 * transaction) or idempotent (a Redis script that may be run twice).
 *
 * <p>The flush runs on whichever thread sends the batch: the caller's, or the one that completed the
 * previous batch (possibly another event loop), so it must only start asynchronous work.
 *
 * <p>Safe to use from any thread: each caller's future completes on the caller's own context, as if it
 * had made the call itself.
 *
 * @param <I> one call's input
 * @param <O> one call's result; {@code flush} answers with one per input, in the same order
 */
public final class Batcher<I, O> {

  private final int maxBatch;
  private final int maxInFlight;
  private final Function<List<I>, Future<List<O>>> flush;
  private final ArrayDeque<Pending<I, O>> waiting = new ArrayDeque<>();
  private int inFlight;

  private record Pending<I, O>(I input, Promise<O> promise, Context context) {
  }

  /**
   * Rows or queue operations one round trip carries at most: enough to amortise a commit, few enough that a
   * batch holds its locks briefly.
   */
  public static final int DEFAULT_MAX_BATCH = 256;

  /**
   * With the defaults every user of it has: {@link #DEFAULT_MAX_BATCH}, and one batch out at a time (measured
   * with the dispatch benchmark: two or four out at once made the batches smaller and the throughput lower).
   */
  public Batcher(Function<List<I>, Future<List<O>>> flush) {
    this(DEFAULT_MAX_BATCH, 1, flush);
  }

  public Batcher(int maxBatch, int maxInFlight, Function<List<I>, Future<List<O>>> flush) {
    if (maxBatch < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("maxBatch and maxInFlight must be at least 1");
    }
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
    this.flush = flush;
  }

  public Future<O> submit(I input) {
    Promise<O> promise = Promise.promise();
    synchronized (this) {
      waiting.add(new Pending<>(input, promise, Vertx.currentContext()));
    }
    drain();
    return promise.future();
  }

  /** Sends batches while there is room in flight and calls waiting. */
  private void drain() {
    while (true) {
      List<Pending<I, O>> batch;
      synchronized (this) {
        if (waiting.isEmpty() || inFlight >= maxInFlight) {
          return;
        }
        inFlight++;
        batch = new ArrayList<>(Math.min(maxBatch, waiting.size()));
        while (batch.size() < maxBatch && !waiting.isEmpty()) {
          batch.add(waiting.poll());
        }
      }
      send(batch);
    }
  }

  private void send(List<Pending<I, O>> batch) {
    flushSafely(batch).onComplete(done -> {
      if (done.failed() && batch.size() > 1) {
        // One at a time, still holding this batch's place in flight: the retries neither swamp the store
        // nor let a later batch overtake them.
        alone(batch, 0).onComplete(v -> finished());
      } else {
        complete(batch, done.succeeded() ? done.result() : null, done.cause());
        finished();
      }
    });
  }

  private void finished() {
    synchronized (this) {
      inFlight--;
    }
    drain();
  }

  /** The calls of a failed batch from {@code index} on, each on its own, one after the other. */
  private Future<Void> alone(List<Pending<I, O>> batch, int index) {
    if (index >= batch.size()) {
      return Future.succeededFuture();
    }
    List<Pending<I, O>> one = List.of(batch.get(index));
    return flushSafely(one).transform(done -> {
      complete(one, done.succeeded() ? done.result() : null, done.cause());
      return alone(batch, index + 1);
    });
  }

  private Future<List<O>> flushSafely(List<Pending<I, O>> batch) {
    try {
      Future<List<O>> results = flush.apply(batch.stream().map(Pending::input).toList());
      return results == null ? Future.failedFuture(new IllegalStateException("the flush returned no future")) : results;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Completes each caller on its own context: one hop per context, not one per call. */
  private static <I, O> void complete(List<Pending<I, O>> batch, List<O> results, Throwable failure) {
    if (failure == null && (results == null || results.size() != batch.size())) {
      failure = new IllegalStateException("a batch of " + batch.size() + " answered " + (results == null ? "nothing" : results.size()));
    }
    Map<Context, List<Runnable>> byContext = new IdentityHashMap<>();
    List<Runnable> here = new ArrayList<>();
    Context current = Vertx.currentContext();
    for (int i = 0; i < batch.size(); i++) {
      Pending<I, O> pending = batch.get(i);
      Throwable cause = failure;
      O result = failure == null ? results.get(i) : null;
      Runnable completion = () -> {
        if (cause == null) {
          pending.promise().complete(result);
        } else {
          pending.promise().fail(cause);
        }
      };
      if (pending.context() == null || pending.context() == current) {
        here.add(completion);
      } else {
        byContext.computeIfAbsent(pending.context(), c -> new ArrayList<>()).add(completion);
      }
    }
    byContext.forEach((context, completions) -> context.runOnContext(v -> completions.forEach(Runnable::run)));
    here.forEach(Runnable::run);
  }
}
