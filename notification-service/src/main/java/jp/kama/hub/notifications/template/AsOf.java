package jp.kama.hub.notifications.template;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** "As of" times as a reader in Kama City reads them: Japan Standard Time, no seconds. */
final class AsOf {

    static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter JA = DateTimeFormatter.ofPattern("M月d日 H時mm分", Locale.JAPAN).withZone(JST);
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("d MMM HH:mm 'JST'", Locale.ENGLISH).withZone(JST);

    private AsOf() {
    }

    static String format(Instant at, Language language) {
        if (at == null) {
            return "";
        }
        return switch (language) {
            case EN -> "as of " + EN.format(at);
            case JA -> JA.format(at) + "時点";
            case JA_EASY -> JA.format(at) + "の じょうほう";
        };
    }
}
