package jp.kama.hub.disasters;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.disasters.shelter.OpenDataColumns;

/** Object Mother for shelter CSVs in the national format (plus Kama's 地区 column). */
public final class ShelterCsv {

    private final List<List<String>> rows = new ArrayList<>();

    public static ShelterCsv of() {
        return new ShelterCsv();
    }

    /** A unique id for a test's own shelter. */
    public static String newId() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String header() {
        return String.join(",", OpenDataColumns.NATIONAL) + "," + OpenDataColumns.DISTRICT;
    }

    /** A shelter designated for floods and landslides, also a 指定避難所. */
    public ShelterCsv shelter(String id, int capacity, double lat, double lon) {
        return row(id, "テスト避難所 " + id, Integer.toString(capacity), Double.toString(lat), Double.toString(lon), "USUI");
    }

    public ShelterCsv row(String id, String name, String capacity, String lat, String lon, String district) {
        List<String> r = new ArrayList<>(Collections.nCopies(OpenDataColumns.NATIONAL.size() + 1, ""));
        set(r, "全国地方公共団体コード", "402273");
        set(r, "ID", id);
        set(r, "名称", name);
        set(r, "名称_カナ", "テストヒナンジョ");
        set(r, "所在地_連結表記", "福岡県嘉麻市上臼井0-0（テスト）");
        set(r, "緯度", lat);
        set(r, "経度", lon);
        set(r, "電話番号", "000-0000-0000");
        set(r, "災害種別_洪水", "1");
        set(r, "災害種別_崖崩れ、土石流及び地滑り", "1");
        set(r, "指定避難所との重複", "1");
        set(r, "想定収容人数", capacity);
        set(r, "備考", "テスト用, \"引用\" を含む");
        r.set(OpenDataColumns.NATIONAL.size(), district);
        rows.add(r);
        return this;
    }

    /** Changes one cell of the last row. */
    public ShelterCsv with(String column, String value) {
        List<String> r = rows.getLast();
        if (column.equals(OpenDataColumns.DISTRICT)) {
            r.set(OpenDataColumns.NATIONAL.size(), value);
        } else {
            set(r, column, value);
        }
        return this;
    }

    public String text() {
        StringBuilder sb = new StringBuilder(header()).append("\r\n");
        for (List<String> r : rows) {
            sb.append(String.join(",", r.stream().map(ShelterCsv::quote).toList())).append("\r\n");
        }
        return sb.toString();
    }

    /** UTF-8 with a BOM, as the GSI publishes its lists. */
    public byte[] utf8WithBom() {
        byte[] body = text().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    private static void set(List<String> r, String column, String value) {
        int i = OpenDataColumns.NATIONAL.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no national column " + column);
        }
        r.set(i, value);
    }

    private static String quote(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
