package jp.kama.hub.notifications.template;

import java.time.Instant;

/**
 * The one source of the evacuation-information message (警戒レベル, 2021 names) in every
 * language. Easy Japanese keeps the official term once with its reading in brackets, because
 * that is the word sirens, TV and neighbours will use, and says what to do in plain words.
 */
public final class EvacuationMessages {

    /** {@code level} 3, 4 or 5; null when the evacuation information was lifted. */
    public record EvacuationLevel(String district, Integer level, Integer previousLevel, String message, Instant asOf) {
    }

    private EvacuationMessages() {
    }

    public static String levelNameJa(Integer level) {
        if (level == null) {
            return "解除";
        }
        return switch (level) {
            case 3 -> "高齢者等避難";
            case 4 -> "避難指示";
            case 5 -> "緊急安全確保";
            default -> "警戒レベル" + level;
        };
    }

    static String levelNameEn(Integer level) {
        if (level == null) {
            return "Evacuation information lifted";
        }
        return switch (level) {
            case 3 -> "Evacuation of elderly and others";
            case 4 -> "Evacuation order";
            case 5 -> "Emergency safety measures";
            default -> "Alert level " + level;
        };
    }

    private static String easyName(Integer level) {
        return switch (level) {
            case 3 -> "高齢者等避難（こうれいしゃとう ひなん）";
            case 4 -> "避難指示（ひなんしじ）";
            case 5 -> "緊急安全確保（きんきゅう あんぜん かくほ）";
            default -> "けいかいレベル" + level;
        };
    }

    private static String easyAction(Integer level) {
        return switch (level) {
            case 3 -> "おとしより、からだの ふじゆうな ひとは、いま にげて ください。";
            case 4 -> "あぶない ところに いる ひとは、みんな いま にげて ください。";
            case 5 -> "いのちが あぶないです。すぐに いちばん あんぜんな ところへ いって ください。";
            default -> "きを つけて ください。";
        };
    }

    public static Message render(EvacuationLevel e, Language language) {
        String district = Districts.name(e.district(), language);
        String asOf = AsOf.format(e.asOf(), language);
        String extra = e.message() == null || e.message().isBlank() ? "" : "\n" + e.message();
        if (e.level() == null) {
            return switch (language) {
                case JA -> new Message("【避難情報 解除】" + district + "地区",
                        district + "地区の避難情報（" + levelNameJa(e.previousLevel()) + "）を解除しました（" + asOf + "）" + extra);
                case EN -> new Message("[Lifted] " + district + " district",
                        "The evacuation information for " + district + " district has been lifted (" + asOf + ")." + extra);
                case JA_EASY -> new Message("【ひなんの じょうほうは おわりました】" + district,
                        district + "の ひなんの じょうほうは おわりました（" + asOf + "）" + extra);
            };
        }
        return switch (language) {
            case JA -> new Message("【警戒レベル" + e.level() + " " + levelNameJa(e.level()) + "】" + district + "地区",
                    district + "地区に警戒レベル" + e.level() + "「" + levelNameJa(e.level()) + "」を発令しました（" + asOf + "）" + extra);
            case EN -> new Message("[Alert level " + e.level() + ": " + levelNameEn(e.level()) + "] " + district + " district",
                    "Kama City has issued alert level " + e.level() + " (" + levelNameEn(e.level()) + ", "
                            + levelNameJa(e.level()) + ") for " + district + " district (" + asOf + ")." + extra);
            case JA_EASY -> new Message("【けいかいレベル" + e.level() + "】" + district,
                    district + "に " + easyName(e.level()) + " が でました。" + easyAction(e.level()) + "（" + asOf + "）" + extra);
        };
    }
}
