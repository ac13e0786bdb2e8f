package id.aglis.hub.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link Addresses#ALERT_METRICS_QUERY}, the reply: one node's answers, in the order of the queries.
 *
 * @param nodeId the node that answered
 * @param answers per query: whether the metric exists on this node at all, and its value per group
 */
public record MetricsAnswer(String nodeId, List<Answer> answers) {

  public MetricsAnswer {
    answers = List.copyOf(answers);
  }

  /** One query's answer on one node. */
  public record Answer(boolean known, List<Group> groups) {

    public Answer {
      groups = List.copyOf(groups);
    }

    public JsonObject toJson() {
      return new JsonObject().put("known", known).put("groups", new JsonArray(groups.stream().map(Group::toJson).toList()));
    }

    public static Answer fromJson(JsonObject json) {
      return new Answer(json.getBoolean("known", false), json.getJsonArray("groups", new JsonArray()).stream()
          .map(JsonObject.class::cast).map(Group::fromJson).toList());
    }
  }

  /** A group's labels (the query's {@code groupBy}) and its value. */
  public record Group(Map<String, String> labels, double value) {

    public Group {
      labels = Map.copyOf(labels);
    }

    public JsonObject toJson() {
      return new JsonObject().put("labels", new JsonObject(new TreeMap<>(labels))).put("value", value);
    }

    public static Group fromJson(JsonObject json) {
      Map<String, String> labels = new TreeMap<>();
      json.getJsonObject("labels", new JsonObject()).forEach(e -> labels.put(e.getKey(), String.valueOf(e.getValue())));
      return new Group(labels, json.getDouble("value"));
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("nodeId", nodeId).put("answers", new JsonArray(answers.stream().map(Answer::toJson).toList()));
  }

  public static MetricsAnswer fromJson(JsonObject json) {
    return new MetricsAnswer(json.getString("nodeId"), json.getJsonArray("answers", new JsonArray()).stream()
        .map(JsonObject.class::cast).map(Answer::fromJson).toList());
  }
}
