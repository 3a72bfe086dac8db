package jp.kama.hub.notifications.feed;

/**
 * Text as XML 1.0 can carry it. {@code XMLStreamWriter} escapes {@code <} and {@code &} but
 * writes control characters as they are, and one of them (a vertical tab pasted into a shelter
 * name) makes the whole document unreadable to every parser: the CAP feed and L-Alert documents
 * pass their text through here.
 */
public final class XmlText {

    private XmlText() {
    }

    /** {@code s} without the characters XML 1.0 does not allow (most C0 controls, lone surrogates, U+FFFE/U+FFFF); null as "". */
    public static String clean(String s) {
        if (s == null) {
            return "";
        }
        if (s.codePoints().allMatch(XmlText::allowed)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(XmlText::allowed).forEach(b::appendCodePoint);
        return b.toString();
    }

    static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
