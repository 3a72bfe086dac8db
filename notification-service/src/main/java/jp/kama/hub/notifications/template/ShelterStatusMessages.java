package jp.kama.hub.notifications.template;

import java.time.Instant;

/**
 * The one source of the shelter-status message in every language. The L-Alert value (空き,
 * 混雑, 定員一杯, 閉鎖) is what Japanese readers already know from TV and L-Alert, so it is used
 * verbatim in Japanese; easy Japanese says the same in hiragana words.
 */
public final class ShelterStatusMessages {

    /** What the message needs to know about the shelter. */
    public record ShelterStatus(String name, String district, String status, String previousStatus, int capacity,
                                int occupancy, Instant asOf) {
    }

    private ShelterStatusMessages() {
    }

    public static Message render(ShelterStatus s, Language language) {
        String district = Districts.name(s.district(), language);
        String asOf = AsOf.format(s.asOf(), language);
        return switch (language) {
            case JA -> new Message("【避難所情報】" + s.name() + "：" + lAlert(s.status()),
                    district + "地区の避難所「" + s.name() + "」は" + lAlert(s.status()) + "です"
                            + occupancyJa(s) + "（" + asOf + "）");
            case EN -> new Message("[Shelter] " + s.name() + ": " + english(s.status()),
                    "The shelter " + s.name() + " in " + district + " district is " + english(s.status())
                            + occupancyEn(s) + " (" + asOf + ").");
            case JA_EASY -> new Message("【ひなんじょ】" + s.name() + "：" + easy(s.status()),
                    district + "の ひなんじょ「" + s.name() + "」は " + easy(s.status()) + "。"
                            + easyAdvice(s.status()) + "（" + asOf + "）");
        };
    }

    /** The L-Alert 避難所状況 word for a status (空き, 混雑, 定員一杯, 閉鎖). */
    public static String lAlert(String status) {
        return switch (status) {
            case "OPEN" -> "空き";
            case "CROWDED" -> "混雑";
            case "FULL" -> "定員一杯";
            case "CLOSED" -> "閉鎖";
            default -> "不明";
        };
    }

    private static String english(String status) {
        return switch (status) {
            case "OPEN" -> "open with space";
            case "CROWDED" -> "crowded";
            case "FULL" -> "full";
            case "CLOSED" -> "closed";
            default -> "in an unknown state";
        };
    }

    private static String easy(String status) {
        return switch (status) {
            case "OPEN" -> "あいて います";
            case "CROWDED" -> "こんで います";
            case "FULL" -> "いっぱい です";
            case "CLOSED" -> "しまって います";
            default -> "わかりません";
        };
    }

    private static String easyAdvice(String status) {
        return switch (status) {
            case "FULL", "CLOSED" -> "ほかの ひなんじょへ いって ください。";
            default -> "";
        };
    }

    private static String occupancyJa(ShelterStatus s) {
        return "CLOSED".equals(s.status()) ? "" : "（" + s.occupancy() + "人／定員" + s.capacity() + "人）";
    }

    private static String occupancyEn(ShelterStatus s) {
        return "CLOSED".equals(s.status()) ? "" : ", " + s.occupancy() + " of " + s.capacity() + " places taken";
    }
}
