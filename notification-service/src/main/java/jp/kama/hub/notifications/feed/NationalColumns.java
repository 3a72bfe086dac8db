package jp.kama.hub.notifications.feed;

import java.util.Arrays;
import java.util.List;

import jp.kama.hub.contracts.events.HazardTypeV1;
import jp.kama.hub.contracts.opendata.ShelterOpenDataColumns;

/**
 * The columns of the public shelter CSV: the 39 national open-data columns
 * ({@link ShelterOpenDataColumns#NATIONAL}, kept once in contracts) followed by the current
 * state and its time. Hazard flags are 1 or empty.
 */
final class NationalColumns {

    static final List<String> ALL = ShelterOpenDataColumns.NATIONAL;

    /**
     * The hazard codes of the shelter events, in the order of the 災害種別 columns 25–32: the
     * contract's {@link HazardTypeV1} (generated from the shelter event schemas, national order).
     */
    static final List<String> HAZARDS = Arrays.stream(HazardTypeV1.values()).map(HazardTypeV1::value).toList();

    /** Columns after the national ones: the current state, and when it was true. */
    static final List<String> STATUS = List.of("開設状況", "避難所状況", "現在の避難者数", "時点");

    private NationalColumns() {
    }
}
