package id.aglis.hub.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhonesTest {

  @ParameterizedTest
  @ValueSource(strings = {"081234567890", "0812-3456-7890", "+62 812 3456 7890", "6281234567890", "+6281234567890", " 0812 3456 7890 "})
  @DisplayName("Indonesian numbers in every common spelling normalise to 62… digits")
  void normalisesIndonesianSpellings(String raw) {
    assertThat(Phones.normalise(raw)).contains("6281234567890");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12", "abc", "0812", "08123456789012345678", "+1 555", "62-", "AGL-000101"})
  @DisplayName("text that is not a valid phone number is refused")
  void refusesInvalid(String raw) {
    assertThat(Phones.normalise(raw)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"AGL-000101", "budi", "A1"})
  @DisplayName("customer numbers do not look like phones")
  void customerNumbersAreNotPhones(String raw) {
    assertThat(Phones.looksLikePhone(raw)).isFalse();
  }

  @Test
  @DisplayName("the shortcut for plain Indonesian spellings agrees with libphonenumber's full parse")
  void shortcutAgreesWithTheParser() {
    Random random = new Random(62);
    String[] prefixes = {"0", "62", "+62", "00", "620", "+620", "6262", "062"};
    int valid = 0;
    for (int i = 0; i < 50_000; i++) {
      StringBuilder raw = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
      // Mostly mobile-like (8…) numbers, some of every other leading digit, of every plausible length.
      raw.append(random.nextInt(3) == 0 ? random.nextInt(10) : 8);
      int length = 4 + random.nextInt(12);
      for (int d = 0; d < length; d++) {
        raw.append(random.nextInt(10));
      }
      String text = raw.toString();
      Optional<String> expected = Phones.normaliseWithParser(text);
      assertThat(Phones.normalise(text)).as(text).isEqualTo(expected);
      valid += expected.isPresent() ? 1 : 0;
    }
    // Both outcomes are well represented, or the comparison would prove little.
    assertThat(valid).isBetween(5_000, 45_000);
  }
}
