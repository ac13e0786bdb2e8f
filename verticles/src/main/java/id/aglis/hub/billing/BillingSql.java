package id.aglis.hub.billing;

/** SQL of {@link BillingRepository}. */
final class BillingSql {

  private BillingSql() {
  }

  static final String INVOICE_COLUMNS = "id, number, customer_id, customer_no, customer_name, period, issue_date, due_date, "
      + "lines, total, paid, verification_code, voided_at, void_reason, created_at, updated_at";

  static final String INVOICE_BY_ID = "select " + INVOICE_COLUMNS + " from invoices where id = $1";

  static final String INVOICE_BY_ID_FOR_UPDATE = INVOICE_BY_ID + " for update";

  static final String INVOICE_BY_NUMBER_FOR_UPDATE = "select " + INVOICE_COLUMNS + " from invoices where number = $1 for update";

  static final String INVOICE_BY_CODE = "select " + INVOICE_COLUMNS + " from invoices where verification_code = $1";

  /** A number posted by two callers at once inserts once; the other finds it and takes the update path. */
  static final String INSERT_INVOICE = "insert into invoices (number, customer_id, customer_no, customer_name, period, "
      + "issue_date, due_date, lines, total, verification_code, created_at, updated_at) "
      + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) on conflict (number) do nothing returning " + INVOICE_COLUMNS;

  static final String UPDATE_INVOICE = "update invoices set customer_id = $2, customer_no = $3, customer_name = $4, period = $5, "
      + "issue_date = $6, due_date = $7, lines = $8, total = $9, updated_at = $10 where id = $1 returning " + INVOICE_COLUMNS;

  static final String VOID_INVOICE = "update invoices set voided_at = $2, void_reason = $3, updated_at = $2 where id = $1 "
      + "returning " + INVOICE_COLUMNS;

  /** Under the invoice's row lock; the table's check refuses a sum above the total should a caller forget to check. */
  static final String ADD_PAID = "update invoices set paid = paid + $2, updated_at = $3 where id = $1 returning " + INVOICE_COLUMNS;

  /**
   * Invoices newest first. $1 cursor (id below), $2 customer id, $3 customer number, $4 status, $5 today (WIB),
   * $6 ILIKE pattern over number, period and customer, $7 limit, $8 period ({@code 2026-11}). Each status's condition
   * mirrors {@link Invoice#status}.
   */
  static final String INVOICE_PAGE = "select " + INVOICE_COLUMNS + " from invoices where id < $1 "
      + "and ($2::bigint is null or customer_id = $2) and ($3::text is null or lower(customer_no) = lower($3)) "
      + "and ($4::text is null "
      + "or ($4 = 'void' and voided_at is not null) "
      + "or ($4 = 'paid' and voided_at is null and paid >= total) "
      + "or ($4 = 'overdue' and voided_at is null and paid < total and due_date < $5::date) "
      + "or ($4 = 'partially_paid' and voided_at is null and paid < total and paid > 0 and due_date >= $5::date) "
      + "or ($4 = 'unpaid' and voided_at is null and paid = 0 and due_date >= $5::date)) "
      + "and ($6::text is null or number ilike $6 or period ilike $6 or customer_name ilike $6 or customer_no ilike $6) "
      + "and ($8::text is null or period = $8) "
      + "order by id desc limit $7";

  static final String PAYMENT_COLUMNS = "p.id, p.reference, p.invoice_id, i.number as invoice_number, i.period, p.customer_id, "
      + "i.customer_no, i.customer_name, p.amount, p.method, p.paid_at, p.content_hash, p.verification_code, p.created_at";

  private static final String PAYMENTS = "select " + PAYMENT_COLUMNS + " from payments p join invoices i on i.id = p.invoice_id ";

  static final String PAYMENT_BY_ID = PAYMENTS + "where p.id = $1";

  static final String PAYMENT_BY_REFERENCE = PAYMENTS + "where p.reference = $1";

  static final String PAYMENT_BY_CODE = PAYMENTS + "where p.verification_code = $1";

  static final String PAYMENTS_OF_INVOICE = PAYMENTS + "where p.invoice_id = $1 order by p.paid_at, p.id";

  static final String INSERT_PAYMENT = "insert into payments (reference, invoice_id, customer_id, amount, method, paid_at, "
      + "content_hash, verification_code, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id";

  /**
   * Payments newest first. $1 cursor (id below), $2 customer id, $3 customer number, $4 invoice number, $5 ILIKE pattern
   * over reference, invoice number and customer, $6 limit.
   */
  static final String PAYMENT_PAGE = PAYMENTS + "where p.id < $1 and ($2::bigint is null or p.customer_id = $2) "
      + "and ($3::text is null or lower(i.customer_no) = lower($3)) and ($4::text is null or i.number = $4) "
      + "and ($5::text is null or p.reference ilike $5 or i.number ilike $5 or i.customer_name ilike $5 or i.customer_no ilike $5) "
      + "order by p.id desc limit $6";
}
