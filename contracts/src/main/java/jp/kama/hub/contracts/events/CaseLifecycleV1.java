package jp.kama.hub.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Data of every case lifecycle event after {@code reported}: {@link CaseEvents#TRIAGED},
 * {@link CaseEvents#ASSIGNED}, … {@link CaseEvents#REPORT_SPLIT}. One shape for all, so a
 * consumer that tells reporters about progress reads them alike; each type has its own schema
 * ({@code events/case-<what>.v1.schema.json}) that pins its {@code type}.
 *
 * <p>Nullable fields are always written (as {@code null}), never left out.
 * {@code reporterSubjects} are the Keycloak token subjects of the citizens whose reports are
 * in the case: pseudonymous ids for notification-service to find their subscriptions, nothing
 * else about them (no name, no contact, no free text).
 *
 * @param caseId           the case (also the CloudEvents subject and the Kafka key)
 * @param status           the case status after the change
 * @param previousStatus   the status before, null when the status did not change (merge, overdue)
 *                         or the case is new (split)
 * @param category         report category code
 * @param district         YAMADA, INATSUKI, USUI or KAHO
 * @param severity         1 (most urgent) to 4, null before triage
 * @param department       responsible department code, e.g. {@code road}
 * @param occurredAt       when the change happened
 * @param reporterSubjects token subjects of the citizen reporters of the case
 * @param reportId         the report merged or split out (report-merged, report-split), else null
 * @param relatedCaseId    the case this one duplicates (marked-duplicate) or was split from (report-split)
 * @param dueAt            the deadline that passed (overdue), else the current deadline or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CaseLifecycleV1(
        UUID caseId,
        String status,
        String previousStatus,
        String category,
        String district,
        Integer severity,
        String department,
        Instant occurredAt,
        List<String> reporterSubjects,
        UUID reportId,
        UUID relatedCaseId,
        Instant dueAt) {
}
