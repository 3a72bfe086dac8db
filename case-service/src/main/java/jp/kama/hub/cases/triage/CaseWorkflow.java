package jp.kama.hub.cases.triage;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jp.kama.hub.cases.access.CaseAccess;
import jp.kama.hub.cases.access.Caller;
import jp.kama.hub.cases.casefile.Case;
import jp.kama.hub.cases.casefile.CaseEventSink;
import jp.kama.hub.cases.casefile.CaseId;
import jp.kama.hub.cases.casefile.CaseNotFoundException;
import jp.kama.hub.cases.casefile.CaseRepository;
import jp.kama.hub.cases.casefile.CaseStatus;
import jp.kama.hub.cases.casefile.Deadlines;
import jp.kama.hub.cases.casefile.HistoryEntry;
import jp.kama.hub.cases.casefile.InvalidTransitionException;
import jp.kama.hub.cases.casefile.NotAnExerciseException;
import jp.kama.hub.cases.casefile.ReportId;
import jp.kama.hub.cases.casefile.StoredReport;
import jp.kama.hub.cases.casefile.TransitionRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The staff side of a case: transitions, work notes, splits. */
@Service
public class CaseWorkflow {

    private final CaseRepository cases;
    private final CaseEventSink events;
    private final CaseAccess access;
    private final Deadlines deadlines;
    private final Clock clock;

    CaseWorkflow(CaseRepository cases, CaseEventSink events, CaseAccess access, Deadlines deadlines, Clock clock) {
        this.cases = cases;
        this.events = events;
        this.access = access;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /**
     * Moves the case if it is still at {@code expectedVersion}. The version check happens twice:
     * against what we read (a stale client), and in the guarded update (a concurrent writer
     * that committed in between); either way the caller gets 409 with the case as it is now.
     */
    @Transactional
    public Case transition(Caller caller, CaseId id, long expectedVersion, TransitionRequest request) {
        Case current = cases.find(id).orElseThrow(() -> new CaseNotFoundException(id));
        access.checkWork(caller, current);
        if (current.version() != expectedVersion) {
            throw new StaleCaseException(current, expectedVersion);
        }
        if (request.duplicateOf() != null && !request.duplicateOf().equals(id) && cases.find(request.duplicateOf()).isEmpty()) {
            throw new InvalidTransitionException(java.util.Map.of("duplicateOf", "there is no case " + request.duplicateOf()));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Case.Changed changed = current.transition(request, now, deadlines);
        if (!cases.updateState(changed.after(), expectedVersion)) {
            throw new StaleCaseException(cases.find(id).orElseThrow(), expectedVersion);
        }
        cases.record(id, new HistoryEntry(HistoryEntry.Kind.TRANSITION, now, caller.subject(), current.status(),
                request.to(), request.note(), null));
        events.changed(changed.event());
        return changed.after();
    }

    /** A work note; on an IN_PROGRESS case it restarts the progress deadline. */
    @Transactional
    public HistoryEntry logWork(Caller caller, CaseId id, String note) {
        Case current = cases.findForUpdate(id).orElseThrow(() -> new CaseNotFoundException(id));
        access.checkWork(caller, current);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Case after = current.workLogged(now, deadlines);
        if (after != current) {
            cases.updateDeadline(after);
        }
        HistoryEntry entry = new HistoryEntry(HistoryEntry.Kind.WORK_LOG, now, caller.subject(), null, null, note, null);
        cases.record(id, entry);
        return entry;
    }

    /** Deletes a drill's (exercise) case and everything under it; a real case is 409 (docs/drill.md). */
    @Transactional
    public void deleteExercise(CaseId id) {
        Case current = cases.findForUpdate(id).orElseThrow(() -> new CaseNotFoundException(id));
        if (!current.exercise()) {
            throw new NotAnExerciseException(id);
        }
        cases.deleteExercise(id);
    }

    /** Splits a wrongly merged report out of the case into a new case; returns the new case. */
    @Transactional
    public Case split(Caller caller, CaseId id, ReportId reportId, String note) {
        Case current = cases.findForUpdate(id).orElseThrow(() -> new CaseNotFoundException(id));
        access.checkWork(caller, current);
        StoredReport report = cases.findReport(reportId)
                .filter(r -> r.caseId().equals(id))
                .orElseThrow(() -> new CaseNotFoundException(id));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Case.Split split = current.split(reportId, report.details(), report.channel(), report.district(), now, deadlines);
        cases.insert(split.opened());
        cases.moveReport(reportId, split.opened().id());
        cases.removeReport(id, now);
        String why = note == null ? "split out of case " + id : note;
        cases.record(id, new HistoryEntry(HistoryEntry.Kind.REPORT_SPLIT, now, caller.subject(), null, null,
                "report split out into case " + split.opened().id() + ": " + why, reportId));
        cases.record(split.opened().id(), new HistoryEntry(HistoryEntry.Kind.REPORT_SPLIT, now, caller.subject(), null,
                CaseStatus.REPORTED, "opened from a report split out of case " + id + ": " + why, reportId));
        events.changed(split.event());
        return split.opened();
    }
}
