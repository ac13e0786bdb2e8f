package id.aglis.hub.ticket.sla;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * One ticket's SLA clock at an instant: the calendar time spent (what was spent before the clock last resumed plus
 * the calendar time since; nothing while paused), measured against the first-response and resolution targets.
 *
 * @param spentS          calendar seconds spent before {@code resumedAt}
 * @param resumedAt       when the clock last started running, or null while paused or stopped
 * @param responseSpentS  the spend at the first response, or null before it
 * @param open            whether the ticket is still being worked (not resolved or closed)
 */
public record SlaClock(SlaCalendar calendar, int responseTargetMin, int resolutionTargetMin, long spentS, Instant resumedAt,
                       Long responseSpentS, Instant firstResponseAt, Instant resolvedAt, boolean open, int warningPercent) {

  public static final String OK = "ok";
  public static final String WARNING = "warning";
  public static final String BREACHED = "breached";
  public static final String RESPONSE = "response";
  public static final String RESOLUTION = "resolution";

  /** One target at an instant. {@code leftSeconds}: wall-clock seconds to {@code dueAt}, or calendar seconds while paused. */
  public record Target(String name, int targetMinutes, Instant dueAt, Instant metAt, long spent, boolean running, long leftSeconds) {

    public int percent() {
      return (int) Math.min(999, spent * 100 / (targetMinutes * 60L));
    }

    public String state(int warningPercent) {
      int percent = percent();
      return percent >= 100 ? BREACHED : percent >= warningPercent ? WARNING : OK;
    }
  }

  public long spent(Instant now) {
    return spentS + (resumedAt == null ? 0 : calendar.secondsBetween(resumedAt, now));
  }

  public boolean paused() {
    return open && resumedAt == null;
  }

  public Target response(Instant now) {
    boolean running = open && firstResponseAt == null;
    long spent = responseSpentS != null ? responseSpentS : spent(now);
    return target(RESPONSE, responseTargetMin, running, spent, firstResponseAt, now);
  }

  public Target resolution(Instant now) {
    return target(RESOLUTION, resolutionTargetMin, open, spent(now), resolvedAt, now);
  }

  private Target target(String name, int minutes, boolean running, long spent, Instant metAt, Instant now) {
    long targetS = minutes * 60L;
    Instant due = null;
    long left = targetS - spent;
    if (running && resumedAt != null && targetS >= spentS) {
      due = calendar.plus(resumedAt, targetS - spentS);
      left = Duration.between(now, due).getSeconds();
    }
    return new Target(name, minutes, due, running ? null : metAt, spent, running, left);
  }

  /** The worst state of the targets still running ({@code ok} when none is). */
  public String state(Instant now) {
    String worst = OK;
    for (Target t : new Target[] {response(now), resolution(now)}) {
      if (t.running()) {
        String s = t.state(warningPercent);
        if (BREACHED.equals(s) || (WARNING.equals(s) && OK.equals(worst))) {
          worst = s;
        }
      }
    }
    return worst;
  }

  /**
   * When the escalation must next look at the ticket: the earliest crossing of a threshold ({@code thresholds} in
   * percent) not yet in {@code fired} ("response:75"), on a running target; a crossing in the past is now. Null when
   * none is ahead (paused, stopped, or all fired).
   */
  public Instant nextCheck(Instant now, int[] thresholds, Set<String> fired) {
    if (resumedAt == null) {
      return null;
    }
    Instant next = null;
    for (Target t : new Target[] {response(now), resolution(now)}) {
      if (!t.running()) {
        continue;
      }
      for (int percent : thresholds) {
        if (fired.contains(t.name() + ":" + percent)) {
          continue;
        }
        long crossing = (t.targetMinutes() * 60L * percent + 99) / 100;
        Instant at = crossing <= spentS ? now : calendar.plus(resumedAt, crossing - spentS);
        if (next == null || at.isBefore(next)) {
          next = at;
        }
      }
    }
    return next != null && next.isBefore(now) ? now : next;
  }

  /** The thresholds ({@code "response:75"}) this clock has crossed by {@code now}, met targets included. */
  public java.util.Set<String> crossed(Instant now, int[] thresholds) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Target t : new Target[] {response(now), resolution(now)}) {
      for (int percent : thresholds) {
        if (t.spent() * 100 >= (long) t.targetMinutes() * 60 * percent) {
          out.add(t.name() + ":" + percent);
        }
      }
    }
    return out;
  }

  /** The {@code sla} object of a ticket's JSON. */
  public JsonObject toJson(Instant now) {
    Target response = response(now);
    Target resolution = resolution(now);
    Target nearest = null;
    for (Target t : new Target[] {response, resolution}) {
      if (t.running() && (nearest == null || t.leftSeconds() < nearest.leftSeconds())) {
        nearest = t;
      }
    }
    return new JsonObject().put("state", state(now)).put("calendar", calendar.name()).put("paused", paused())
        .put("dueAt", nearest == null || nearest.dueAt() == null ? null : Times.iso(nearest.dueAt()))
        .put("leftSeconds", nearest == null ? null : nearest.leftSeconds())
        .put(RESPONSE, targetJson(response)).put(RESOLUTION, targetJson(resolution));
  }

  private JsonObject targetJson(Target t) {
    return new JsonObject().put("targetMinutes", t.targetMinutes())
        .put("dueAt", t.dueAt() == null ? null : Times.iso(t.dueAt()))
        .put("metAt", t.metAt() == null ? null : Times.iso(t.metAt()))
        .put("state", t.state(warningPercent)).put("percent", t.percent());
  }
}
