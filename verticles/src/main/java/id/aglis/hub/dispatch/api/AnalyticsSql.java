package id.aglis.hub.dispatch.api;

import id.aglis.hub.common.Times;
/** SQL of {@link AnalyticsRoutes}. {@code %s} is the grouping expression, one of {@link #GROUPS}. */
final class AnalyticsSql {

  private AnalyticsSql() {
  }

  static final java.util.Map<String, String> GROUPS = java.util.Map.of(
      "device", "coalesce(device, '-')",
      "template", "coalesce(template, '(text)')",
      "day", "to_char(created_at at time zone '" + Times.BUSINESS_ZONE_ID + "', 'YYYY-MM-DD')");

  /** Counts and latencies per group, over messages created in [$1, $2). */
  static final String BY_GROUP = "select %s as key, count(*) as total, "
      + "count(*) filter (where sent_at is not null) as sent, "
      + "count(*) filter (where delivered_at is not null) as delivered, "
      + "count(*) filter (where read_at is not null) as read, "
      + "count(*) filter (where status in ('failed', 'dead')) as failed, "
      + "percentile_cont(0.5) within group (order by extract(epoch from delivered_at - sent_at) * 1000) "
      + "filter (where delivered_at is not null and sent_at is not null) as sent_to_delivered_p50, "
      + "percentile_cont(0.95) within group (order by extract(epoch from delivered_at - sent_at) * 1000) "
      + "filter (where delivered_at is not null and sent_at is not null) as sent_to_delivered_p95, "
      + "percentile_cont(0.5) within group (order by extract(epoch from read_at - delivered_at) * 1000) "
      + "filter (where read_at is not null and delivered_at is not null) as delivered_to_read_p50, "
      + "percentile_cont(0.95) within group (order by extract(epoch from read_at - delivered_at) * 1000) "
      + "filter (where read_at is not null and delivered_at is not null) as delivered_to_read_p95 "
      + "from wa_messages where created_at >= $1 and created_at < $2 group by 1 order by 1";

  static final String TEMPLATES = "select template, count(*) as uses from wa_messages "
      + "where created_at >= $1 and created_at < $2 and template is not null group by template order by uses desc, template";

  /** Fonnte charges one quota unit per target of an accepted send. */
  static final String QUOTA = "select device, to_char(sent_at at time zone '" + Times.BUSINESS_ZONE_ID + "', 'YYYY-MM-DD') as day, count(*) as units "
      + "from wa_messages where created_at >= $1 and created_at < $2 and sent_at is not null "
      + "group by device, day order by day, device";
}
