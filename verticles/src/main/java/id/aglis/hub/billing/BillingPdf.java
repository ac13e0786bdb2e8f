package id.aglis.hub.billing;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The invoice and the payment receipt as PDFs, in Bahasa Indonesia: AGLIS's name, the customer, the lines and totals
 * in Rupiah ({@code Rp 350.000}), dates in WIB, and the verification code staff check
 * ({@code GET /api/v1/billing/verify/{code}}). Blocking (OpenPDF writes synchronously): call it from a worker, never an
 * event loop. The built-in Helvetica (Windows-1252) covers the documents' own words; free text (names, addresses, line
 * descriptions) is passed through {@link #printable} so a letter outside it is printed without its accent rather than
 * dropped, and no font files are shipped.
 */
final class BillingPdf {

  private static final Color BRAND = new Color(0x0B, 0x5F, 0xA5);
  private static final Color MUTED = new Color(0x55, 0x5F, 0x6B);
  private static final Color RULE = new Color(0xD5, 0xDB, 0xE1);
  private static final Font BRAND_FONT = new Font(Font.HELVETICA, 22, Font.BOLD, BRAND);
  private static final Font TITLE = new Font(Font.HELVETICA, 14, Font.BOLD);
  private static final Font TEXT = new Font(Font.HELVETICA, 10);
  private static final Font BOLD = new Font(Font.HELVETICA, 10, Font.BOLD);
  private static final Font SMALL = new Font(Font.HELVETICA, 8, Font.NORMAL, MUTED);
  private static final Font CODE = new Font(Font.COURIER, 12, Font.BOLD);

  /** The customer as the paper names them; {@code address} may be null. */
  record Customer(String customerNo, String name, String address) {
  }

  private BillingPdf() {
  }

  static byte[] invoice(Invoice invoice, List<Payment> payments, Customer customer, LocalDate today, OffsetDateTime printedAt) {
    return render("Tagihan " + invoice.number(), doc -> {
      header(doc, "TAGIHAN");
      facts(doc, new String[][] {
          {"Nomor tagihan", invoice.number()},
          {"Periode", Rupiah.period(invoice.period())},
          {"Tanggal terbit", Rupiah.date(invoice.issueDate())},
          {"Jatuh tempo", Rupiah.date(invoice.dueDate())},
          {"Status", Rupiah.status(invoice.status(today))}});
      customer(doc, customer);
      PdfPTable lines = table();
      row(lines, "Rincian", "Jumlah", BOLD, true);
      for (Object o : invoice.lines()) {
        JsonObject line = (JsonObject) o;
        row(lines, line.getString("description"), Rupiah.format(line.getLong("amount")), TEXT, false);
      }
      row(lines, "Total", Rupiah.format(invoice.total()), BOLD, true);
      row(lines, "Sudah dibayar", Rupiah.format(invoice.paid()), TEXT, false);
      row(lines, "Sisa tagihan", Rupiah.format(invoice.outstanding()), BOLD, false);
      doc.add(lines);
      if (!payments.isEmpty()) {
        doc.add(new Paragraph("Pembayaran diterima", BOLD));
        PdfPTable paid = table();
        for (Payment p : payments) {
          row(paid, Rupiah.time(p.paidAt()) + " WIB · " + p.method() + " · " + p.reference(), Rupiah.format(p.amount()), TEXT, false);
        }
        doc.add(paid);
      }
      if (invoice.voidedAt() != null) {
        doc.add(new Paragraph("Tagihan ini dibatalkan pada " + Rupiah.time(invoice.voidedAt()) + " WIB.", BOLD));
      }
      footer(doc, invoice.verificationCode(), printedAt);
    });
  }

  static byte[] receipt(Payment payment, Invoice invoice, Customer customer, LocalDate today, OffsetDateTime printedAt) {
    return render("Kuitansi " + payment.reference(), doc -> {
      header(doc, "KUITANSI PEMBAYARAN");
      facts(doc, new String[][] {
          {"Nomor referensi", payment.reference()},
          {"Dibayar pada", Rupiah.time(payment.paidAt()) + " WIB"},
          {"Metode", payment.method()},
          {"Untuk tagihan", invoice.number() + " (periode " + Rupiah.period(invoice.period()) + ")"}});
      customer(doc, customer);
      PdfPTable amounts = table();
      row(amounts, "Jumlah dibayar", Rupiah.format(payment.amount()), BOLD, true);
      row(amounts, "Total tagihan", Rupiah.format(invoice.total()), TEXT, false);
      row(amounts, "Sisa tagihan saat ini", Rupiah.format(invoice.outstanding()), TEXT, false);
      row(amounts, "Status tagihan", Rupiah.status(invoice.status(today)), TEXT, false);
      doc.add(amounts);
      doc.add(new Paragraph("Terima kasih, pembayaran Anda sudah kami terima.", TEXT));
      footer(doc, payment.verificationCode(), printedAt);
    });
  }

  private interface Body {
    void write(Document doc) throws Exception;
  }

  private static byte[] render(String title, Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8_192);
    Document doc = new Document(PageSize.A4, 48, 48, 48, 48);
    try {
      PdfWriter.getInstance(doc, out);
      doc.addTitle(title);
      doc.addAuthor("AGLIS");
      doc.addCreator("AGLIS Hub");
      doc.open();
      body.write(doc);
    } catch (Exception e) {
      throw new IllegalStateException("The PDF '" + title + "' could not be written", e);
    } finally {
      if (doc.isOpen()) {
        doc.close();
      }
    }
    return out.toByteArray();
  }

  private static void header(Document doc, String title) throws Exception {
    doc.add(new Paragraph("AGLIS", BRAND_FONT));
    doc.add(new Paragraph("Layanan Internet AGLIS", SMALL));
    Paragraph heading = new Paragraph(title, TITLE);
    heading.setSpacingBefore(16);
    heading.setSpacingAfter(8);
    doc.add(heading);
  }

  private static void facts(Document doc, String[][] facts) throws Exception {
    PdfPTable table = new PdfPTable(new float[] {1, 2});
    table.setWidthPercentage(100);
    for (String[] fact : facts) {
      table.addCell(cell(fact[0], SMALL, Element.ALIGN_LEFT, false));
      table.addCell(cell(fact[1], TEXT, Element.ALIGN_LEFT, false));
    }
    table.setSpacingAfter(10);
    doc.add(table);
  }

  private static void customer(Document doc, Customer customer) throws Exception {
    doc.add(new Paragraph("Pelanggan", SMALL));
    doc.add(new Paragraph(printable(customer.name() + " (" + customer.customerNo() + ")"), BOLD));
    if (customer.address() != null && !customer.address().isBlank()) {
      doc.add(new Paragraph(printable(customer.address()), TEXT));
    }
    doc.add(new Paragraph(" ", TEXT));
  }

  private static PdfPTable table() {
    PdfPTable table = new PdfPTable(new float[] {3, 1});
    table.setWidthPercentage(100);
    table.setSpacingAfter(10);
    return table;
  }

  private static void row(PdfPTable table, String label, String amount, Font font, boolean ruled) {
    table.addCell(cell(label, font, Element.ALIGN_LEFT, ruled));
    table.addCell(cell(amount, font, Element.ALIGN_RIGHT, ruled));
  }

  private static PdfPCell cell(String text, Font font, int align, boolean ruled) {
    PdfPCell cell = new PdfPCell(new Phrase(printable(text), font));
    cell.setBorder(ruled ? Rectangle.TOP : Rectangle.NO_BORDER);
    cell.setBorderColor(RULE);
    cell.setHorizontalAlignment(align);
    cell.setPaddingTop(4);
    cell.setPaddingBottom(4);
    return cell;
  }

  private static void footer(Document doc, String code, OffsetDateTime printedAt) throws Exception {
    Paragraph label = new Paragraph("Kode verifikasi", SMALL);
    label.setSpacingBefore(18);
    doc.add(label);
    doc.add(new Paragraph(code, CODE));
    doc.add(new Paragraph("Staf AGLIS dapat memeriksa keaslian dokumen ini dengan kode di atas. Dicetak "
        + Rupiah.time(printedAt) + " WIB.", SMALL));
  }

  private static final java.nio.charset.Charset WINDOWS_1252 = java.nio.charset.Charset.forName("windows-1252");
  private static final java.util.regex.Pattern COMBINING = java.util.regex.Pattern.compile("\\p{M}+");

  /**
   * {@code text} in characters Helvetica can print: each one outside Windows-1252 loses its accents
   * ({@code "Nguyễn"} → {@code "Nguyen"}), and one that is no letter with accents (another script) becomes {@code ?},
   * which at least shows that something is there.
   */
  static String printable(String text) {
    if (text == null || WINDOWS_1252.newEncoder().canEncode(text)) {
      return text;
    }
    java.nio.charset.CharsetEncoder encoder = WINDOWS_1252.newEncoder();
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      String one = new String(Character.toChars(cp));
      if (encoder.canEncode(one)) {
        out.append(one);
        return;
      }
      String bare = COMBINING.matcher(java.text.Normalizer.normalize(one, java.text.Normalizer.Form.NFD)).replaceAll("");
      out.append(!bare.isEmpty() && encoder.canEncode(bare) ? bare : "?");
    });
    return out.toString();
  }
}
