package jp.kama.hub.cases.casefile;

import java.time.Instant;
import java.util.Objects;

/**
 * The case aggregate. A state change checks the current state and returns the event it
 * produced; the caller stores the case and records the event in the same transaction.
 */
public final class Case {

    private final CaseId id;
    private final CaseStatus status;
    private final Category category;
    private final GeoPoint location;
    private final String addressText;
    private final String description;
    private final Channel channel;
    private final Instant reportedAt;
    private final int reportCount;
    private final long version;

    public Case(CaseId id, CaseStatus status, Category category, GeoPoint location, String addressText, String description,
                Channel channel, Instant reportedAt, int reportCount, long version) {
        this.id = Objects.requireNonNull(id);
        this.status = Objects.requireNonNull(status);
        this.category = Objects.requireNonNull(category);
        this.location = Objects.requireNonNull(location);
        this.addressText = addressText;
        this.description = Objects.requireNonNull(description);
        this.channel = Objects.requireNonNull(channel);
        this.reportedAt = Objects.requireNonNull(reportedAt);
        this.reportCount = reportCount;
        this.version = version;
    }

    /** The first report of an incident opens a case in state REPORTED. */
    public static Opened open(ReportId reportId, ReportDetails report, Channel channel, Instant now) {
        Case c = new Case(CaseId.random(), CaseStatus.REPORTED, report.category(), report.location(), report.addressText(),
                report.description(), channel, now, 1, 0);
        return new Opened(c, new CaseReported(c.id, reportId, c.category, c.location, channel, now));
    }

    /** A newly opened case and the event that says so. */
    public record Opened(Case opened, CaseReported event) {
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
}
