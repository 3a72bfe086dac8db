package jp.kama.hub.cases.casefile;

import java.util.Locale;

/**
 * Responsible department; the code is what Keycloak puts in the {@code department} claim of
 * department staff (e.g. user {@code dept}: {@code road}).
 */
public enum Department {
    /** 道路 */
    ROAD,
    /** 河川 */
    RIVER,
    /** 上下水道 */
    WATER,
    /** 農林 */
    FORESTRY,
    /** 建築 */
    BUILDING,
    /** 福祉 */
    WELFARE,
    /** 防災危機管理: the disaster-response desk, owner of every case until triage. */
    GENERAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Department ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
