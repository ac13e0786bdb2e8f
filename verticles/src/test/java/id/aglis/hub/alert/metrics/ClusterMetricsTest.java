package id.aglis.hub.alert.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.alert.rules.AlertRule;
import id.aglis.hub.bus.MetricQuery;
import id.aglis.hub.bus.MetricsAnswer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the nodes' answers become a rule's values: across nodes, per node, as a ratio, nodata, and nodes gone. */
class ClusterMetricsTest {

  private static AlertRule rule(JsonObject extra) {
    JsonObject json = new JsonObject().put("key", "rule-r").put("name", "R").put("metric", "m").put("function", "last")
        .put("comparator", ">").put("threshold", 0);
    extra.forEach(e -> json.put(e.getKey(), e.getValue()));
    return AlertRule.parse(json, metric -> true, null).withId(1, false);
  }

  private static MetricsAnswer.Answer answer(boolean known, Object... labelsAndValues) {
    List<MetricsAnswer.Group> groups = new java.util.ArrayList<>();
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      @SuppressWarnings("unchecked")
      Map<String, String> labels = (Map<String, String>) labelsAndValues[i];
      groups.add(new MetricsAnswer.Group(labels, ((Number) labelsAndValues[i + 1]).doubleValue()));
    }
    return new MetricsAnswer.Answer(known, groups);
  }

  private static ClusterMetrics.Round round(List<MetricQuery> queries, Map<String, List<MetricsAnswer.Answer>> byNode, String... silent) {
    Map<String, MetricsAnswer> answers = new LinkedHashMap<>();
    byNode.forEach((node, list) -> answers.put(node, new MetricsAnswer(node, list)));
    List<String> nodes = new java.util.ArrayList<>(byNode.keySet());
    nodes.addAll(List.of(silent));
    return new ClusterMetrics.Round(nodes, answers, queries);
  }

  @Test
  @DisplayName("groups are summed across nodes by default, or taken at their max; with 'node' each node is a group")
  void acrossNodes() {
    AlertRule summed = rule(new JsonObject().put("groupBy", new JsonArray().add("device")));
    MetricQuery q = summed.query();
    ClusterMetrics.Round r = round(List.of(q), Map.of("n1", List.of(answer(true, Map.of("device", "a"), 2)),
        "n2", List.of(answer(true, Map.of("device", "a"), 3, Map.of("device", "b"), 1))));
    assertThat(ClusterMetrics.values(summed, r).groups()).containsEntry(Map.of("device", "a"), 5.0).containsEntry(Map.of("device", "b"), 1.0);
    AlertRule max = rule(new JsonObject().put("groupBy", new JsonArray().add("device")).put("acrossNodes", "max"));
    assertThat(ClusterMetrics.values(max, r).groups()).containsEntry(Map.of("device", "a"), 3.0);
    AlertRule perNode = rule(new JsonObject().put("groupBy", new JsonArray().add("node")));
    ClusterMetrics.Round byNode = round(List.of(perNode.query()), Map.of("n1", List.of(answer(true, Map.of(), 7)),
        "n2", List.of(answer(true, Map.of(), 9))));
    assertThat(ClusterMetrics.values(perNode, byNode).groups()).containsEntry(Map.of("node", "n1"), 7.0).containsEntry(Map.of("node", "n2"), 9.0);
  }

  @Test
  @DisplayName("no node knows the metric: nodata; known but nothing counted yet: 0")
  void noData() {
    AlertRule r = rule(new JsonObject());
    ClusterMetrics.Round unknown = round(List.of(r.query()), Map.of("n1", List.of(answer(false)), "n2", List.of(answer(false))));
    assertThat(ClusterMetrics.values(r, unknown).noData()).isTrue();
    ClusterMetrics.Round empty = round(List.of(r.query()), Map.of("n1", List.of(answer(true))));
    assertThat(ClusterMetrics.values(r, empty).noData()).isFalse();
    assertThat(ClusterMetrics.values(r, empty).groups()).containsEntry(Map.of(), 0.0);
  }

  @Test
  @DisplayName("a ratio divides group by group; a group with nothing below it has no value")
  void ratio() {
    AlertRule r = rule(new JsonObject().put("groupBy", new JsonArray().add("device")).put("filters", new JsonObject().put("status", "failed"))
        .put("ratioTo", new JsonObject().put("metric", "m")));
    MetricQuery below = new MetricQuery("m", Map.of(), r.query().function(), r.query().windowSeconds(), r.query().groupBy());
    ClusterMetrics.Round round = round(List.of(r.query(), below), Map.of("n1", List.of(answer(true, Map.of("device", "a"), 1),
        answer(true, Map.of("device", "a"), 4, Map.of("device", "b"), 0, Map.of("device", "c"), 5))));
    assertThat(ClusterMetrics.values(r, round).groups()).containsOnly(Map.entry(Map.of("device", "a"), 0.25), Map.entry(Map.of("device", "c"), 0.0));
    AlertRule atLeastFive = rule(new JsonObject().put("groupBy", new JsonArray().add("device")).put("filters", new JsonObject().put("status", "failed"))
        .put("ratioTo", new JsonObject().put("metric", "m").put("minimum", 5)));
    assertThat(ClusterMetrics.values(atLeastFive, round).groups()).containsOnly(Map.entry(Map.of("device", "c"), 0.0));
  }

  @Test
  @DisplayName("aglis_node_up: 1 for each node that answered, 0 for one that reported lately but did not")
  void nodeUp() {
    AlertRule r = rule(new JsonObject().put("metric", ClusterMetrics.NODE_UP).put("groupBy", new JsonArray().add("node")));
    ClusterMetrics.Round round = round(List.of(), Map.of("n1", List.of()), "n2");
    assertThat(ClusterMetrics.values(r, round).groups()).containsOnly(Map.entry(Map.of("node", "n1"), 1.0), Map.entry(Map.of("node", "n2"), 0.0));
  }
}
