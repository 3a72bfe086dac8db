package jp.kama.hub.platform.web.privacy;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for a My Number (個人番号) typed where none belongs: 番号法 第20条 forbids
 * collecting or keeping another's My Number outside the uses the law lists, and nothing the hub
 * stores from free text (a report's description, an address, a note) is such a use. So a My Number
 * in caller text is replaced by {@link #REDACTED} before anything stores, logs or publishes it.
 *
 * <p>A My Number here is 12 digits with the right check digit (番号法施行令 第8条, 総務省令第85号
 * 第5条), ASCII or full-width, written together or as 4-4-4 with spaces or hyphens between the
 * groups, not part of a longer number, not after a {@code +} (a phone number such as
 * {@code +819012345678}) and not inside a UUID (about one random UUID in 3,000 ends in twelve
 * digits with a right check digit; an id must reach the service as sent). Twelve digits with a
 * wrong check digit are not a My Number and stay.
 *
 * <p>The only field that carries a My Number on purpose is identity-service's {@code myNumber}
 * (linking the caller's own number; identity-service stores it only as a keyed hash):
 * {@link #EXEMPT_FIELDS}.
 */
public final class MyNumbers {

    /** What a redacted My Number becomes. */
    public static final String REDACTED = "[個人番号は削除されました]";

    /** Field names whose value is a My Number on purpose (identity-api LinkResidentRequest). */
    public static final Set<String> EXEMPT_FIELDS = Set.of("myNumber");

    private static final String DIGIT = "[0-9\uFF10-\uFF19]";
    private static final String SEPARATOR = "[ \u3000\\-\u2010\u2011\u2012\u2013\u2212\uFF0D]?";
    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9\uFF10-\uFF19+\uFF0B])(" + DIGIT + "{4})" + SEPARATOR
            + "(" + DIGIT + "{4})" + SEPARATOR + "(" + DIGIT + "{4})(?!" + DIGIT + ")");

    private static final Pattern UUID = Pattern.compile(
            "(?<![0-9A-Za-z])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Za-z])");

    private MyNumbers() {
    }

    /** Whether [start, end) of the text lies inside a UUID written in it (8-4-4-4-12 hex). */
    public static boolean insideUuid(String text, int start, int end) {
        if (text.indexOf('-') < 0) {
            return false;
        }
        Matcher u = UUID.matcher(text);
        while (u.find()) {
            if (u.start() <= start && end <= u.end()) {
                return true;
            }
            if (u.start() >= end) {
                return false;
            }
        }
        return false;
    }

    /** The text with every My Number in it replaced by {@link #REDACTED}; null stays null. */
    public static @Nullable String redact(@Nullable String text) {
        if (text == null || text.length() < 12 || !hasEnoughDigits(text)) {
            return text;
        }
        Matcher m = CANDIDATE.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String digits = ascii(m.group(1) + m.group(2) + m.group(3));
            if (isMyNumber(digits) && !insideUuid(text, m.start(), m.end())) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, last, m.start()).append(REDACTED);
                last = m.end();
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, last, text.length()).toString();
    }

    /** Whether the text holds a My Number ({@link #redact} would change it). */
    public static boolean contains(@Nullable String text) {
        String redacted = redact(text);
        return redacted != null && !redacted.equals(text);
    }

    /** The value of a field: as given when the field carries a My Number on purpose, else redacted. */
    public static @Nullable String redactField(@Nullable String fieldName, @Nullable String value) {
        return fieldName != null && EXEMPT_FIELDS.contains(fieldName) ? value : redact(value);
    }

    /** Twelve ASCII digits whose last is the check digit of the first eleven. */
    public static boolean isMyNumber(String twelveDigits) {
        if (twelveDigits.length() != 12) {
            return false;
        }
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            char c = twelveDigits.charAt(11 - n);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * (n <= 6 ? n + 1 : n - 5);
        }
        int r = sum % 11;
        int check = r <= 1 ? 0 : 11 - r;
        return twelveDigits.charAt(11) - '0' == check;
    }

    private static boolean hasEnoughDigits(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= '\uFF10' && c <= '\uFF19')) {
                if (++digits >= 12) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String ascii(String digits) {
        StringBuilder out = new StringBuilder(digits.length());
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            out.append(c >= '\uFF10' && c <= '\uFF19' ? (char) ('0' + c - '\uFF10') : c);
        }
        return out.toString();
    }
}
