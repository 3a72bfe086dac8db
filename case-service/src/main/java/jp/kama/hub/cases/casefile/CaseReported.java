package jp.kama.hub.cases.casefile;

import java.time.Instant;
import jp.kama.hub.contracts.district.District;

/** Domain event: a report opened a new case. */
public record CaseReported(CaseId caseId, ReportId reportId, Category category, GeoPoint location, Channel channel,
                           Instant reportedAt, District district) {
}
