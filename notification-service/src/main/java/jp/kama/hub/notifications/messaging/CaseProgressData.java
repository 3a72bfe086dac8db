package jp.kama.hub.notifications.messaging;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The case progress events ({@code jp.kama.case.triaged.v1} …) as notification-service reads them. */
@JsonIgnoreProperties(ignoreUnknown = true)
record CaseProgressData(String caseId, String status, String previousStatus, String category, String district,
                        Integer severity, String department, Instant occurredAt, List<String> reporterSubjects) {
}
