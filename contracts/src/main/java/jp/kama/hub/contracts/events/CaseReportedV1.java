package jp.kama.hub.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code jp.kama.case.reported.v1}: a report opened a case. Carries no personal data
 * (no reporter, no free text). Schema: {@code events/case-reported.v1.schema.json}.
 */
public record CaseReportedV1(
        UUID caseId,
        UUID reportId,
        String category,
        Location location,
        String channel,
        Instant reportedAt) {

    /** WGS84 decimal degrees. */
    public record Location(double latitude, double longitude) {
    }
}
