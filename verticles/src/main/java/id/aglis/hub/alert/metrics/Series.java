package id.aglis.hub.alert.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * One time series as {@code /metrics} shows it: the Prometheus sample name (e.g. {@code aglis_wa_sends_total},
 * {@code aglis_http_request_seconds_count}) and its labels.
 */
public record Series(String name, Map<String, String> labels) {

  public Series {
    labels = Map.copyOf(labels);
  }

  /** A stable key, labels in name order. */
  public String key() {
    StringBuilder key = new StringBuilder(name).append('{');
    new TreeMap<>(labels).forEach((k, v) -> key.append(k).append('=').append(v).append(','));
    return key.append('}').toString();
  }

  /** Whether every filter names a label this series has with that value. */
  public boolean matches(String metric, Map<String, String> filters) {
    if (!name.equals(metric)) {
      return false;
    }
    for (Map.Entry<String, String> filter : filters.entrySet()) {
      if (!filter.getValue().equals(labels.get(filter.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
