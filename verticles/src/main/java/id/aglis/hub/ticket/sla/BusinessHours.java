package id.aglis.hub.ticket.sla;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The weekly opening hours of the business calendar, as operators write them: {@code "mon-fri 08:00-17:00,
 * sat 08:00-12:00"} (days as a range or one day, one window each, comma separated; WIB).
 */
public record BusinessHours(Map<DayOfWeek, Window> days) {

  /** One day's window, start inclusive, end exclusive. */
  public record Window(LocalTime start, LocalTime end) {
  }

  private static final Pattern ENTRY = Pattern.compile("^(mon|tue|wed|thu|fri|sat|sun)(?:-(mon|tue|wed|thu|fri|sat|sun))?\\s+"
      + "([01]\\d|2[0-3]):([0-5]\\d)-([01]\\d|2[0-4]):([0-5]\\d)$");
  private static final List<String> NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  public BusinessHours {
    days = Map.copyOf(days);
  }

  /** Parses the operators' form; an IllegalArgumentException says what is wrong. */
  public static BusinessHours parse(String text) {
    Map<DayOfWeek, Window> days = new EnumMap<>(DayOfWeek.class);
    for (String raw : text.toLowerCase(Locale.ROOT).split(",")) {
      String entry = raw.strip().replaceAll("\\s+", " ");
      Matcher m = ENTRY.matcher(entry);
      if (!m.matches()) {
        throw new IllegalArgumentException("'" + entry + "' is not like 'mon-fri 08:00-17:00'");
      }
      int from = NAMES.indexOf(m.group(1));
      int to = m.group(2) == null ? from : NAMES.indexOf(m.group(2));
      LocalTime start = LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
      int endHour = Integer.parseInt(m.group(5));
      LocalTime end = endHour == 24 ? LocalTime.MAX : LocalTime.of(endHour, Integer.parseInt(m.group(6)));
      if (!end.isAfter(start) || to < from) {
        throw new IllegalArgumentException("'" + entry + "' must end after it starts");
      }
      for (int d = from; d <= to; d++) {
        if (days.put(DayOfWeek.of(d + 1), new Window(start, end)) != null) {
          throw new IllegalArgumentException("'" + entry + "' names a day twice");
        }
      }
    }
    if (days.isEmpty()) {
      throw new IllegalArgumentException("at least one day is needed");
    }
    return new BusinessHours(days);
  }

  /** Back in the operators' form, for {@code GET /tickets/sla}. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    days.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.add(NAMES.get(e.getKey().getValue() - 1) + " "
        + e.getValue().start() + "-" + (e.getValue().end().equals(LocalTime.MAX) ? "24:00" : e.getValue().end().toString())));
    return out;
  }
}
