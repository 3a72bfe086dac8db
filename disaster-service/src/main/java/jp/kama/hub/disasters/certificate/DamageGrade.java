package jp.kama.hub.disasters.certificate;

import java.math.BigDecimal;

/**
 * The official grades of damage to a dwelling (住家の被害の程度) a 罹災証明書 certifies, with their
 * damage-ratio bands (損害割合, percent of the dwelling's economic value), from 内閣府「災害に係る住家の
 * 被害認定基準運用指針」. The contract's {@code DamageGrade} code list has the same names
 * (disaster-api.yaml, where the source is documented). A band includes its lower bound and
 * excludes its upper bound; 全壊 has no upper bound.
 */
public enum DamageGrade {

    ZENKAI("全壊", 50, 101),
    DAIKIBO_HANKAI("大規模半壊", 40, 50),
    CHUKIBO_HANKAI("中規模半壊", 30, 40),
    HANKAI("半壊", 20, 30),
    JUN_HANKAI("準半壊", 10, 20),
    ICHIBU_SONKAI("準半壊に至らない（一部損壊）", 0, 10);

    private final String label;
    private final int fromPercent;
    private final int belowPercent;

    DamageGrade(String label, int fromPercent, int belowPercent) {
        this.label = label;
        this.fromPercent = fromPercent;
        this.belowPercent = belowPercent;
    }

    /** The grade's name as printed on the certificate, e.g. 半壊. */
    public String label() {
        return label;
    }

    /** Whether a damage ratio (percent, 0-100) lies in this grade's band. */
    public boolean accepts(BigDecimal ratioPercent) {
        return ratioPercent.compareTo(BigDecimal.valueOf(fromPercent)) >= 0
                && ratioPercent.compareTo(BigDecimal.valueOf(belowPercent)) < 0;
    }

    /** The band in words, for a refusal: e.g. "20 % or more and under 30 %". */
    public String band() {
        return this == ZENKAI ? "50 % or more"
                : this == ICHIBU_SONKAI ? "under 10 %"
                : fromPercent + " % or more and under " + belowPercent + " %";
    }

    /** The grade whose band holds this ratio. */
    public static DamageGrade forRatio(BigDecimal ratioPercent) {
        for (DamageGrade g : values()) {
            if (g.accepts(ratioPercent)) {
                return g;
            }
        }
        throw new IllegalArgumentException("a damage ratio is 0 to 100 percent");
    }
}
