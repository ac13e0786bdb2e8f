package id.aglis.hub.billing;

import id.aglis.hub.web.ApiError;
import id.aglis.hub.web.CustomerDirectory;
import id.aglis.hub.web.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An invoice as posted by the billing system ({@code POST /invoices}), checked field by field; {@code customer} is
 * filled in once the customer number is looked up.
 */
record InvoiceDraft(String number, String customerNo, CustomerDirectory.Contact customer, String period, LocalDate issueDate,
                    LocalDate dueDate, JsonArray lines, long total) {

  static final Set<String> FIELDS = Set.of("number", "customerNo", "period", "issueDate", "dueDate", "lines");
  static final int MAX_LINES = 50;
  private static final Pattern PERIOD = Pattern.compile("^(20[0-9]{2})-(0[1-9]|1[0-2])$");
  private static final Pattern NUMBER = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._/-]*$");
  private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

  static InvoiceDraft parse(JsonObject body, LocalDate today) {
    Fields.onlyKnown(body, FIELDS);
    String number = reference(body, "number");
    String customerNo = Fields.requiredString(body, "customerNo", 32);
    String period = Fields.requiredString(body, "period", 7);
    if (!PERIOD.matcher(period).matches()) {
      throw ApiError.invalidField("period", "'period' must be a month as YYYY-MM (2026-11), from 2000 on.");
    }
    LocalDate issueDate = date(body, "issueDate", today);
    LocalDate dueDate = date(body, "dueDate", today);
    if (dueDate.isBefore(issueDate)) {
      throw ApiError.invalidField("dueDate", "'dueDate' must not be before 'issueDate'.");
    }
    JsonArray lines = new JsonArray();
    long total = 0;
    Object raw = body.getValue("lines");
    if (!(raw instanceof JsonArray given) || given.isEmpty() || given.size() > MAX_LINES) {
      throw ApiError.invalidField("lines", "'lines' must be a list of 1 to " + MAX_LINES + " {\"description\",\"amount\"}.");
    }
    for (int i = 0; i < given.size(); i++) {
      String field = "lines[" + i + "]";
      if (!(given.getValue(i) instanceof JsonObject line)) {
        throw ApiError.invalidField(field, "'" + field + "' must be an object {\"description\",\"amount\"}.");
      }
      for (String key : line.fieldNames()) {
        if (!key.equals("description") && !key.equals("amount")) {
          throw ApiError.invalidField(field + "." + key, "Unknown field '" + key + "' in '" + field + "'.");
        }
      }
      String description = Fields.requiredString(line, "description", field + ".description", 200);
      long amount = Amounts.whole(line.getValue("amount"), field + ".amount", 0);
      total += amount;
      lines.add(new JsonObject().put("description", description).put("amount", amount));
    }
    if (total <= 0 || total > Amounts.MAX) {
      throw ApiError.invalidField("lines", "The lines must add up to more than 0 and at most " + Amounts.MAX + " rupiah.");
    }
    return new InvoiceDraft(number, customerNo, null, period, issueDate, dueDate, lines, total);
  }

  InvoiceDraft forCustomer(CustomerDirectory.Contact found) {
    return new InvoiceDraft(number, customerNo, found, period, issueDate, dueDate, lines, total);
  }

  /** True when posting this again would change nothing of {@code stored}. */
  boolean sameAs(Invoice stored) {
    return stored.customerId() == customer.id() && stored.period().equals(period) && stored.issueDate().equals(issueDate)
        && stored.dueDate().equals(dueDate) && stored.total() == total && sameLines(stored.lines());
  }

  /** Line by line: jsonb reorders keys and reads small amounts back as ints, so the JSON text is no guide. */
  private boolean sameLines(JsonArray stored) {
    if (stored.size() != lines.size()) {
      return false;
    }
    for (int i = 0; i < lines.size(); i++) {
      JsonObject a = stored.getJsonObject(i);
      JsonObject b = lines.getJsonObject(i);
      if (!Objects.equals(a.getString("description"), b.getString("description"))
          || !Objects.equals(a.getLong("amount"), b.getLong("amount"))) {
        return false;
      }
    }
    return true;
  }

  /** An external reference: a number or payment reference as another system writes it. */
  static String reference(JsonObject body, String field) {
    String value = Fields.requiredString(body, field, 64);
    if (!NUMBER.matcher(value).matches()) {
      throw ApiError.invalidField(field, "'" + field + "' may hold letters, digits and . _ / - only, starting with a letter or digit.");
    }
    return value;
  }

  /** An ISO date (2026-11-20) from the year 2000 to ten years after {@code today}. */
  static LocalDate date(JsonObject body, String field, LocalDate today) {
    String text = Fields.requiredString(body, field, 10);
    LocalDate date;
    try {
      date = LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiError.invalidField(field, "'" + field + "' must be a date as YYYY-MM-DD.");
    }
    if (date.isBefore(EARLIEST) || date.isAfter(today.plusYears(10))) {
      throw ApiError.invalidField(field, "'" + field + "' must be between 2000-01-01 and ten years from now.");
    }
    return date;
  }
}
