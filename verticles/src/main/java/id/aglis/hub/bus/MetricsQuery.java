package id.aglis.hub.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** {@link Addresses#ALERT_METRICS_QUERY}, the request: the queries of one evaluation round. */
public record MetricsQuery(List<MetricQuery> queries) {

  public MetricsQuery {
    queries = List.copyOf(queries);
  }

  public JsonObject toJson() {
    return new JsonObject().put("queries", new JsonArray(queries.stream().map(MetricQuery::toJson).toList()));
  }

  public static MetricsQuery fromJson(JsonObject json) {
    return new MetricsQuery(json.getJsonArray("queries", new JsonArray()).stream().map(JsonObject.class::cast)
        .map(MetricQuery::fromJson).toList());
  }
}
