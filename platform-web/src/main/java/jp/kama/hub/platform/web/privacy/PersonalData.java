package jp.kama.hub.platform.web.privacy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Masks what could identify or reach a person in text the hub writes about a request (a
 * problem's {@code instance} and {@code detail}, a log line): My Numbers ({@link MyNumbers}),
 * Japanese phone numbers ({@code 090-1234-5678}, {@code 0942-12-3456}, {@code +81 90 1234 5678})
 * and e-mail addresses, ASCII or full-width, also percent-encoded in a path; digits inside a UUID
 * (an id echoed in "no alert 6f1c2a4e-0000-4000-8000-000000000000") are not a phone number. Not for what a caller
 * stores on purpose: only for echoes of caller input.
 */
public final class PersonalData {

    /** What a masked value becomes in text. */
    public static final String MASK = "***";

    // on the folded text (full-width digits, '+', '-', '@' and the ideographic space made ASCII)
    private static final Pattern PHONE = Pattern.compile(
            "(?<![0-9A-Za-z])(?:\\+81[ \\-]?|0)[0-9](?:[ \\-]?[0-9]){7,10}(?![0-9])");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+");

    private PersonalData() {
    }

    /** The text with every My Number, phone number and e-mail address replaced by {@link #MASK}. */
    public static @Nullable String mask(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String noMyNumber = MyNumbers.redact(text);
        String redacted = noMyNumber.equals(text) ? text : noMyNumber.replace(MyNumbers.REDACTED, MASK);
        String folded = fold(redacted);
        List<int[]> spans = new ArrayList<>();
        for (Pattern p : List.of(PHONE, EMAIL)) {
            Matcher m = p.matcher(folded);
            while (m.find()) {
                if (p != PHONE || digits(m.group()) >= 10 && !MyNumbers.insideUuid(folded, m.start(), m.end())) {
                    spans.add(new int[] {m.start(), m.end()});
                }
            }
        }
        if (spans.isEmpty()) {
            return redacted;
        }
        spans.sort((a, b) -> Integer.compare(a[0], b[0]));
        StringBuilder out = new StringBuilder();
        int last = 0;
        for (int[] s : spans) {
            if (s[0] < last) {
                last = Math.max(last, s[1]);
                continue;
            }
            out.append(redacted, last, s[0]).append(MASK);
            last = s[1];
        }
        return out.append(redacted, last, redacted.length()).toString();
    }

    /** Whether {@link #mask} would change the text. */
    public static boolean contains(@Nullable String text) {
        return text != null && !text.equals(mask(text));
    }

    /**
     * A request path with every segment that holds personal data (after percent-decoding)
     * replaced by {@link #MASK}: safe to echo as a problem's {@code instance} (still a valid URI
     * reference).
     */
    public static @Nullable String maskPath(@Nullable String path) {
        if (path == null || path.isEmpty()) {
            return path;
        }
        String[] segments = path.split("/", -1);
        boolean changed = false;
        for (int i = 0; i < segments.length; i++) {
            if (!segments[i].isEmpty() && contains(percentDecode(segments[i]))) {
                segments[i] = MASK;
                changed = true;
            }
        }
        return changed ? String.join("/", segments) : path;
    }

    /** Same length as the input: full-width digits, plus, hyphen, at sign and the ideographic space as ASCII. */
    static String fold(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= '\uFF10' && c <= '\uFF19') {
                chars[i] = (char) ('0' + c - '\uFF10');
            } else if (c == '\uFF0B') {
                chars[i] = '+';
            } else if (c == '\uFF0D' || c == '\u2010' || c == '\u2011' || c == '\u2012' || c == '\u2013' || c == '\u2212') {
                chars[i] = '-';
            } else if (c == '\uFF20') {
                chars[i] = '@';
            } else if (c == '\u3000') {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }

    private static int digits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** %XX sequences as UTF-8 (malformed ones kept as they are), '+' as a space. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
