package jp.kama.hub.cases.casefile;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import jp.kama.hub.contracts.district.District;

/**
 * The case aggregate: the incident staff work on, fed by one or more reports. A state change
 * checks the current state and returns the changed case with the event it produced; the
 * caller stores the case (guarded by {@link #version()}) and records the event in the same
 * transaction. Instances are immutable.
 *
 * <p>An open case always has an owner ({@link #department()}, the disaster-response desk
 * {@link Department#GENERAL} until triage) and a deadline ({@link #dueAt()}).
 */
public final class Case {

    private final CaseId id;
    private final CaseStatus status;
    private final Category category;
    private final GeoPoint location;
    private final District district;
    private final String addressText;
    private final String description;
    private final Channel channel;
    private final Instant reportedAt;
    private final int reportCount;
    private final long version;
    private final Integer severity;
    private final Department department;
    private final String assignee;
    private final Instant dueAt;
    private final boolean overdue;
    private final CaseId duplicateOf;
    private final Instant lastReportedAt;
    private final Instant updatedAt;
    private final boolean exercise;

    /** A real (not exercise) case. */
    public Case(CaseId id, CaseStatus status, Category category, GeoPoint location, District district, String addressText,
                String description, Channel channel, Instant reportedAt, int reportCount, long version, Integer severity,
                Department department, String assignee, Instant dueAt, boolean overdue, CaseId duplicateOf,
                Instant lastReportedAt, Instant updatedAt) {
        this(id, status, category, location, district, addressText, description, channel, reportedAt, reportCount, version,
                severity, department, assignee, dueAt, overdue, duplicateOf, lastReportedAt, updatedAt, false);
    }

    /** {@code exercise}: a drill's case (訓練), from an exercise report; it stays one. */
    public Case(CaseId id, CaseStatus status, Category category, GeoPoint location, District district, String addressText,
                String description, Channel channel, Instant reportedAt, int reportCount, long version, Integer severity,
                Department department, String assignee, Instant dueAt, boolean overdue, CaseId duplicateOf,
                Instant lastReportedAt, Instant updatedAt, boolean exercise) {
        this.id = Objects.requireNonNull(id);
        this.exercise = exercise;
        this.status = Objects.requireNonNull(status);
        this.category = Objects.requireNonNull(category);
        this.location = Objects.requireNonNull(location);
        this.district = district;
        this.addressText = addressText;
        this.description = Objects.requireNonNull(description);
        this.channel = Objects.requireNonNull(channel);
        this.reportedAt = Objects.requireNonNull(reportedAt);
        this.reportCount = reportCount;
        this.version = version;
        this.severity = severity;
        this.department = Objects.requireNonNull(department, "an open case always has an owner");
        this.assignee = assignee;
        this.dueAt = dueAt;
        this.overdue = overdue;
        this.duplicateOf = duplicateOf;
        this.lastReportedAt = Objects.requireNonNull(lastReportedAt);
        this.updatedAt = Objects.requireNonNull(updatedAt);
        if (status.isOpen() && dueAt == null) {
            throw new IllegalArgumentException("an open case always has a deadline");
        }
    }

    /**
     * The first report of an incident opens a case in state REPORTED, owned by the
     * disaster-response desk until triage, due for first triage.
     */
    public static Opened open(ReportId reportId, ReportDetails report, Channel channel, District district, Instant now,
                              Deadlines deadlines) {
        Case c = new Case(CaseId.random(), CaseStatus.REPORTED, report.category(), report.location(), district,
                report.addressText(), report.description(), channel, now, 1, 0, null, Department.GENERAL, null,
                deadlines.firstTriageDue(report.category(), now), false, null, now, now, report.exercise());
        return new Opened(c, new CaseReported(c.id, reportId, c.category, c.location, channel, now, district));
    }

    /** A newly opened case and the event that says so. */
    public record Opened(Case opened, CaseReported event) {
    }

    /** A changed case (its version one higher) and the event that says so. */
    public record Changed(Case after, CaseChanged event) {
    }

