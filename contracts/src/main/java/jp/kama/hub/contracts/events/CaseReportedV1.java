package jp.kama.hub.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code jp.kama.case.reported.v1}: a report opened a case. Carries no personal data
 * (no reporter, no free text). Schema: {@code events/case-reported.v1.schema.json}.
 *
 * <p>{@code district} (YAMADA, INATSUKI, USUI, KAHO) was added later as an optional field,
 * so events written before it and consumers that ignore it stay valid.
 */
public record CaseReportedV1(
        UUID caseId,
        UUID reportId,
        String category,
        Location location,
        String channel,
        Instant reportedAt,
        String district) {

    /** Without a district, as the first producers wrote it. */
    public CaseReportedV1(UUID caseId, UUID reportId, String category, Location location, String channel, Instant reportedAt) {
        this(caseId, reportId, category, location, channel, reportedAt, null);
    }

    /** WGS84 decimal degrees. */
    public record Location(double latitude, double longitude) {
    }
}
