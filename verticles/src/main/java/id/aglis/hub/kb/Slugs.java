package id.aglis.hub.kb;

import id.aglis.hub.web.ApiError;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** URL names of articles and categories: lower-case letters and digits in words joined by single hyphens. */
final class Slugs {

  static final int MAX = 100;
  /** How long a slug field may be before it is checked: past {@link #MAX}, so the answer explains what a slug is. */
  static final int INPUT_MAX = 1_000;
  static final Pattern PATTERN = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9]+");

  private Slugs() {
  }

  /** {@code value} when it is a slug; otherwise a 400 naming {@code field}. */
  static String checked(String value, String field) {
    if (value.length() > MAX || !PATTERN.matcher(value).matches()) {
      throw ApiError.invalidField(field, "'" + field + "' must be lower-case letters and digits in words joined by single "
          + "hyphens (cara-bayar-tagihan), at most " + MAX + " characters.");
    }
    return value;
  }

  /** A slug made from a title: accents dropped, anything else than letters and digits a hyphen ("Lupa Kata Sandi?" → lupa-kata-sandi). */
  static String fromTitle(String title, String field) {
    String plain = MARKS.matcher(Normalizer.normalize(title, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    String slug = NOT_WORD.matcher(plain).replaceAll("-").replaceAll("^-+|-+$", "");
    if (slug.length() > MAX) {
      slug = slug.substring(0, MAX).replaceAll("-+$", "");
    }
    if (slug.isEmpty()) {
      throw ApiError.invalidField(field, "'" + field + "' is needed: the title has no letters or digits to make one from.");
    }
    return slug;
  }
}
