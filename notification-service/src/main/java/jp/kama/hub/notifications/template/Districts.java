package jp.kama.hub.notifications.template;

import jp.kama.hub.contracts.district.District;

/**
 * A district's name as a message in each language writes it, from the one district list in
 * {@code contracts} ({@link District}): kanji in Japanese, Latin letters in English, the hiragana
 * reading in やさしい日本語 (easy Japanese).
 */
public final class Districts {

    private Districts() {
    }

    /** The name of the district with this code; an unknown code is written as it came. */
    public static String name(String code, Language language) {
        return District.ofCode(code).map(d -> switch (language) {
            case JA -> d.japaneseName();
            case EN -> d.englishName();
            case JA_EASY -> d.reading();
        }).orElse(code);
    }
}
