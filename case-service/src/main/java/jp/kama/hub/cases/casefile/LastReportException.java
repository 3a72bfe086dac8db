package jp.kama.hub.cases.casefile;

/** The only report of a case cannot be split out of it (409): the case would be left empty. */
public class LastReportException extends RuntimeException {

    public LastReportException() {
        super("The only report of a case cannot be split out of it.");
    }
}
