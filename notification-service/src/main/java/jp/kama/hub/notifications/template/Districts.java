package jp.kama.hub.notifications.template;

import java.util.Map;

/** Names of Kama City's four districts (the former towns merged in 2006) in each language. */
public final class Districts {

    private static final Map<String, String[]> NAMES = Map.of(
            // ja, en, easy Japanese (hiragana)
            "YAMADA", new String[] {"山田", "Yamada", "やまだ"},
            "INATSUKI", new String[] {"稲築", "Inatsuki", "いなつき"},
            "USUI", new String[] {"碓井", "Usui", "うすい"},
            "KAHO", new String[] {"嘉穂", "Kaho", "かほ"});

    private Districts() {
    }

    public static String name(String code, Language language) {
        String[] n = NAMES.get(code);
        if (n == null) {
            return code;
        }
        return n[language.ordinal()];
    }
}
