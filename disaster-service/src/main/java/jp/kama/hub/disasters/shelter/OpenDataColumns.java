package jp.kama.hub.disasters.shelter;

import java.util.List;

import jp.kama.hub.contracts.opendata.ShelterOpenDataColumns;

/**
 * Where disaster-service reads the national open-data columns for evacuation sites
 * ({@link ShelterOpenDataColumns#NATIONAL}, kept once in contracts): the CSV import, the sample
 * data and the {@code openData} object of every shelter snapshot; plus Kama's district column
 * and the positions the import needs.
 */
public final class OpenDataColumns {

    public static final List<String> NATIONAL = ShelterOpenDataColumns.NATIONAL;

    /** Kama's extension after the national columns: the district (not part of the national standard). */
    public static final String DISTRICT = "地区";

    static final int ID = NATIONAL.indexOf("ID");
    static final int NAME = NATIONAL.indexOf("名称");
    static final int NAME_KANA = NATIONAL.indexOf("名称_カナ");
    static final int ADDRESS = NATIONAL.indexOf("所在地_連結表記");
    static final int LATITUDE = NATIONAL.indexOf("緯度");
    static final int LONGITUDE = NATIONAL.indexOf("経度");
    static final int FIRST_HAZARD = NATIONAL.indexOf("災害種別_洪水");
    static final int ALSO_DESIGNATED_SHELTER = NATIONAL.indexOf("指定避難所との重複");
    static final int CAPACITY = NATIONAL.indexOf("想定収容人数");

    private OpenDataColumns() {
    }
}
