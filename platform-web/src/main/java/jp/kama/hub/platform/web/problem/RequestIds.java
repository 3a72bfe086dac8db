package jp.kama.hub.platform.web.problem;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for {@code X-Request-Id}, servlet and reactive alike: the caller's id when it
 * looks like one (letters, digits and {@code . _ : -}, at most 64: no header injection, no log
 * forging) and not a personal number, else a new UUID. An id is echoed in every log line and
 * answer of its request, so one that could be a My Number or a phone number (a run of ten or more
 * digits, or ten or more digits and no letter: {@code 123456789018}, {@code 090-1234-5678}) is
 * replaced too (issue 15's canary scan); a UUID, a ULID or {@code trace-42} stays.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern LONG_DIGIT_RUN = Pattern.compile("[0-9]{10}");
    private static final Pattern LETTER = Pattern.compile("[A-Za-z]");
    private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private RequestIds() {
    }

    public static String acceptOrCreate(@Nullable String offered) {
        return offered != null && ACCEPTABLE.matcher(offered).matches() && !couldBePersonal(offered) ? offered
                : UUID.randomUUID().toString();
    }

    /** Ten or more digits in a row, or ten or more digits and no letter (a phone number with hyphens); never a UUID. */
    static boolean couldBePersonal(String id) {
        if (UUID_SHAPE.matcher(id).matches()) {
            return false; // a UUID's last group may be twelve digits by chance
        }
        if (LONG_DIGIT_RUN.matcher(id).find()) {
            return true;
        }
        long digits = id.chars().filter(c -> c >= '0' && c <= '9').count();
        return digits >= 10 && !LETTER.matcher(id).find();
    }
}
