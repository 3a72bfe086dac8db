package jp.kama.hub.platform.web.problem;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for {@code X-Request-Id}, servlet and reactive alike: the caller's id when it
 * looks like one (letters, digits and {@code . _ : -}, at most 64: no header injection, no log
 * forging), else a new UUID.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    public static String acceptOrCreate(@Nullable String offered) {
        return offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
