package id.aglis.hub.billing;

import id.aglis.hub.common.Times;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;

/** How amounts, periods and dates read for a customer: {@code Rp 350.000}, {@code November 2026}, {@code 3 Desember 2026}. */
final class Rupiah {

  private static final List<String> MONTHS = List.of("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
      "Agustus", "September", "Oktober", "November", "Desember");

  private Rupiah() {
  }

  /** Whole rupiah with dots between thousands and no decimals: {@code Rp 350.000}. */
  static String format(long amount) {
    String digits = String.format(java.util.Locale.ROOT, "%,d", Math.abs(amount)).replace(',', '.');
    return (amount < 0 ? "-Rp " : "Rp ") + digits;
  }

  /** {@code 2026-11} as {@code November 2026}. */
  static String period(String period) {
    YearMonth ym = YearMonth.parse(period);
    return MONTHS.get(ym.getMonthValue() - 1) + " " + ym.getYear();
  }

  static String date(LocalDate date) {
    return date.getDayOfMonth() + " " + MONTHS.get(date.getMonthValue() - 1) + " " + date.getYear();
  }

  /** The time in WIB, as {@code 3 Desember 2026 18:30} (the caller adds "WIB" where the sentence needs it). */
  static String time(OffsetDateTime at) {
    var wib = at.atZoneSameInstant(Times.BUSINESS_ZONE);
    return date(wib.toLocalDate()) + String.format(java.util.Locale.ROOT, " %02d:%02d", wib.getHour(), wib.getMinute());
  }

  /** The invoice status as the customer reads it. */
  static String status(String status) {
    return switch (status) {
      case Invoice.PAID -> "Lunas";
      case Invoice.PARTIALLY_PAID -> "Dibayar sebagian";
      case Invoice.OVERDUE -> "Lewat jatuh tempo";
      case Invoice.VOID -> "Dibatalkan";
      default -> "Belum dibayar";
    };
  }
}
