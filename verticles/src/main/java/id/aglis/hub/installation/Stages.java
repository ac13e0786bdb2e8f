package id.aglis.hub.installation;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The stages of an installation, in the only order they may be reached (skipping forward is fine). */
final class Stages {

  static final String SCHEDULED = "scheduled";
  static final String ACTIVATED = "activated";
  static final List<String> ORDER = List.of(SCHEDULED, "survey", "cabling", "device_installed", ACTIVATED);
  static final Set<String> ALL = Set.copyOf(ORDER);

  /** What the customer reads in the WhatsApp notice and the portal. */
  private static final Map<String, String> LABELS = Map.of(SCHEDULED, "Terjadwal", "survey", "Survei lokasi",
      "cabling", "Penarikan kabel", "device_installed", "Perangkat terpasang", ACTIVATED, "Aktif");

  private Stages() {
  }

  static int rank(String stage) {
    return ORDER.indexOf(stage);
  }

  static boolean isBackwards(String from, String to) {
    return rank(to) < rank(from);
  }

  static String label(String stage) {
    return LABELS.getOrDefault(stage, stage);
  }
}
