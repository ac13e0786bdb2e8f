package id.aglis.hub.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link Addresses#ALERT_METRICS_QUERY}, one query of the request: what a rule asks of every node: one metric (its series filtered by labels, summed per group), a function over
 * a window, grouped by labels ({@code node} is added by the cluster, never asked of a node).
 *
 * @param windowSeconds ignored by {@link Function#LAST}
 */
public record MetricQuery(String metric, Map<String, String> filters, Function function, int windowSeconds, List<String> groupBy) {

  /** The longest window a node keeps history for. */
  public static final int MAX_WINDOW_SECONDS = 3_600;

  public MetricQuery {
    filters = Map.copyOf(filters);
    groupBy = List.copyOf(groupBy);
  }

  /** How a window of samples becomes one value. */
  public enum Function {
    /** The value now. */
    LAST,
    AVG, MAX, MIN,
    /** The samples added up (for gauges; a counter's growth is {@link #INCREASE}). */
    SUM,
    /** A counter's growth per second over the window (resets are counted from zero). */
    RATE,
    /** A counter's growth over the window. */
    INCREASE;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Function parse(String wire) {
      for (Function f : values()) {
        if (f.wire().equals(wire)) {
          return f;
        }
      }
      return null;
    }
  }

  /** The group labels a node answers with, without {@code node}. */
  public List<String> nodeGroupBy() {
    return groupBy.stream().filter(label -> !"node".equals(label)).toList();
  }

  public JsonObject toJson() {
    return new JsonObject().put("metric", metric).put("filters", new JsonObject(new TreeMap<>(filters)))
        .put("function", function.wire()).put("windowSeconds", windowSeconds).put("groupBy", new JsonArray(groupBy));
  }

  public static MetricQuery fromJson(JsonObject json) {
    Map<String, String> filters = new TreeMap<>();
    json.getJsonObject("filters", new JsonObject()).forEach(e -> filters.put(e.getKey(), String.valueOf(e.getValue())));
    return new MetricQuery(json.getString("metric"), filters, Function.parse(json.getString("function")),
        json.getInteger("windowSeconds", 0), json.getJsonArray("groupBy", new JsonArray()).stream().map(String::valueOf).toList());
  }
}
