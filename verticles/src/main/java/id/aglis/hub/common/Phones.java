package id.aglis.hub.common;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WhatsApp numbers, normalised once with libphonenumber: {@code 0812-3456-7890}, {@code +62 812 3456 7890}
 * and {@code 6281234567890} all become {@code 6281234567890} (E.164 digits without the plus). Numbers
 * without a country code are read as Indonesian.
 */
public final class Phones {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final int INDONESIA = 62;
  private static final Pattern PHONE_LIKE = Pattern.compile("^\\+?[0-9][0-9 ()\\-.]{6,24}$");
  /**
   * The spellings the hub's callers send almost always ({@code 0812…}, {@code 62812…}, {@code +62812…},
   * digits only) name the Indonesian number after the prefix, so parsing them is skipped: that took four
   * fifths of libphonenumber's time, and was the largest single cost of accepting a message. The number is
   * still validated by libphonenumber, and {@code PhonesTest} checks both ways agree on every shape.
   */
  private static final Pattern PLAIN_INDONESIAN = Pattern.compile("(?:\\+?62|0)([1-9][0-9]{5,13})");

  private Phones() {
  }

  /** The normalised digits, or empty when the text is not a valid phone number. */
  public static Optional<String> normalise(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    Matcher plain = PLAIN_INDONESIAN.matcher(raw);
    return plain.matches() ? validIndonesian(plain.group(1)) : normaliseWithParser(raw);
  }

  private static Optional<String> validIndonesian(String national) {
    PhoneNumber number = new PhoneNumber().setCountryCode(INDONESIA).setNationalNumber(Long.parseLong(national));
    return UTIL.isValidNumber(number) ? Optional.of(INDONESIA + national) : Optional.empty();
  }

  /** Any other spelling, parsed in full. */
  static Optional<String> normaliseWithParser(String raw) {
    if (raw == null || !PHONE_LIKE.matcher(raw.strip()).matches()) {
      return Optional.empty();
    }
    String text = raw.strip();
    // "62812…" without a plus is how Fonnte and most ISP systems write numbers: read it as international.
    if (text.startsWith("62") && !text.startsWith("+")) {
      text = "+" + text;
    }
    try {
      PhoneNumber number = UTIL.parse(text, "ID");
      if (!UTIL.isValidNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** True when the text is shaped like a phone number (used to tell a phone login from a customer number). */
  public static boolean looksLikePhone(String raw) {
    return raw != null && PHONE_LIKE.matcher(raw.strip()).matches() && raw.chars().filter(Character::isDigit).count() >= 8;
  }

  /**
   * A normalised number ({@code 62…}) as a person reads it with its middle hidden: {@code 0812••••7890}. Enough for its
   * owner to recognise, not enough to write to.
   */
  public static String masked(String normalised) {
    String local = normalised.startsWith("62") ? "0" + normalised.substring(2) : normalised;
    if (local.length() <= 8) {
      return local.substring(0, Math.min(2, local.length())) + "••••";
    }
    return local.substring(0, 4) + "••••" + local.substring(local.length() - 4);
  }
}
