package id.aglis.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BatcherTest {

  /** A flush that doubles each input, but only when the test says so; it records every batch it was given. */
  private static final class ManualFlush {
    final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    final List<Promise<List<Integer>>> pending = new CopyOnWriteArrayList<>();

    Future<List<Integer>> flush(List<Integer> batch) {
      batches.add(batch);
      Promise<List<Integer>> promise = Promise.promise();
      pending.add(promise);
      return promise.future();
    }

    void answer(int index) {
      pending.get(index).complete(batches.get(index).stream().map(i -> i * 2).toList());
    }
  }

  @Test
  @DisplayName("a lone call goes at once; calls made while a batch is out leave together, at most maxBatch at a time")
  void groupsCallsMadeWhileABatchIsOut(Vertx vertx) throws Exception {
    ManualFlush flush = new ManualFlush();
    Batcher<Integer, Integer> batcher = new Batcher<>(3, 1, flush::flush);
    List<Future<Integer>> results = new ArrayList<>();
    results.add(batcher.submit(1));
    assertThat(flush.batches).containsExactly(List.of(1));
    for (int i = 2; i <= 6; i++) {
      results.add(batcher.submit(i));
    }
    assertThat(flush.batches).as("nothing more leaves while the first batch is out").hasSize(1);
    flush.answer(0);
    assertThat(flush.batches).containsExactly(List.of(1), List.of(2, 3, 4));
    flush.answer(1);
    assertThat(flush.batches).containsExactly(List.of(1), List.of(2, 3, 4), List.of(5, 6));
    flush.answer(2);
    List<Integer> answers = new ArrayList<>();
    for (Future<Integer> result : results) {
      answers.add(result.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
    }
    assertThat(answers).containsExactly(2, 4, 6, 8, 10, 12);
  }

  @Test
  @DisplayName("when a batch fails, each call is tried alone: the bad one fails, the others succeed")
  void aFailedBatchIsRetriedOneByOne(Vertx vertx) throws Exception {
    List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    Promise<List<Integer>> first = Promise.promise();
    Batcher<Integer, Integer> batcher = new Batcher<>(10, 1, batch -> {
      batches.add(batch);
      if (batches.size() == 1) {
        return first.future();
      }
      return batch.contains(13) ? Future.failedFuture(new IllegalArgumentException("13 is bad")) : Future.succeededFuture(batch);
    });
    Future<Integer> opener = batcher.submit(0);
    Future<Integer> good = batcher.submit(12);
    Future<Integer> bad = batcher.submit(13);
    Future<Integer> alsoGood = batcher.submit(14);
    first.complete(List.of(0));
    assertThat(opener.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)).isZero();
    assertThat(good.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(12);
    assertThat(alsoGood.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(14);
    assertThat(bad.toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(5, TimeUnit.SECONDS))
        .hasMessageContaining("13 is bad");
    assertThat(batches).containsExactly(List.of(0), List.of(12, 13, 14), List.of(12), List.of(13), List.of(14));
  }

  @Test
  @DisplayName("the retries of a failed batch go one after the other, and later calls wait until they are done")
  void retriesKeepTheirPlaceInFlight(Vertx vertx) throws Exception {
    List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    List<Promise<List<Integer>>> singles = new CopyOnWriteArrayList<>();
    Promise<List<Integer>> first = Promise.promise();
    Batcher<Integer, Integer> batcher = new Batcher<>(10, 1, batch -> {
      batches.add(batch);
      if (batches.size() == 1) {
        return first.future();
      }
      if (batch.size() > 1) {
        return Future.failedFuture(new IllegalStateException("the batch failed"));
      }
      Promise<List<Integer>> single = Promise.promise();
      singles.add(single);
      return single.future();
    });
    batcher.submit(0);
    batcher.submit(1);
    batcher.submit(2);
    first.complete(List.of(0));
    assertThat(batches).containsExactly(List.of(0), List.of(1, 2), List.of(1));
    Future<Integer> later = batcher.submit(3);
    singles.get(0).complete(List.of(1));
    assertThat(batches).as("the second retry goes only once the first is answered").endsWith(List.of(2));
    assertThat(later.isComplete()).isFalse();
    singles.get(1).complete(List.of(2));
    assertThat(batches).as("the next call leaves once the retries are done").endsWith(List.of(3));
    singles.get(2).complete(List.of(3));
    assertThat(later.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(3);
  }

  @Test
  @DisplayName("each caller's future completes on the caller's own context, whoever completes the batch")
  void completesOnTheCallersContext(Vertx vertx) throws Exception {
    Context callers = vertx.getOrCreateContext();
    Context database = vertx.getOrCreateContext();
    List<Integer> seen = new CopyOnWriteArrayList<>();
    Batcher<Integer, Integer> batcher = new Batcher<>(10, 1, batch -> {
      // Answers from another event loop, as a database client would.
      Promise<List<Integer>> answer = Promise.promise();
      database.runOnContext(v -> answer.complete(batch));
      return answer.future();
    });
    Promise<List<Boolean>> onCallersContext = Promise.promise();
    callers.runOnContext(v -> {
      List<Future<Boolean>> checks = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        checks.add(batcher.submit(i).map(result -> {
          seen.add(result);
          return Vertx.currentContext() == callers;
        }));
      }
      Future.all(checks).onComplete(all -> onCallersContext.complete(checks.stream().map(Future::result).toList()));
    });
    assertThat(onCallersContext.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
        .containsOnly(true).hasSize(5);
    assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
  }
}
