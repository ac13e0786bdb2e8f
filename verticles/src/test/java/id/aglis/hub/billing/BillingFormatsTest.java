package id.aglis.hub.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aglis.hub.web.ApiError;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BillingFormatsTest {

  @Test
  @DisplayName("Rupiah are written with dots between thousands and no decimals; times in WIB; periods in Bahasa")
  void rupiah() {
    assertThat(Rupiah.format(350_000)).isEqualTo("Rp 350.000");
    assertThat(Rupiah.format(0)).isEqualTo("Rp 0");
    assertThat(Rupiah.format(1_234_567_890)).isEqualTo("Rp 1.234.567.890");
    assertThat(Rupiah.period("2026-11")).isEqualTo("November 2026");
    assertThat(Rupiah.time(OffsetDateTime.parse("2026-12-03T17:30:00Z"))).isEqualTo("4 Desember 2026 00:30");
  }

  @Test
  @DisplayName("verification codes are ten base32 characters, read back whatever the case, dash or look-alike letters")
  void codes() {
    String code = VerificationCodes.next();
    assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}");
    assertThat(VerificationCodes.normalise(code.toLowerCase().replace("-", " "))).contains(code);
    assertThat(VerificationCodes.normalise("oilab-cdefg")).contains("011AB-CDEFG");
    assertThat(VerificationCodes.normalise("ABCDE")).isEmpty();
    assertThat(VerificationCodes.normalise("ABCDE-FGHJU")).isEmpty();
  }

  @Test
  @DisplayName("amounts are whole rupiah as JSON numbers, within range; anything else names the field")
  void amounts() {
    assertThat(Amounts.whole(350_000, "amount", 1)).isEqualTo(350_000L);
    assertThat(Amounts.whole(350_000.0, "amount", 1)).isEqualTo(350_000L);
    for (Object bad : new Object[] {"350000", 10.5, -1, 0, new BigInteger("100000000000000000000"), true, new JsonObject()}) {
      assertThatThrownBy(() -> Amounts.whole(bad, "amount", 1)).isInstanceOfSatisfying(ApiError.class,
          e -> assertThat(e.field()).isEqualTo("amount"));
    }
  }

  @Test
  @DisplayName("PDF text: Windows-1252 kept as is, other accented letters lose only their accents, other scripts show as ?")
  void printable() {
    assertThat(BillingPdf.printable("Siti Rahmawati — Jl. Kaliurang Km 7 · €")).isEqualTo("Siti Rahmawati — Jl. Kaliurang Km 7 · €");
    assertThat(BillingPdf.printable("Nguyễn Ṭāhir Łódź")).isEqualTo("Nguyen Tahir ?ódz");
    assertThat(BillingPdf.printable("王 👍")).isEqualTo("? ?");
    assertThat(BillingPdf.printable(null)).isNull();
  }
}