    /**
     * Moves the case to {@code request.to()}: checks the state machine, then what the target
     * state needs (severity and department to triage, an assignee to assign, the other case
     * to mark a duplicate), and sets the next deadline.
     */
    public Changed transition(TransitionRequest request, Instant now, Deadlines deadlines) {
        CaseStatus to = request.to();
        if (!status.next().contains(to)) {
            throw new IllegalTransitionException(status, to, version);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Integer newSeverity = severity;
        Department newDepartment = request.department() != null ? request.department() : department;
        String newAssignee = assignee;
        CaseId newDuplicateOf = null;
        switch (to) {
            case TRIAGED -> {
                if (request.severity() == null || request.severity() < 1 || request.severity() > 4) {
                    errors.put("severity", "triage needs a severity from 1 (most urgent) to 4");
                }
                if (request.department() == null) {
                    errors.put("department", "triage needs the responsible department");
                }
                newSeverity = request.severity();
            }
            case ASSIGNED -> {
                if (request.assignee() == null || request.assignee().isBlank()) {
                    errors.put("assignee", "assigning needs the team or contractor");
                }
                newAssignee = request.assignee();
            }
            case DUPLICATE -> {
                if (request.duplicateOf() == null) {
                    errors.put("duplicateOf", "marking a duplicate needs the case it duplicates");
                } else if (request.duplicateOf().equals(id)) {
                    errors.put("duplicateOf", "a case cannot duplicate itself");
                }
                newDuplicateOf = request.duplicateOf();
            }
            default -> {
                // IN_PROGRESS, RECOVERED, CLOSED, REJECTED need nothing more
            }
        }
        if (request.severity() != null && to != CaseStatus.TRIAGED) {
            errors.put("severity", "severity is set by triage only");
        }
        if (!errors.isEmpty()) {
            throw new InvalidTransitionException(errors);
        }
        Instant due = to.isOpen() ? deadlines.progressDue(newSeverity, now) : null;
        Case after = new Case(id, to, category, location, district, addressText, description, channel, reportedAt,
                reportCount, version + 1, newSeverity, newDepartment, newAssignee, due, false, newDuplicateOf,
                lastReportedAt, now, exercise);
        return new Changed(after, new CaseChanged(CaseChange.of(to), after, status, now, null, newDuplicateOf));
    }

    /** Work was logged: an IN_PROGRESS case's deadline runs again from now. The version does not change. */
    public Case workLogged(Instant now, Deadlines deadlines) {
        if (!status.isOpen()) {
            throw new IllegalTransitionException(status, status, version);
        }
        if (status != CaseStatus.IN_PROGRESS) {
            return this;
        }
        return new Case(id, status, category, location, district, addressText, description, channel, reportedAt,
                reportCount, version, severity, department, assignee, deadlines.progressDue(severity, now), false,
                duplicateOf, lastReportedAt, now, exercise);
    }

    /** Another caller's report of the same incident joined this case. */
    public Changed reportMerged(ReportId reportId, Instant now) {
        Case after = new Case(id, status, category, location, district, addressText, description, channel, reportedAt,
                reportCount + 1, version, severity, department, assignee, dueAt, overdue, duplicateOf, now, now, exercise);
        return new Changed(after, new CaseChanged(CaseChange.REPORT_MERGED, after, null, now, reportId, null));
    }

    /** The deadline passed without action. */
    public Changed markedOverdue(Instant now) {
        Case after = new Case(id, status, category, location, district, addressText, description, channel, reportedAt,
                reportCount, version, severity, department, assignee, dueAt, true, duplicateOf, lastReportedAt, now, exercise);
        return new Changed(after, new CaseChanged(CaseChange.OVERDUE, after, null, now, null, null));
    }

    /**
     * A wrongly merged report leaves this case and opens a new one in state REPORTED, owned by
     * the disaster-response desk again. The last report of a case cannot leave it.
     */
    public Split split(ReportId reportId, ReportDetails report, Channel reportChannel, District reportDistrict, Instant now,
                       Deadlines deadlines) {
        if (reportCount <= 1) {
            throw new LastReportException();
        }
        Case remaining = new Case(id, status, category, location, district, addressText, description, channel, reportedAt,
                reportCount - 1, version, severity, department, assignee, dueAt, overdue, duplicateOf, lastReportedAt, now, exercise);
        Case opened = new Case(CaseId.random(), CaseStatus.REPORTED, report.category(), report.location(), reportDistrict,
                report.addressText(), report.description(), reportChannel, now, 1, 0, null, Department.GENERAL, null,
                deadlines.firstTriageDue(report.category(), now), false, null, now, now, exercise);
        return new Split(remaining, opened, new CaseChanged(CaseChange.REPORT_SPLIT, opened, null, now, reportId, id));
    }

    /** The case a report left, the case it opened, and the event (about the new case). */
    public record Split(Case remaining, Case opened, CaseChanged event) {
    }

    public CaseId id() {
        return id;
    }

    public CaseStatus status() {
        return status;
    }

    public Category category() {
        return category;
    }

    public GeoPoint location() {
        return location;
    }

    public District district() {
        return district;
    }

    public String addressText() {
        return addressText;
    }

    public String description() {
        return description;
    }

    public Channel channel() {
        return channel;
    }

    public Instant reportedAt() {
        return reportedAt;
    }

    public int reportCount() {
        return reportCount;
    }

    public long version() {
        return version;
    }

    public Integer severity() {
        return severity;
    }

    public Department department() {
        return department;
    }

    public String assignee() {
        return assignee;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public boolean overdue() {
        return overdue;
    }

    public CaseId duplicateOf() {
        return duplicateOf;
    }

    public Instant lastReportedAt() {
        return lastReportedAt;
    }

    public boolean exercise() {
        return exercise;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
