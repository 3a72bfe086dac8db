package jp.kama.hub.notifications.feed;

import java.util.List;

/**
 * The 39 columns of the national recommended open-data format for evacuation sites
 * (自治体標準オープンデータセット, デジタル庁, 「03 指定緊急避難場所一覧」), in their standard order.
 * Source and column notes: /work/shared/reference/standards.md §3a (dx-junkyard
 * EmergencyEvacuationSiteRequestBody, quoting the 項目定義書). Hazard flags are 1 or empty.
 */
final class NationalColumns {

    static final List<String> ALL = List.of(
            "全国地方公共団体コード", "ID", "名称", "名称_カナ", "名称_英字", "所在地_全国地方公共団体コード", "町字ID",
            "所在地_連結表記", "所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下", "建物名等(方書)",
            "緯度", "経度", "標高", "電話番号", "内線番号", "連絡先メールアドレス", "連絡先FormURL",
            "連絡先備考（その他、SNSなど）", "郵便番号", "市区町村コード(設置主体)", "地方公共団体名(設置主体)",
            "災害種別_洪水", "災害種別_崖崩れ、土石流及び地滑り", "災害種別_高潮", "災害種別_地震", "災害種別_津波",
            "災害種別_大規模な火事", "災害種別_内水氾濫", "災害種別_火山現象", "指定避難所との重複", "想定収容人数",
            "対象となる町会・自治会", "URL", "画像", "画像_ライセンス", "備考");

    /** The hazard codes of the shelter events, in the order of the 災害種別 columns 25–32. */
    static final List<String> HAZARDS = List.of(
            "FLOOD", "LANDSLIDE", "STORM_SURGE", "EARTHQUAKE", "TSUNAMI", "LARGE_FIRE", "INLAND_FLOOD", "VOLCANO");

    /** Columns after the national ones: the current state, and when it was true. */
    static final List<String> STATUS = List.of("開設状況", "避難所状況", "現在の避難者数", "時点");

    private NationalColumns() {
    }
}
