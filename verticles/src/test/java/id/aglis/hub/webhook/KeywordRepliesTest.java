package id.aglis.hub.webhook;

import id.aglis.hub.bus.CustomerByPhoneReply;
import static org.assertj.core.api.Assertions.assertThat;

import id.aglis.hub.dispatch.Templates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The INFO reply reads as Bahasa Indonesia whatever the customer's stored status and plan. */
class KeywordRepliesTest {

  private static CustomerByPhoneReply customer(String plan, String status) {
    return new CustomerByPhoneReply(true, 112L, "AGL-000112", "Joko Wibowo", plan, status);
  }

  /** The reply text as the migration seeds it, so the test reads what a customer would. */
  private static String seededInfoTemplate() throws IOException {
    try (InputStream in = KeywordRepliesTest.class.getResourceAsStream("/db/migration/V005__keywords.sql")) {
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("\\('reply\\.info', '((?:[^']|'')*)'\\)").matcher(sql);
      assertThat(m.find()).as("reply.info in V005").isTrue();
      return m.group(1).replace("''", "'");
    }
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"active, aktif", "suspended, diblokir sementara", "terminated, berhenti berlangganan",
      "prospect, calon pelanggan", "SUSPENDED, diblokir sementara"})
  @DisplayName("each customer status is written in Bahasa Indonesia")
  void statusInIndonesian(String stored, String shown) {
    assertThat(CustomerWords.status(stored)).isEqualTo(shown);
  }

  @Test
  @DisplayName("INFO for a suspended customer: the whole reply is Indonesian, no 'suspended' in it")
  void suspendedCustomerReply() throws IOException {
    String reply = Templates.render(seededInfoTemplate(), KeywordReplies.infoParams(customer("Rumah 30 Mbps", "suspended")));
    assertThat(reply).isEqualTo("Halo Joko Wibowo, ini info akun Anda: nomor pelanggan AGL-000112, paket Rumah 30 Mbps, "
        + "status diblokir sementara. Terima kasih telah menggunakan layanan kami.");
    assertThat(reply.toLowerCase(Locale.ROOT)).doesNotContain("suspended", "active", "prospect", "terminated");
  }

  @Test
  @DisplayName("INFO for a prospect without a plan says the plan is not chosen yet, instead of a bare dash")
  void prospectWithoutPlan() throws IOException {
    String reply = Templates.render(seededInfoTemplate(), KeywordReplies.infoParams(customer(null, "prospect")));
    assertThat(reply).contains("paket belum dipilih, status calon pelanggan.");
  }

  @Test
  @DisplayName("a status the hub does not know yet is shown as stored rather than dropped")
  void unknownStatusKept() {
    assertThat(CustomerWords.status("paused")).isEqualTo("paused");
    assertThat(CustomerWords.status(null)).isEqualTo("-");
  }
}
