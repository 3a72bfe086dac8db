package jp.kama.hub.notifications;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Object Mother for the events notification-service consumes, shaped like disaster-service's contract. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Map<String, Object> shelter(String id, String name, String district, String status, String previous,
                                              int capacity, int occupancy, Instant asOf) {
        Map<String, Object> openData = new LinkedHashMap<>();
        openData.put("全国地方公共団体コード", "402273");
        openData.put("ID", id);
        openData.put("名称", name);
        openData.put("所在地_連結表記", "福岡県嘉麻市岩崎1180番地1");
        openData.put("緯度", "33.5636");
        openData.put("経度", "130.6889");
        openData.put("電話番号", "0948-42-7450");
        openData.put("災害種別_洪水", "1");
        openData.put("災害種別_崖崩れ、土石流及び地滑り", "");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("shelterId", id);
        d.put("name", name);
        d.put("nameKana", "イナツキコウミンカン");
        d.put("address", "福岡県嘉麻市岩崎1180番地1");
        d.put("district", district);
        d.put("latitude", 33.5636);
        d.put("longitude", 130.6889);
        d.put("designatedShelter", true);
        d.put("emergencyEvacuationSite", true);
        d.put("hazards", List.of("FLOOD", "EARTHQUAKE"));
        d.put("capacity", capacity);
        d.put("occupancy", occupancy);
        d.put("status", status);
        d.put("lAlertStatus", switch (status) {
            case "OPEN" -> "空き";
            case "CROWDED" -> "混雑";
            case "FULL" -> "定員一杯";
            default -> "閉鎖";
        });
        d.put("openData", openData);
        d.put("asOf", asOf.toString());
        d.put("sample", true);
        d.put("previousStatus", previous);
        d.put("reason", previous == null || "CLOSED".equals(previous) ? "OPENED" : "OCCUPANCY");
        return d;
    }

    /**
     * Data of {@code jp.kama.shelter.occupancy-changed.v1}: the snapshot after a check-in or
     * check-out that left the status as it was (no previousStatus, no reason).
     */
    public static Map<String, Object> occupancy(String id, String name, String district, String status, int capacity,
                                                int occupancy, Instant asOf) {
        Map<String, Object> d = shelter(id, name, district, status, null, capacity, occupancy, asOf);
        d.remove("previousStatus");
        d.remove("reason");
        return d;
    }

    public static Map<String, Object> evacuation(String district, Integer level, Integer previous, Instant asOf) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("disasterId", "5b1d0f3e-2f0a-4c55-9a57-2f0d8c1e4a11");
        d.put("disasterName", "令和8年9月豪雨");
        d.put("district", district);
        d.put("districtName", switch (district) {
            case "YAMADA" -> "山田";
            case "INATSUKI" -> "稲築";
            case "USUI" -> "碓井";
            default -> "嘉穂";
        });
        d.put("level", level);
        d.put("levelName", level == null ? null : switch (level) {
            case 3 -> "高齢者等避難";
            case 4 -> "避難指示";
            default -> "緊急安全確保";
        });
        d.put("previousLevel", previous);
        d.put("message", null);
        d.put("issuedAt", asOf.toString());
        d.put("draftedBy", "staff-a");
        d.put("approvedBy", "staff-b");
        d.put("asOf", asOf.toString());
        return d;
    }

    /** {@code jp.kama.shelter.hazard-flagged.v1}: a landslide case {@code meters} from the shelter. */
    public static Map<String, Object> hazardFlagged(String shelterId, String shelterName, java.util.UUID caseId, int meters,
                                                    Instant at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("flagId", java.util.UUID.nameUUIDFromBytes((shelterId + "|" + caseId).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        d.put("shelterId", shelterId);
        d.put("shelterName", shelterName);
        d.put("caseId", caseId.toString());
        d.put("category", "LANDSLIDE");
        d.put("distanceMeters", meters);
        d.put("reportedAt", at.toString());
        d.put("flaggedAt", at.toString());
        return d;
    }

    /** {@code jp.kama.evacuation.approval-requested.v1}: a draft of {@code level} (null = lift) waits for a second approver. */
    public static Map<String, Object> approvalRequested(java.util.UUID draftId, String district, Integer level, Instant at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("draftId", draftId.toString());
        d.put("disasterId", "5b1d0f3e-2f0a-4c55-9a57-2f0d8c1e4a11");
        d.put("disasterName", "令和8年9月豪雨");
        d.put("district", district);
        d.put("districtName", switch (district) {
            case "YAMADA" -> "山田";
            case "INATSUKI" -> "稲築";
            case "USUI" -> "碓井";
            default -> "嘉穂";
        });
        d.put("level", level);
        d.put("levelName", level == null ? null : switch (level) {
            case 3 -> "高齢者等避難";
            case 4 -> "避難指示";
            default -> "緊急安全確保";
        });
        d.put("previousLevel", null);
        d.put("message", "河川が氾濫するおそれがあります");
        d.put("draftedAt", at.toString());
        return d;
    }
}
