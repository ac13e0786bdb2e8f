package id.aglis.hub.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
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
}
