package id.aglis.hub.billing;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The invoices and payments tables. */
final class BillingRepository {

  /** What a page of invoices filters by (nulls for no filter); {@code text} an ILIKE pattern, {@code period} exact. */
  record InvoiceFilter(Long customerId, String customerNo, String status, String text, String period) {
  }

  /** What a page of payments filters by (nulls for no filter); {@code text} an ILIKE pattern. */
  record PaymentFilter(Long customerId, String customerNo, String invoiceNumber, String text) {
  }

  private final Pool pool;

  BillingRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  Future<Optional<Invoice>> invoice(long id) {
    return pool.preparedQuery(BillingSql.INVOICE_BY_ID).execute(Tuple.of(id)).map(BillingRepository::firstInvoice);
  }

  Future<Optional<Invoice>> lockInvoice(SqlClient tx, long id) {
    return tx.preparedQuery(BillingSql.INVOICE_BY_ID_FOR_UPDATE).execute(Tuple.of(id)).map(BillingRepository::firstInvoice);
  }

  Future<Optional<Invoice>> lockInvoiceByNumber(SqlClient tx, String number) {
    return tx.preparedQuery(BillingSql.INVOICE_BY_NUMBER_FOR_UPDATE).execute(Tuple.of(number)).map(BillingRepository::firstInvoice);
  }

  Future<Optional<Invoice>> invoiceByCode(String code) {
    return pool.preparedQuery(BillingSql.INVOICE_BY_CODE).execute(Tuple.of(code)).map(BillingRepository::firstInvoice);
  }

  /** Empty when another caller inserted the same number first. */
  Future<Optional<Invoice>> insertInvoice(SqlClient tx, InvoiceDraft d, String code, OffsetDateTime at) {
    return tx.preparedQuery(BillingSql.INSERT_INVOICE).execute(Tuple.from(new Object[] {d.number(), d.customer().id(),
            d.customer().customerNo(), d.customer().name(), d.period(), d.issueDate(), d.dueDate(), d.lines(), d.total(), code, at}))
        .map(BillingRepository::firstInvoice);
  }

  Future<Invoice> updateInvoice(SqlClient tx, long id, InvoiceDraft d, OffsetDateTime at) {
    return tx.preparedQuery(BillingSql.UPDATE_INVOICE).execute(Tuple.from(new Object[] {id, d.customer().id(),
            d.customer().customerNo(), d.customer().name(), d.period(), d.issueDate(), d.dueDate(), d.lines(), d.total(), at}))
        .map(rows -> Invoice.from(rows.iterator().next()));
  }

  Future<Invoice> voidInvoice(SqlClient tx, long id, String reason, OffsetDateTime at) {
    return tx.preparedQuery(BillingSql.VOID_INVOICE).execute(Tuple.of(id, at, reason)).map(rows -> Invoice.from(rows.iterator().next()));
  }

  Future<Invoice> addPaid(SqlClient tx, long invoiceId, long amount, OffsetDateTime at) {
    return tx.preparedQuery(BillingSql.ADD_PAID).execute(Tuple.of(invoiceId, amount, at)).map(rows -> Invoice.from(rows.iterator().next()));
  }

  Future<List<Invoice>> invoicePage(long beforeId, InvoiceFilter f, LocalDate today, int limit) {
    Tuple args = Tuple.tuple().addLong(beforeId).addLong(f.customerId()).addString(f.customerNo()).addString(f.status())
        .addLocalDate(today).addString(f.text()).addInteger(limit).addString(f.period());
    return pool.preparedQuery(BillingSql.INVOICE_PAGE).execute(args).map(rows -> {
      List<Invoice> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(Invoice.from(r)));
      return out;
    });
  }

  Future<Optional<Payment>> payment(SqlClient client, long id) {
    return client.preparedQuery(BillingSql.PAYMENT_BY_ID).execute(Tuple.of(id)).map(BillingRepository::firstPayment);
  }

  Future<Optional<Payment>> payment(long id) {
    return payment(pool, id);
  }

  Future<Optional<Payment>> paymentByReference(SqlClient client, String reference) {
    return client.preparedQuery(BillingSql.PAYMENT_BY_REFERENCE).execute(Tuple.of(reference)).map(BillingRepository::firstPayment);
  }

  Future<Optional<Payment>> paymentByCode(String code) {
    return pool.preparedQuery(BillingSql.PAYMENT_BY_CODE).execute(Tuple.of(code)).map(BillingRepository::firstPayment);
  }

  Future<List<Payment>> paymentsOf(long invoiceId) {
    return pool.preparedQuery(BillingSql.PAYMENTS_OF_INVOICE).execute(Tuple.of(invoiceId)).map(BillingRepository::payments);
  }

  Future<Long> insertPayment(SqlClient tx, PaymentDraft d, long invoiceId, long customerId, String hash, String code,
                             OffsetDateTime at) {
    return tx.preparedQuery(BillingSql.INSERT_PAYMENT).execute(Tuple.from(new Object[] {d.reference(), invoiceId, customerId,
            d.amount(), d.method(), d.paidAt(), hash, code, at}))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  Future<List<Payment>> paymentPage(long beforeId, PaymentFilter f, int limit) {
    Tuple args = Tuple.tuple().addLong(beforeId).addLong(f.customerId()).addString(f.customerNo()).addString(f.invoiceNumber())
        .addString(f.text()).addInteger(limit);
    return pool.preparedQuery(BillingSql.PAYMENT_PAGE).execute(args).map(BillingRepository::payments);
  }

  private static Optional<Invoice> firstInvoice(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Invoice.from(rows.iterator().next()));
  }

  private static Optional<Payment> firstPayment(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Payment.from(rows.iterator().next()));
  }

  private static List<Payment> payments(RowSet<Row> rows) {
    List<Payment> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(Payment.from(r)));
    return out;
  }
}
