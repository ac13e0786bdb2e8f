package id.aglis.hub.alert.metrics;

import id.aglis.hub.bus.MetricQuery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node's recent samples of all its series (every {@code sampleMs}, for an hour), and the answers to
 * {@link MetricQuery metric queries} over them. Each query also takes the values of this moment, so a rule on
 * {@code last} sees a change at its next evaluation, not at the next sample.
 *
 * <p>Memory: a ring of doubles per series (a few hundred series × 720 samples, about 2 MB). A series that has had
 * no value for a whole ring is dropped.
 *
 * <p>Threading: confined to the verticle that owns it.
 */
public final class MetricHistory {

  private final int capacity;
  private final long[] times;
  private final Map<Series, double[]> rings = new HashMap<>();
  /** The rings' series by name: a query looks at its metric's few series, not at all of them. */
  private final Map<String, List<Series>> ringsByName = new HashMap<>();
  /** The slot the next sample goes to, and how many slots hold one. */
  private int next;
  private int size;

  public MetricHistory(int capacity) {
    this.capacity = capacity;
    this.times = new long[capacity];
  }

  public void record(long atMs, Map<Series, Double> sample) {
    int slot = next;
    times[slot] = atMs;
    for (double[] ring : rings.values()) {
      ring[slot] = Double.NaN;
    }
    sample.forEach((series, value) -> rings.computeIfAbsent(series, this::newRing)[slot] = value);
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
    if (next == 0 && rings.values().removeIf(MetricHistory::allMissing)) {
      ringsByName.clear();
      rings.keySet().forEach(s -> ringsByName.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s));
    }
  }

  private double[] newRing(Series series) {
    ringsByName.computeIfAbsent(series.name(), n -> new ArrayList<>()).add(series);
    return empty();
  }

  /** This moment's sample by series name, once per request for all its queries. */
  public static Map<String, List<Series>> byName(Map<Series, Double> now) {
    Map<String, List<Series>> byName = new HashMap<>();
    now.keySet().forEach(s -> byName.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s));
    return byName;
  }

  private double[] empty() {
    double[] ring = new double[capacity];
    Arrays.fill(ring, Double.NaN);
    return ring;
  }

  private static boolean allMissing(double[] ring) {
    for (double v : ring) {
      if (!Double.isNaN(v)) {
        return false;
      }
    }
    return true;
  }

  /** The names of the series known here, now or in the history. */
  public Set<String> names(Map<String, List<Series>> nowByName) {
    Set<String> names = new HashSet<>(nowByName.keySet());
    names.addAll(ringsByName.keySet());
    return names;
  }

  /**
   * The query's value per group on this node, {@code now} being this moment's sample taken at {@code nowMs}. A group
   * whose function has too few points (a rate needs two) is left out.
   */
  public Map<Map<String, String>, Double> answer(MetricQuery query, long nowMs, Map<Series, Double> now,
                                                 Map<String, List<Series>> nowByName) {
    Map<Map<String, String>, List<Series>> groups = new LinkedHashMap<>();
    List<String> groupBy = query.nodeGroupBy();
    for (Series series : union(query, now, nowByName)) {
      Map<String, String> key = new HashMap<>();
      for (String label : groupBy) {
        key.put(label, series.labels().getOrDefault(label, ""));
      }
      groups.computeIfAbsent(Map.copyOf(key), k -> new ArrayList<>()).add(series);
    }
    Map<Map<String, String>, Double> answers = new LinkedHashMap<>();
    groups.forEach((labels, members) -> {
      Double value = value(query, members, nowMs, now);
      if (value != null) {
        answers.put(labels, value);
      }
    });
    return answers;
  }

  private List<Series> union(MetricQuery query, Map<Series, Double> now, Map<String, List<Series>> nowByName) {
    List<Series> matching = new ArrayList<>();
    for (Series s : nowByName.getOrDefault(query.metric(), List.of())) {
      if (s.matches(query.metric(), query.filters())) {
        matching.add(s);
      }
    }
    for (Series s : ringsByName.getOrDefault(query.metric(), List.of())) {
      if (!now.containsKey(s) && s.matches(query.metric(), query.filters())) {
        matching.add(s);
      }
    }
    return matching;
  }

  private Double value(MetricQuery query, List<Series> members, long nowMs, Map<Series, Double> now) {
    if (query.function() == MetricQuery.Function.LAST) {
      double sum = 0;
      boolean any = false;
      for (Series s : members) {
        Double v = now.get(s);
        if (v != null) {
          sum += v;
          any = true;
        }
      }
      return any ? sum : null;
    }
    long from = nowMs - query.windowSeconds() * 1000L;
    return switch (query.function()) {
      case RATE, INCREASE -> growth(members, from, nowMs, now, query.function() == MetricQuery.Function.RATE);
      default -> overTime(query.function(), members, from, now);
    };
  }

  /** The slots inside the window, oldest first. */
  private int[] slotsSince(long fromMs) {
    int[] slots = new int[size];
    int count = 0;
    for (int i = size; i >= 1; i--) {
      int slot = Math.floorMod(next - i, capacity);
      if (times[slot] >= fromMs) {
        slots[count++] = slot;
      }
    }
    return Arrays.copyOf(slots, count);
  }

  private Double overTime(MetricQuery.Function function, List<Series> members, long fromMs, Map<Series, Double> now) {
    List<Double> points = new ArrayList<>();
    for (int slot : slotsSince(fromMs)) {
      double sum = 0;
      boolean any = false;
      for (Series s : members) {
        double[] ring = rings.get(s);
        if (ring != null && !Double.isNaN(ring[slot])) {
          sum += ring[slot];
          any = true;
        }
      }
      if (any) {
        points.add(sum);
      }
    }
    Double current = null;
    for (Series s : members) {
      Double v = now.get(s);
      if (v != null) {
        current = (current == null ? 0 : current) + v;
      }
    }
    if (current != null) {
      points.add(current);
    }
    if (points.isEmpty()) {
      return null;
    }
    return switch (function) {
      case AVG -> points.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      case MAX -> points.stream().mapToDouble(Double::doubleValue).max().orElse(0);
      case MIN -> points.stream().mapToDouble(Double::doubleValue).min().orElse(0);
      default -> points.stream().mapToDouble(Double::doubleValue).sum();
    };
  }

  /** A counter group's growth over the window (per second when {@code perSecond}); a drop is a restart from zero. */
  private Double growth(List<Series> members, long fromMs, long nowMs, Map<Series, Double> now, boolean perSecond) {
    int[] slots = slotsSince(fromMs);
    double total = 0;
    long earliest = Long.MAX_VALUE;
    boolean any = false;
    for (Series s : members) {
      double[] ring = rings.get(s);
      Double previous = null;
      long first = -1;
      double increase = 0;
      for (int slot : slots) {
        double v = ring == null ? Double.NaN : ring[slot];
        if (Double.isNaN(v)) {
          continue;
        }
        if (previous == null) {
          first = times[slot];
        } else {
          increase += v >= previous ? v - previous : v;
        }
        previous = v;
      }
      Double current = now.get(s);
      if (current != null) {
        if (previous == null) {
          continue; // one point: no growth to measure yet
        }
        increase += current >= previous ? current - previous : current;
      } else if (previous == null || first < 0) {
        continue;
      }
      total += increase;
      earliest = Math.min(earliest, first);
      any = true;
    }
    if (!any) {
      return null;
    }
    if (!perSecond) {
      return total;
    }
    double seconds = (nowMs - earliest) / 1000.0;
    return seconds <= 0 ? null : total / seconds;
  }
}
