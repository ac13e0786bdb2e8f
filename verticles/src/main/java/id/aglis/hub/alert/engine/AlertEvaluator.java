package id.aglis.hub.alert.engine;

import id.aglis.hub.alert.metrics.ClusterMetrics;
import id.aglis.hub.alert.rules.AlertRule;
import id.aglis.hub.alert.rules.RuleRepository;
import id.aglis.hub.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's one alert evaluator (a {@code ClusterSingleton}): every round it reads the rules, the open alerts
 * and the active silences from PostgreSQL, asks every node for the rules' metrics ({@link ClusterMetrics}), and
 * moves each alert through {@code pending → firing → resolved} (or {@code inactive} for a blip shorter than
 * {@code forSeconds}; {@code nodata} when no node knows the metric). Then it marks silenced and inhibited alerts,
 * and pages: new firing alerts once per rule per round (one page for many groups), repeats while unacknowledged,
 * and the escalation step.
 *
 * <p>Everything that matters survives a failover: alerts, their states and their pages are rows, so the node that
 * takes over (within the singleton's wait) goes on from them without paging again (a page's idempotency key is its
 * alert, kind and count). Only {@code keepFiringForSeconds} restarts its count on the new node.
 */
public final class AlertEvaluator extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);

  private final RuleRepository rules;
  private final AlertRepository alerts;
  private final ClusterMetrics metrics;
  private final Pager pager;
  private final long intervalMs;
  /** The feature's clock: repeats and escalations are minutes apart, and tests move it rather than wait. */
  private final java.time.Clock clock;
  /** When each open alert's condition last held (by fingerprint), for {@code keepFiringForSeconds}. */
  private final Map<String, Long> lastBreached = new HashMap<>();
  private final io.micrometer.core.instrument.Timer rounds;
  private long timer = -1;
  private boolean inRound;
  private long failures;

  public AlertEvaluator(RuleRepository rules, AlertRepository alerts, ClusterMetrics metrics, Pager pager, long intervalMs,
                        java.time.Clock clock, io.micrometer.core.instrument.MeterRegistry registry) {
    this.clock = clock;
    this.rounds = io.micrometer.core.instrument.Timer.builder("aglis.alert.evaluation")
        .description("Alert evaluation rounds (on the node running the evaluator): rules, metrics from every node, moves, pages")
        .register(registry);
    this.rules = rules;
    this.alerts = alerts;
    this.metrics = metrics;
    this.pager = pager;
    this.intervalMs = intervalMs;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(intervalMs, t -> tick());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    // Kept registered: a later takeover on this node records into the same meter.
    return Future.succeededFuture();
  }

  private void tick() {
    if (inRound) {
      return;
    }
    inRound = true;
    long started = System.nanoTime();
    round().onComplete(done -> {
      inRound = false;
      rounds.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
      if (done.failed() && failures++ % 60 == 0) {
        LOG.warn("An alert evaluation round failed (the next one tries again): {}", done.cause().toString());
      } else if (done.succeeded()) {
        failures = 0;
      }
    });
  }

  /** One round: what is there (rules, open alerts, silences), then the metrics, the moves, the pages. */
  private Future<Void> round() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    Future<List<AlertRule>> allRules = rules.all();
    Future<List<Alert>> open = alerts.open();
    Future<List<Silence>> silences = alerts.activeSilences(now);
    return Future.all(allRules, open, silences).compose(loaded -> {
      List<AlertRule> enabled = allRules.result().stream().filter(AlertRule::enabled).toList();
      return metrics.evaluate(enabled)
          .compose(values -> move(allRules.result(), values, open.result(), now))
          .compose(v -> alerts.open())
          .compose(after -> notify(allRules.result(), after, silences.result(), now));
    });
  }

  // ---- states ----

  private Future<Void> move(List<AlertRule> all, Map<Long, ClusterMetrics.Values> values, List<Alert> open, OffsetDateTime now) {
    long nowMs = now.toInstant().toEpochMilli();
    Map<String, Alert> openByFingerprint = open.stream().collect(Collectors.toMap(Alert::fingerprint, Function.identity(), (a, b) -> a));
    Map<Long, AlertRule> byId = all.stream().collect(Collectors.toMap(AlertRule::id, Function.identity()));
    Set<String> held = new HashSet<>();
    List<Future<?>> steps = new ArrayList<>();
    for (AlertRule rule : all) {
      ClusterMetrics.Values v = values.get(rule.id());
      if (!rule.enabled() || v == null) {
        continue;
      }
      if (v.noData()) {
        String fingerprint = fingerprint(rule, Map.of());
        held.add(fingerprint);
        if (!openByFingerprint.containsKey(fingerprint)) {
          steps.add(openNew(rule, Map.of(), Alert.NODATA, null, now));
        }
        continue;
      }
      v.groups().forEach((labels, value) -> {
        if (!rule.breached(value)) {
          return;
        }
        String fingerprint = fingerprint(rule, labels);
        held.add(fingerprint);
        lastBreached.put(fingerprint, nowMs);
        Alert current = openByFingerprint.get(fingerprint);
        if (current == null) {
          steps.add(openNew(rule, labels, rule.forSeconds() == 0 ? Alert.FIRING : Alert.PENDING, value, now));
        } else if (Alert.NODATA.equals(current.state())) {
          held.remove(fingerprint); // resolved below: data is back; the next round opens the breach afresh
        } else if (Alert.PENDING.equals(current.state()) && !current.startedAt().plusSeconds(rule.forSeconds()).isAfter(now)) {
          steps.add(moveTo(current, Alert.FIRING, value, now, summary(rule, current.labels(), value), "firing", new JsonObject().put("value", value)));
        }
      });
    }
    for (Alert current : open) {
      if (held.contains(current.fingerprint())) {
        continue;
      }
      AlertRule rule = current.ruleId() == null ? null : byId.get(current.ruleId());
      if (rule == null || !rule.enabled()) {
        lastBreached.remove(current.fingerprint());
        steps.add(moveTo(current, Alert.RESOLVED, current.value(), now, current.summary(), "resolved",
            new JsonObject().put("reason", rule == null ? "rule deleted" : "rule disabled")));
      } else if (values.get(rule.id()) == null) {
        continue; // not evaluated this round: no news is not good news
      } else if (Alert.PENDING.equals(current.state())) {
        lastBreached.remove(current.fingerprint());
        steps.add(moveTo(current, Alert.INACTIVE, current.value(), now, current.summary(), "inactive",
            new JsonObject().put("reason", "cleared before " + rule.forSeconds() + " s")));
      } else if (Alert.NODATA.equals(current.state())) {
        steps.add(moveTo(current, Alert.RESOLVED, null, now, current.summary(), "resolved", new JsonObject().put("reason", "data is back")));
      } else {
        long since = lastBreached.computeIfAbsent(current.fingerprint(), f -> nowMs);
        if (nowMs - since >= rule.keepFiringForSeconds() * 1000L) {
          lastBreached.remove(current.fingerprint());
          steps.add(moveTo(current, Alert.RESOLVED, current.value(), now, current.summary(), "resolved", new JsonObject().put("reason", "condition cleared")));
        }
      }
    }
    return Future.join(steps).otherwiseEmpty().mapEmpty();
  }

  private Future<Void> openNew(AlertRule rule, Map<String, String> groupLabels, String state, Double value, OffsetDateTime now) {
    Map<String, String> labels = new TreeMap<>(rule.labels());
    labels.putAll(groupLabels);
    AlertRepository.NewAlert alert = new AlertRepository.NewAlert(rule.id(), rule.key(), rule.name(), fingerprint(rule, groupLabels), labels,
        rule.severity(), state, value, Alert.NODATA.equals(state) ? "Tidak ada data untuk " + rule.query().metric() : summary(rule, labels, value));
    return alerts.openNew(alert, now).map(created -> {
      created.ifPresent(a -> publish(a, state, now));
      return null;
    });
  }

  private Future<Optional<Alert>> moveTo(Alert alert, String state, Double value, OffsetDateTime now, String summary, String kind, JsonObject detail) {
    return alerts.move(alert, state, value, now, summary, alert.silencedBy(), alert.inhibitedBy(), kind, detail).map(moved -> {
      moved.ifPresent(a -> publish(a, kind, now));
      return moved;
    });
  }

  // ---- silences, inhibition, pages ----

  private Future<Void> notify(List<AlertRule> all, List<Alert> open, List<Silence> silences, OffsetDateTime now) {
    Map<Long, AlertRule> byId = all.stream().collect(Collectors.toMap(AlertRule::id, Function.identity()));
    List<Alert> firing = open.stream().filter(a -> Alert.FIRING.equals(a.state())).toList();
    List<Future<Alert>> marked = new ArrayList<>();
    for (Alert alert : firing) {
      Long silencedBy = silences.stream().filter(s -> s.matches(alert)).map(Silence::id).findFirst().orElse(null);
      Long inhibitedBy = inhibitor(alert, firing, byId);
      if (java.util.Objects.equals(silencedBy, alert.silencedBy()) && java.util.Objects.equals(inhibitedBy, alert.inhibitedBy())) {
        marked.add(Future.succeededFuture(alert));
        continue;
      }
      String kind = silencedBy != null && alert.silencedBy() == null ? "silenced" : inhibitedBy != null && alert.inhibitedBy() == null
          ? "inhibited" : "unmuted";
      marked.add(alerts.move(alert, alert.state(), alert.value(), now, alert.summary(), silencedBy, inhibitedBy, kind,
              new JsonObject().put("silence", silencedBy).put("inhibitedBy", inhibitedBy))
          .map(moved -> {
            moved.ifPresent(a -> publish(a, kind, now));
            return moved.orElse(alert);
          }));
    }
    return Future.join(marked).otherwiseEmpty().compose(v -> {
      List<Alert> pageable = marked.stream().filter(Future::succeeded).map(Future::result)
          .filter(a -> a.silencedBy() == null && a.inhibitedBy() == null && a.ackedAt() == null).toList();
      return page(pageable, byId, now);
    });
  }

  /** The firing alert that inhibits this one: its rule inhibits this rule, and the labels it names are equal. */
  private static Long inhibitor(Alert alert, List<Alert> firing, Map<Long, AlertRule> rules) {
    for (Alert source : firing) {
      AlertRule rule = source.ruleId() == null ? null : rules.get(source.ruleId());
      if (source.id() == alert.id() || rule == null || rule.inhibits() == null || !rule.inhibits().covers(alert.ruleKey())
          || source.ruleKey().equals(alert.ruleKey())) {
        continue;
      }
      boolean equal = rule.inhibits().equal().stream()
          .allMatch(label -> source.labels().containsKey(label) && source.labels().get(label).equals(alert.labels().get(label)));
      if (equal) {
        return source.id();
      }
    }
    return null;
  }

  private Future<Void> page(List<Alert> pageable, Map<Long, AlertRule> rules, OffsetDateTime now) {
    long nowMs = now.toInstant().toEpochMilli();
    Map<Long, List<Alert>> fresh = new LinkedHashMap<>();
    List<Future<?>> steps = new ArrayList<>();
    for (Alert alert : pageable) {
      AlertRule rule = alert.ruleId() == null ? null : rules.get(alert.ruleId());
      if (rule == null) {
        continue;
      }
      if (alert.notifications() == 0) {
        fresh.computeIfAbsent(rule.id(), id -> new ArrayList<>()).add(alert);
        continue;
      }
      if (rule.escalation() != null && alert.escalatedAt() == null && alert.firedAt() != null
          && nowMs - alert.firedAt().toInstant().toEpochMilli() >= rule.escalation().afterMinutes() * 60_000L) {
        steps.add(send(rule, List.of(alert), "escalation", rule.escalation().roles(), rule.escalation().staff(), now));
      } else if (rule.repeatMinutes() > 0 && alert.lastNotifiedAt() != null
          && nowMs - alert.lastNotifiedAt().toInstant().toEpochMilli() >= rule.repeatMinutes() * 60_000L) {
        steps.add(send(rule, List.of(alert), "repeat", rule.targets().roles(), rule.targets().staff(), now));
      }
    }
    // One page per rule for what started firing together: an outage of fifty devices is one message, not fifty.
    fresh.forEach((ruleId, group) -> {
      AlertRule rule = rules.get(ruleId);
      steps.add(send(rule, group, "firing", rule.targets().roles(), rule.targets().staff(), now));
    });
    return Future.join(steps).otherwiseEmpty().mapEmpty();
  }

  private Future<Void> send(AlertRule rule, List<Alert> group, String kind, Set<id.aglis.hub.web.Role> roles, Set<String> staff,
                            OffsetDateTime now) {
    boolean whatsapp = rule.targets().whatsapp() || "escalation".equals(kind);
    Future<Pager.Paged> paged = whatsapp
        ? pager.page(rule, group, kind, roles, staff, group.get(0).notifications())
        : Future.succeededFuture(new Pager.Paged(new io.vertx.core.json.JsonArray(), new io.vertx.core.json.JsonArray()));
    return paged.compose(result -> {
      JsonObject detail = new JsonObject().put("kind", kind).put("channels", new io.vertx.core.json.JsonArray(rule.targets().channels().stream().sorted().toList()))
          .put("pages", result.pages()).put("skipped", result.skipped()).put("code", group.get(0).code());
      List<Future<Alert>> marked = group.stream()
          .map(alert -> alerts.notified(alert, now, "escalation".equals(kind), detail).onSuccess(a -> publish(a, "escalation".equals(kind) ? "escalated" : "notified", now)))
          .toList();
      return Future.join(marked).<Void>mapEmpty();
    }).onFailure(failed -> LOG.warn("Alert {}: the {} page was not sent (tried again next round): {}", group.get(0).code(), kind,
        failed.toString()));
  }

  private void publish(Alert alert, String change, OffsetDateTime at) {
    vertx.eventBus().publish(Addresses.ALERT_STATE_CHANGED, alert.changed(change, at).toJson());
  }

  // ---- helpers ----

  static String fingerprint(AlertRule rule, Map<String, String> groupLabels) {
    StringBuilder text = new StringBuilder().append(rule.id()).append('|');
    new TreeMap<>(groupLabels).forEach((k, v) -> text.append(k).append('=').append(v).append(';'));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** The rule's summary with {@code {{label}}} and {@code {{value}}} filled in (a ratio's value as a percentage). */
  static String summary(AlertRule rule, Map<String, String> labels, Double value) {
    String text = rule.summary() == null ? rule.name() : rule.summary();
    for (Map.Entry<String, String> label : labels.entrySet()) {
      text = text.replace("{{" + label.getKey() + "}}", label.getValue());
    }
    return text.replace("{{value}}", value == null ? "-" : formatValue(rule, value));
  }

  static String formatValue(AlertRule rule, double value) {
    if (rule.ratioTo() != null || rule.query().metric().endsWith("_ratio")) {
      return Math.round(value * 1000) / 10.0 + "%";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(java.util.Locale.ROOT, "%.2f", value);
  }
}
