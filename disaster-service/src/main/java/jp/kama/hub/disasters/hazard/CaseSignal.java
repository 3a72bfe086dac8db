package jp.kama.hub.disasters.hazard;

import java.time.Instant;
import java.util.UUID;

/** A reported case as a hazard signal: what and where, nothing personal. */
public record CaseSignal(UUID caseId, String category, double latitude, double longitude, Instant reportedAt) {
}
