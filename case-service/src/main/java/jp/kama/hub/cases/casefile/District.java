package jp.kama.hub.cases.casefile;

/** Kama City's four districts, the former towns merged in 2006. */
public enum District {
    /** 山田 (north-east). */
    YAMADA,
    /** 稲築 (west; the city hall). */
    INATSUKI,
    /** 碓井 (south-west). */
    USUI,
    /** 嘉穂 (south and south-east). */
    KAHO
}
