package jp.kama.hub.cases.casefile;

import java.time.Instant;
import jp.kama.hub.contracts.district.District;

/**
 * One caller's report as stored. {@code details.contact()} is personal data: only the audited
 * contact read hands it out.
 */
public record StoredReport(ReportId id, CaseId caseId, String reporterSubject, String clientId, Channel channel,
                           ReportDetails details, District district, Instant receivedAt) {
}
