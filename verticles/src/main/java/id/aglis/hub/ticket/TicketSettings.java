package id.aglis.hub.ticket;

import id.aglis.hub.platform.config.ConfigReader;
import id.aglis.hub.platform.config.ConfigSection;
import id.aglis.hub.ticket.sla.BusinessHours;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code ticket} section. {@code targets}: first response / resolution in minutes of the ticket's calendar, per
 * priority ({@code "urgent=30/240, high=60/480, normal=240/1440, low=480/2880"}). {@code businessHours}: the business
 * calendar's week in WIB. {@code warningPercent}: where a target turns {@code warning} and the first escalation acts
 * (raising the priority when {@code warningRaisesPriority}, telling supervisors); at 100 % the breach escalation
 * tells supervisors and the assignee, and gives an unassigned ticket to the least-loaded supervisor when
 * {@code breachAssignsSupervisor}. {@code escalateSeconds}: how often the escalation looks for crossed thresholds.
 */
public record TicketSettings(Map<String, Targets> targets, BusinessHours businessHours, int warningPercent,
                             boolean warningRaisesPriority, boolean breachAssignsSupervisor, long escalateMillis) {

  /** A priority's targets in calendar minutes. */
  public record Targets(int responseMinutes, int resolutionMinutes) {
  }

  public static final List<String> PRIORITIES = List.of("urgent", "high", "normal", "low");

  public static final ConfigSection<TicketSettings> SECTION = new ConfigSection<>("ticket",
      new JsonObject().put("targets", "urgent=30/240, high=60/480, normal=240/1440, low=480/2880")
          .put("businessHours", "mon-fri 08:00-17:00, sat 08:00-12:00").put("warningPercent", 75)
          .put("warningRaisesPriority", true).put("breachAssignsSupervisor", true).put("escalateSeconds", 15),
      environment(), Set.of(), TicketSettings::parse);

  private static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HUB_TICKET_SLA_TARGETS", "targets");
    env.put("HUB_TICKET_BUSINESS_HOURS", "businessHours");
    env.put("HUB_TICKET_WARNING_PERCENT", "warningPercent");
    env.put("HUB_TICKET_ESCALATE_SECONDS", "escalateSeconds");
    return env;
  }

  static TicketSettings parse(ConfigReader config) {
    List<String> entries = config.list("targets", "^(urgent|high|normal|low)=\\d{1,6}/\\d{1,6}$",
        "must list each priority as 'priority=response/resolution' in minutes, e.g. 'urgent=30/240, high=60/480, normal=240/1440, low=480/2880'");
    Map<String, Targets> targets = new LinkedHashMap<>();
    for (String entry : entries) {
      String[] kv = entry.split("=");
      String[] minutes = kv[1].split("/");
      int response = Integer.parseInt(minutes[0]);
      int resolution = Integer.parseInt(minutes[1]);
      if (response < 1 || resolution < response) {
        throw config.wrong("targets", "must give each priority a response of at least 1 minute and a resolution no shorter than it", entry);
      }
      targets.put(kv[0], new Targets(response, resolution));
    }
    if (!targets.keySet().containsAll(PRIORITIES)) {
      throw config.wrong("targets", "must give targets for urgent, high, normal and low", String.join(", ", entries));
    }
    BusinessHours hours;
    try {
      hours = BusinessHours.parse(config.string("businessHours"));
    } catch (IllegalArgumentException e) {
      throw config.wrong("businessHours", "must be like 'mon-fri 08:00-17:00, sat 08:00-12:00' (" + e.getMessage() + ")",
          config.value("businessHours"));
    }
    return new TicketSettings(Map.copyOf(targets), hours, config.integer("warningPercent", 10, 99),
        config.bool("warningRaisesPriority"), config.bool("breachAssignsSupervisor"),
        config.integer("escalateSeconds", 1, 600) * 1000L);
  }

  public Targets targetsFor(String priority) {
    return targets.get(priority);
  }

  /** The thresholds the escalation acts at, in percent of a target. */
  public int[] thresholds() {
    return new int[] {warningPercent, 100};
  }

  /** What {@code GET /tickets/sla} shows. */
  public JsonObject toJson() {
    JsonObject byPriority = new JsonObject();
    PRIORITIES.forEach(p -> byPriority.put(p, new JsonObject().put("responseMinutes", targets.get(p).responseMinutes())
        .put("resolutionMinutes", targets.get(p).resolutionMinutes())));
    return new JsonObject().put("targets", byPriority)
        .put("calendars", new JsonObject().put("gangguan", "24x7").put("other", "business"))
        .put("businessHours", new JsonArray(businessHours.describe()))
        .put("escalation", new JsonArray()
            .add(new JsonObject().put("atPercent", warningPercent).put("state", "warning")
                .put("raisePriority", warningRaisesPriority).put("notify", new JsonArray().add("supervisor")))
            .add(new JsonObject().put("atPercent", 100).put("state", "breached")
                .put("notify", new JsonArray().add("supervisor").add("assignee"))
                .put("assignUnassignedTo", breachAssignsSupervisor ? "supervisor" : null)));
  }
}
