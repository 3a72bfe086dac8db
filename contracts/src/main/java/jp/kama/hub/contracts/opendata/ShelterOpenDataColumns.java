package jp.kama.hub.contracts.opendata;

import java.util.List;

/**
 * The national recommended open-data columns for evacuation sites, in their standard order:
 * デジタル庁 自治体標準オープンデータセット, sheet 「03 指定緊急避難場所一覧」 (データ項目定義書;
 * sources in docs/disasters.md and shared/reference/standards.md §3a). A contract with the
 * outside world like the OpenAPI files, so it lives here once: disaster-service imports shelters
 * and builds each snapshot's {@code openData} in this order, notification-service writes the
 * public CSV with it.
 */
public final class ShelterOpenDataColumns {

    /** The 39 columns, in order. */
    public static final List<String> NATIONAL = List.of(
            "全国地方公共団体コード", "ID", "名称", "名称_カナ", "名称_英字", "所在地_全国地方公共団体コード", "町字ID",
            "所在地_連結表記", "所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下", "建物名等(方書)",
            "緯度", "経度", "標高", "電話番号", "内線番号", "連絡先メールアドレス", "連絡先FormURL",
            "連絡先備考（その他、SNSなど）", "郵便番号", "市区町村コード(設置主体)", "地方公共団体名(設置主体)",
            "災害種別_洪水", "災害種別_崖崩れ、土石流及び地滑り", "災害種別_高潮", "災害種別_地震", "災害種別_津波",
            "災害種別_大規模な火事", "災害種別_内水氾濫", "災害種別_火山現象", "指定避難所との重複", "想定収容人数",
            "対象となる町会・自治会", "URL", "画像", "画像_ライセンス", "備考");

    private ShelterOpenDataColumns() {
    }
}
