package id.aglis.hub.alert.metrics;

import id.aglis.hub.alert.rules.AlertRule;
import id.aglis.hub.bus.Addresses;
import id.aglis.hub.bus.MetricQuery;
import id.aglis.hub.bus.MetricsAnswer;
import id.aglis.hub.bus.MetricsQuery;
import id.aglis.hub.platform.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules' values across the cluster, for one evaluation round: every node that reported in the last hour is
 * asked once for all the round's queries; each rule's groups are then combined across nodes (by its
 * {@code acrossNodes}, or kept apart when it groups by {@code node}) and divided by its {@code ratioTo}.
 *
 * <p>{@value #NODE_UP} is the cluster's own series: 1 for each node that answered this round, 0 for one that
 * did not. A node that stops answering is thereby an alert, not a gap; one that stopped on purpose left the list.
 */
public final class ClusterMetrics {

  public static final String NODE_UP = "aglis_node_up";
  /** How long a node that stopped answering is still asked (and reported as down). */
  static final long REMEMBER_MS = 3_600_000;

  private final Vertx vertx;
  private final RedisAPI redis;
  private final long timeoutMs;

  public ClusterMetrics(Vertx vertx, RedisAPI redis, long timeoutMs) {
    this.vertx = vertx;
    this.redis = redis;
    this.timeoutMs = timeoutMs;
  }

  /** One rule's values this round: per group (labels), or {@code noData} when no node knows its metric. */
  public record Values(boolean noData, Map<Map<String, String>, Double> groups) {
  }

  /** Every node's answer to one round. */
  record Round(List<String> nodes, Map<String, MetricsAnswer> answers, List<MetricQuery> queries) {
  }

  /** The values of each rule, by rule id. */
  public Future<Map<Long, Values>> evaluate(List<AlertRule> rules) {
    List<MetricQuery> queries = new ArrayList<>();
    for (AlertRule rule : rules) {
      addOnce(queries, rule.query());
      if (rule.ratioTo() != null) {
        addOnce(queries, denominator(rule));
      }
    }
    return nodes().compose(nodes -> ask(nodes, queries)).map(round -> {
      Map<Long, Values> values = new HashMap<>();
      for (AlertRule rule : rules) {
        values.put(rule.id(), values(rule, round));
      }
      return values;
    });
  }

  private static void addOnce(List<MetricQuery> queries, MetricQuery query) {
    if (!queries.contains(query)) {
      queries.add(query);
    }
  }

  private static MetricQuery denominator(AlertRule rule) {
    MetricQuery q = rule.query();
    return new MetricQuery(rule.ratioTo().metric(), rule.ratioTo().filters(), q.function(), q.windowSeconds(), q.groupBy());
  }

  /** The nodes that reported in the last hour. */
  private Future<List<String>> nodes() {
    return redis.hgetall(RedisKeys.alertNodes()).map(all -> {
      long now = System.currentTimeMillis();
      List<String> nodes = new ArrayList<>();
      for (String id : all.getKeys()) {
        Response seen = all.get(id);
        if (seen != null && now - Long.parseLong(seen.toString()) <= REMEMBER_MS) {
          nodes.add(id);
        }
      }
      nodes.sort(String::compareTo);
      return nodes;
    });
  }

  private Future<Round> ask(List<String> nodes, List<MetricQuery> queries) {
    JsonObject body = new MetricsQuery(queries.stream().filter(q -> !NODE_UP.equals(q.metric())).toList()).toJson();
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMs);
    Map<String, Future<MetricsAnswer>> asked = new LinkedHashMap<>();
    for (String node : nodes) {
      asked.put(node, vertx.eventBus().<JsonObject>request(Addresses.alertMetricsQuery(node), body, options)
          .map(reply -> MetricsAnswer.fromJson(reply.body())));
    }
    return Future.join(new ArrayList<>(asked.values())).otherwiseEmpty().map(v -> {
      Map<String, MetricsAnswer> answers = new LinkedHashMap<>();
      asked.forEach((node, answer) -> {
        if (answer.succeeded()) {
          answers.put(node, answer.result());
        }
      });
      return new Round(nodes, answers, queries.stream().filter(q -> !NODE_UP.equals(q.metric())).toList());
    });
  }

  static Values values(AlertRule rule, Round round) {
    Values numerator = combined(rule, rule.query(), round);
    if (rule.ratioTo() == null || numerator.noData()) {
      return numerator;
    }
    Values denominator = combined(rule, denominator(rule), round);
    if (denominator.noData()) {
      return denominator;
    }
    Map<Map<String, String>, Double> ratios = new LinkedHashMap<>();
    denominator.groups().forEach((labels, below) -> {
      if (below > 0 && below >= rule.ratioTo().minimum()) {
        ratios.put(labels, numerator.groups().getOrDefault(labels, 0.0) / below);
      }
    });
    return new Values(false, ratios);
  }

  /** One query's groups across the nodes. */
  private static Values combined(AlertRule rule, MetricQuery query, Round round) {
    boolean byNode = query.groupBy().contains("node");
    if (NODE_UP.equals(query.metric())) {
      Map<Map<String, String>, List<Double>> perGroup = new LinkedHashMap<>();
      for (String node : round.nodes()) {
        perGroup.computeIfAbsent(byNode ? Map.of("node", node) : Map.of(), k -> new ArrayList<>())
            .add(round.answers().containsKey(node) ? 1.0 : 0.0);
      }
      return new Values(false, reduce(perGroup, AlertRule.Across.SUM));
    }
    int index = round.queries().indexOf(query);
    boolean known = false;
    Map<Map<String, String>, List<Double>> perGroup = new LinkedHashMap<>();
    for (Map.Entry<String, MetricsAnswer> entry : round.answers().entrySet()) {
      MetricsAnswer.Answer answer = entry.getValue().answers().get(index);
      known |= answer.known();
      for (MetricsAnswer.Group group : answer.groups()) {
        Map<String, String> labels = group.labels();
        if (byNode) {
          labels = new HashMap<>(labels);
          labels.put("node", entry.getKey());
          labels = Map.copyOf(labels);
        }
        perGroup.computeIfAbsent(labels, k -> new ArrayList<>()).add(group.value());
      }
    }
    if (!known) {
      return new Values(true, Map.of());
    }
    Map<Map<String, String>, Double> groups = reduce(perGroup, rule.across());
    if (groups.isEmpty() && query.groupBy().isEmpty()) {
      // The metric exists but none of its series match yet (a counter not yet counted): nothing happened.
      groups = Map.of(Map.of(), 0.0);
    }
    return new Values(false, groups);
  }

  private static Map<Map<String, String>, Double> reduce(Map<Map<String, String>, List<Double>> perGroup, AlertRule.Across across) {
    Map<Map<String, String>, Double> reduced = new LinkedHashMap<>();
    perGroup.forEach((labels, values) -> reduced.put(labels, switch (across) {
      case SUM -> values.stream().mapToDouble(Double::doubleValue).sum();
      case MAX -> values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
      case MIN -> values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
      case AVG -> values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }));
    return reduced;
  }
}
