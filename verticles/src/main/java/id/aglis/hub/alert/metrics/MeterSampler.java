package id.aglis.hub.alert.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.core.instrument.distribution.HistogramSupport;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Reads this node's meters as the series {@code /metrics} shows: the registry's Prometheus naming, plus the
 * suffixes the exposition adds ({@code _total} for counters; {@code _count}, {@code _sum}, {@code _max} for timers
 * and summaries; {@code quantile} labels for published percentiles). Times are in seconds, as on {@code /metrics}.
 * A test checks every name against a real scrape, so a rule can name what an operator sees there.
 */
public final class MeterSampler {

  private final MeterRegistry registry;
  private final NamingConvention naming;
  /** Names and labels per meter, worked out once (a registry holds a few hundred meters; they rarely change). */
  private final Map<Meter.Id, Named> named = new ConcurrentHashMap<>();

  private record Named(String base, Map<String, String> labels) {
  }

  public MeterSampler(MeterRegistry registry) {
    this.registry = registry;
    this.naming = registry.config().namingConvention();
  }

  /** Every series of this node and its value now (NaN values, e.g. a gauge whose object is gone, are left out). */
  public Map<Series, Double> sample() {
    Map<Series, Double> values = new LinkedHashMap<>();
    for (Meter meter : registry.getMeters()) {
      read(meter, values);
    }
    return values;
  }

  /**
   * The series named {@code names} (full names as on {@code /metrics}), and whatever else their meters give: what
   * one evaluation round asks of a node, without measuring the few hundred meters no rule names every second.
   */
  public Map<Series, Double> sample(java.util.Set<String> names) {
    Map<Series, Double> values = new LinkedHashMap<>();
    for (Meter meter : registry.getMeters()) {
      String base = named.computeIfAbsent(meter.getId(), this::name).base();
      for (String wanted : names) {
        if (wanted.startsWith(base)) {
          read(meter, values);
          break;
        }
      }
    }
    return values;
  }

  private void read(Meter meter, Map<Series, Double> into) {
    Named name = named.computeIfAbsent(meter.getId(), this::name);
    Meter.Type type = meter.getId().getType();
    for (Measurement measurement : meter.measure()) {
      String suffix = suffix(type, measurement.getStatistic());
      if (suffix != null) {
        String full = name.base().endsWith(suffix) ? name.base() : name.base() + suffix;
        put(into, new Series(full, name.labels()), measurement.getValue());
      }
    }
    if (meter instanceof HistogramSupport histogram && (type == Meter.Type.TIMER || type == Meter.Type.DISTRIBUTION_SUMMARY)) {
      for (ValueAtPercentile p : histogram.takeSnapshot().percentileValues()) {
        Map<String, String> labels = new HashMap<>(name.labels());
        labels.put("quantile", Double.toString(p.percentile()));
        put(into, new Series(name.base(), labels), type == Meter.Type.TIMER ? p.value(TimeUnit.SECONDS) : p.value());
      }
    }
  }

  private static void put(Map<Series, Double> into, Series series, double value) {
    if (!Double.isNaN(value)) {
      into.put(series, value);
    }
  }

  private Named name(Meter.Id id) {
    Map<String, String> labels = new HashMap<>();
    for (Tag tag : id.getTagsAsIterable()) {
      labels.put(naming.tagKey(tag.getKey()), tag.getValue());
    }
    return new Named(naming.name(id.getName(), id.getType(), id.getBaseUnit()), Map.copyOf(labels));
  }

  /** The exposition's suffix for one statistic of a meter type, or null when {@code /metrics} does not show it. */
  private static String suffix(Meter.Type type, Statistic statistic) {
    return switch (type) {
      case COUNTER -> statistic == Statistic.COUNT ? "_total" : null;
      case GAUGE -> statistic == Statistic.VALUE ? "" : null;
      case TIMER, DISTRIBUTION_SUMMARY -> switch (statistic) {
        case COUNT -> "_count";
        case TOTAL, TOTAL_TIME -> "_sum";
        case MAX -> "_max";
        default -> null;
      };
      case LONG_TASK_TIMER -> switch (statistic) {
        case ACTIVE_TASKS -> "_active_count";
        case DURATION -> "_duration_sum";
        case MAX -> "_max";
        default -> null;
      };
      case OTHER -> switch (statistic) {
        case COUNT -> "_count";
        case TOTAL, TOTAL_TIME -> "_sum";
        case VALUE -> "";
        default -> null;
      };
    };
  }
}
