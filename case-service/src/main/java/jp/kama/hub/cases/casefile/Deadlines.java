package jp.kama.hub.cases.casefile;

import java.time.Instant;

/**
 * When the next action on a case is due (karte 38: nothing left unprocessed). The policy and
 * the working-day calendar behind it are configuration and data, in the {@code overdue} feature.
 */
public interface Deadlines {

    /** First triage of a new case, from when it was reported; the category stands in for the unknown severity. */
    Instant firstTriageDue(Category category, Instant reportedAt);

    /** Next progress on a triaged case of this severity (1-4), from its last action. */
    Instant progressDue(int severity, Instant lastAction);
}
