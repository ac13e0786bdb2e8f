package id.aglis.hub.alert.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.bus.MetricQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One node's answers to metric queries: groups summed, functions over the window, counters across a restart. */
class MetricHistoryTest {

  private static final Series SENT_A = new Series("aglis_wa_sends_total", Map.of("device", "a", "outcome", "accepted"));
  private static final Series FAILED_A = new Series("aglis_wa_sends_total", Map.of("device", "a", "outcome", "rejected"));
  private static final Series SENT_B = new Series("aglis_wa_sends_total", Map.of("device", "b", "outcome", "accepted"));
  private static final Series DEPTH = new Series("aglis_wa_queue_depth", Map.of("priority", "urgent"));

  private static Map<Series, Double> sample(Object... seriesAndValues) {
    Map<Series, Double> sample = new LinkedHashMap<>();
    for (int i = 0; i < seriesAndValues.length; i += 2) {
      sample.put((Series) seriesAndValues[i], ((Number) seriesAndValues[i + 1]).doubleValue());
    }
    return sample;
  }

  private static Map<Map<String, String>, Double> ask(MetricHistory history, MetricQuery query, long nowMs, Map<Series, Double> now) {
    return history.answer(query, nowMs, now, MetricHistory.byName(now));
  }

  @Test
  @DisplayName("rate and increase per group over the window; a counter that restarts counts from zero")
  void countersGrowPerGroup() {
    MetricHistory history = new MetricHistory(100);
    history.record(0, sample(SENT_A, 10, FAILED_A, 0, SENT_B, 100));
    history.record(5_000, sample(SENT_A, 20, FAILED_A, 1, SENT_B, 110));
    history.record(10_000, sample(SENT_A, 5, FAILED_A, 1, SENT_B, 120)); // node restarted: A's counter began again
    Map<Series, Double> now = sample(SENT_A, 15, FAILED_A, 3, SENT_B, 130);
    MetricQuery increase = new MetricQuery("aglis_wa_sends_total", Map.of(), MetricQuery.Function.INCREASE, 60, List.of("device"));
    Map<Map<String, String>, Double> grown = ask(history, increase, 20_000, now);
    // a: 10→20 (+10), 20→5 (restart, +5), 5→15 (+10) = 25, plus the rejected 0→1→1→3 = 3; b: 100→130 = 30.
    assertThat(grown).containsEntry(Map.of("device", "a"), 28.0).containsEntry(Map.of("device", "b"), 30.0);
    MetricQuery rate = new MetricQuery("aglis_wa_sends_total", Map.of("outcome", "accepted"), MetricQuery.Function.RATE, 60, List.of());
    assertThat(ask(history, rate, 20_000, now)).containsEntry(Map.of(), (25.0 + 30.0) / 20.0);
  }

  @Test
  @DisplayName("avg, max, min, sum over the window include this moment; last is this moment; old samples fall out")
  void gaugesOverTheWindow() {
    MetricHistory history = new MetricHistory(100);
    history.record(0, sample(DEPTH, 100));
    history.record(50_000, sample(DEPTH, 10));
    history.record(55_000, sample(DEPTH, 20));
    Map<Series, Double> now = sample(DEPTH, 30);
    long at = 60_000;
    assertThat(ask(history, query(MetricQuery.Function.AVG, 30), at, now)).containsEntry(Map.of(), 20.0);
    assertThat(ask(history, query(MetricQuery.Function.MAX, 30), at, now)).containsEntry(Map.of(), 30.0);
    assertThat(ask(history, query(MetricQuery.Function.MAX, 60), at, now)).containsEntry(Map.of(), 100.0);
    assertThat(ask(history, query(MetricQuery.Function.MIN, 30), at, now)).containsEntry(Map.of(), 10.0);
    assertThat(ask(history, query(MetricQuery.Function.SUM, 30), at, now)).containsEntry(Map.of(), 60.0);
    assertThat(ask(history, query(MetricQuery.Function.LAST, 0), at, now)).containsEntry(Map.of(), 30.0);
  }

  @Test
  @DisplayName("a metric this node never had gives no group and is not among its names")
  void unknownMetric() {
    MetricHistory history = new MetricHistory(10);
    history.record(0, sample(DEPTH, 1));
    Map<Series, Double> now = sample(DEPTH, 2);
    MetricQuery missing = new MetricQuery("aglis_nothing", Map.of(), MetricQuery.Function.LAST, 0, List.of());
    assertThat(ask(history, missing, 1_000, now)).isEmpty();
    assertThat(history.names(MetricHistory.byName(now))).containsExactly("aglis_wa_queue_depth");
  }

  private static MetricQuery query(MetricQuery.Function function, int windowSeconds) {
    return new MetricQuery("aglis_wa_queue_depth", Map.of(), function, windowSeconds, List.of());
  }
}
