package id.aglis.hub.webhook;

import java.util.Locale;
import java.util.Map;

/**
 * A customer's account words as a customer reads them in Bahasa Indonesia. The database keeps the
 * status as an English code ({@code active}, {@code suspended}, …) for the API and staff tools; a
 * WhatsApp reply must not show it raw ("status suspended" in an Indonesian sentence).
 */
final class CustomerWords {

  private static final Map<String, String> STATUS = Map.of(
      "active", "aktif",
      "suspended", "diblokir sementara",
      "terminated", "berhenti berlangganan",
      "prospect", "calon pelanggan");

  private CustomerWords() {
  }

  /** The status in Bahasa Indonesia; a status the hub does not know yet is left as stored rather than hidden. */
  static String status(String status) {
    if (status == null || status.isBlank()) {
      return "-";
    }
    return STATUS.getOrDefault(status.strip().toLowerCase(Locale.ROOT), status);
  }

  /** Plan names are the ISP's own product names (already Indonesian, "Rumah 20 Mbps"); a missing one reads "paket belum dipilih". */
  static String plan(String plan) {
    return plan == null || plan.isBlank() ? "belum dipilih" : plan;
  }
}
