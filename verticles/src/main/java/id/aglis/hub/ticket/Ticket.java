package id.aglis.hub.ticket;

import id.aglis.hub.common.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** A ticket as stored. Its JSON is built by {@link Sla#json}, which adds the SLA clock at an instant. */
public record Ticket(long id, String number, long customerId, String customerNo, String customerName, String customerPhone,
                     String category, String subject, String description, String priority, String status, String source,
                     Long assigneeId, String assigneeUsername, String assigneeName, OffsetDateTime createdAt,
                     OffsetDateTime updatedAt, OffsetDateTime firstResponseAt, OffsetDateTime resolvedAt,
                     OffsetDateTime closedAt, String slaCalendar, int responseTargetMin, int resolutionTargetMin,
                     long slaSpentS, OffsetDateTime slaResumedAt, Long responseSpentS, String slaState) {

  public static final String OPEN = "open";
  public static final String IN_PROGRESS = "in_progress";
  public static final String WAITING = "waiting_customer";
  public static final String RESOLVED = "resolved";
  public static final String CLOSED = "closed";

  static Ticket from(Row row) {
    return new Ticket(row.getLong("id"), row.getString("number"), row.getLong("customer_id"), row.getString("customer_no"),
        row.getString("customer_name"), row.getString("customer_phone"), row.getString("category"), row.getString("subject"),
        row.getString("description"), row.getString("priority"), row.getString("status"), row.getString("source"),
        row.getLong("assignee_id"), row.getString("assignee_username"), row.getString("assignee_name"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"), row.getOffsetDateTime("first_response_at"),
        row.getOffsetDateTime("resolved_at"), row.getOffsetDateTime("closed_at"), row.getString("sla_calendar"),
        row.getInteger("response_target_min"), row.getInteger("resolution_target_min"), row.getLong("sla_spent_s"),
        row.getOffsetDateTime("sla_resumed_at"), row.getLong("response_spent_s"), row.getString("sla_state"));
  }

  /** Still being worked: not resolved, not closed. */
  public boolean open() {
    return !RESOLVED.equals(status) && !CLOSED.equals(status);
  }

  /** Everything but the SLA, as staff see it; {@code forCustomer} leaves out the assignee's username and phone numbers. */
  JsonObject baseJson(boolean forCustomer) {
    JsonObject customer = new JsonObject().put("id", customerId).put("customerNo", customerNo).put("name", customerName);
    if (!forCustomer) {
      customer.put("phone", customerPhone);
    }
    JsonObject assignee = null;
    if (assigneeId != null) {
      assignee = forCustomer ? new JsonObject().put("name", assigneeName)
          : new JsonObject().put("id", assigneeId).put("username", assigneeUsername).put("name", assigneeName);
    }
    return new JsonObject().put("id", id).put("number", number).put("customer", customer).put("category", category)
        .put("subject", subject).put("description", description).put("priority", priority).put("status", status)
        .put("source", source).put("assignee", assignee).put("createdAt", Times.iso(createdAt))
        .put("updatedAt", Times.iso(updatedAt)).put("firstResponseAt", Times.iso(firstResponseAt))
        .put("resolvedAt", Times.iso(resolvedAt)).put("closedAt", Times.iso(closedAt));
  }
}
