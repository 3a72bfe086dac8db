package jp.kama.hub.cases.casefile;

/** The kind of caller a report came from. */
public enum Channel {
    CITIZEN, STAFF, PARTNER
}
