package jp.kama.hub.cases.casequery;

import jp.kama.hub.cases.casefile.Case;
import jp.kama.hub.cases.casefile.StoredReport;

/**
 * A case as one caller may read it: staff who work it read it all; a reporter reads the case's
 * progress, but the free text of their own report only (the case's text may come from another
 * citizen whose report opened it) and not the assignee.
 */
public record CaseView(Case theCase, String description, String addressText, String assignee) {

    static CaseView whole(Case c) {
        return new CaseView(c, c.description(), c.addressText(), c.assignee());
    }

    static CaseView asReporter(Case c, StoredReport own) {
        return new CaseView(c, own.details().description(), own.details().addressText(), null);
    }
}
