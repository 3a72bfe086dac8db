package jp.kama.hub.cases.casefile;

import java.time.Instant;

/**
 * Domain event: something happened to a case. {@code after} is the case as it is now;
 * {@code previousStatus} is null when the status did not change (merge, overdue) or the case
 * is new (split). {@code reportId} names the merged or split report, {@code relatedCase} the
 * case this one duplicates or was split from.
 */
public record CaseChanged(CaseChange change, Case after, CaseStatus previousStatus, Instant at,
                          ReportId reportId, CaseId relatedCase) {
}
