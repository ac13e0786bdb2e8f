package id.aglis.hub.dispatch.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code target} field as Fonnte reads it: comma-separated recipients, each optionally followed by
 * "|name|var1" personalisation, with a leading 0 replaced by {@code countryCode} (default 62; "0" turns it off).
 */
final class Targets {

  private static final String DEFAULT_COUNTRY_CODE = "62";

  private Targets() {
  }

  /** Each recipient's number as written, for matching per-target scripts. */
  static List<String> rawNumbers(String target) {
    List<String> numbers = new ArrayList<>();
    if (target == null) {
      return numbers;
    }
    for (String part : target.split(",")) {
      int bar = part.indexOf('|');
      String number = (bar < 0 ? part : part.substring(0, bar)).trim();
      if (!number.isEmpty()) {
        numbers.add(number);
      }
    }
    return numbers;
  }

  /** The recipients as Fonnte echoes them in the reply's {@code target} array. */
  static List<String> normalised(String target, String countryCode) {
    String code = countryCode == null || countryCode.isBlank() ? DEFAULT_COUNTRY_CODE : countryCode.trim();
    List<String> numbers = rawNumbers(target);
    if (code.equals("0")) {
      return numbers;
    }
    List<String> rewritten = new ArrayList<>(numbers.size());
    for (String number : numbers) {
      rewritten.add(number.startsWith("0") ? code + number.substring(1) : number);
    }
    return rewritten;
  }
}
