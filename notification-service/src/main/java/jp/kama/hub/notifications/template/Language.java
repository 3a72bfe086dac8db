package jp.kama.hub.notifications.template;

/** The languages a citizen can choose; {@code code} is what subscriptions and CAP use. */
public enum Language {
    JA("ja", "ja-JP"),
    EN("en", "en-US"),
    /** やさしい日本語: short sentences, hiragana for the hard words, the official term kept once with its reading. */
    JA_EASY("ja-easy", "ja-JP");

    private final String code;
    private final String capLanguage;

    Language(String code, String capLanguage) {
        this.code = code;
        this.capLanguage = capLanguage;
    }

    public String code() {
        return code;
    }

    public String capLanguage() {
        return capLanguage;
    }

    public static Language fromCode(String code) {
        for (Language l : values()) {
            if (l.code.equals(code)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown language " + code);
    }
}
