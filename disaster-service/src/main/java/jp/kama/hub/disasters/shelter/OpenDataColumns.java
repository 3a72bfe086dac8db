package jp.kama.hub.disasters.shelter;

import java.util.List;

/**
 * The national recommended open-data columns for evacuation sites, in their order: デジタル庁
 * 自治体標準オープンデータセット, sheet 「03 指定緊急避難場所一覧」 (データ項目定義書, see
 * docs/disasters.md for the sources). One source of truth for the CSV import, the sample data
 * and the {@code openData} object of every shelter snapshot.
 */
public final class OpenDataColumns {

    public static final List<String> NATIONAL = List.of(
            "全国地方公共団体コード", "ID", "名称", "名称_カナ", "名称_英字", "所在地_全国地方公共団体コード", "町字ID",
            "所在地_連結表記", "所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下", "建物名等(方書)",
            "緯度", "経度", "標高", "電話番号", "内線番号", "連絡先メールアドレス", "連絡先FormURL",
            "連絡先備考（その他、SNSなど）", "郵便番号", "市区町村コード(設置主体)", "地方公共団体名(設置主体)",
            "災害種別_洪水", "災害種別_崖崩れ、土石流及び地滑り", "災害種別_高潮", "災害種別_地震", "災害種別_津波",
            "災害種別_大規模な火事", "災害種別_内水氾濫", "災害種別_火山現象", "指定避難所との重複", "想定収容人数",
            "対象となる町会・自治会", "URL", "画像", "画像_ライセンス", "備考");

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
