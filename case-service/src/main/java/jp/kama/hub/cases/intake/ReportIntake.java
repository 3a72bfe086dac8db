package jp.kama.hub.cases.intake;

import java.time.Clock;
import java.time.Instant;

import jp.kama.hub.cases.casefile.Case;
import jp.kama.hub.cases.casefile.CaseEventSink;
import jp.kama.hub.cases.casefile.CaseRepository;
import jp.kama.hub.cases.casefile.ReportDetails;
import jp.kama.hub.cases.casefile.ReportId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes in one report. The case, the report and the {@code CaseReported} event commit
 * together or not at all, before the caller hears 201.
 */
@Service
class ReportIntake {

    private final CaseRepository cases;
    private final CaseEventSink events;
    private final Clock clock;

    ReportIntake(CaseRepository cases, CaseEventSink events, Clock clock) {
        this.cases = cases;
        this.events = events;
        this.clock = clock;
    }

    record Accepted(ReportId reportId, Case opened, Instant receivedAt) {
    }

    @Transactional
    Accepted submit(ReportDetails details, Reporter reporter) {
        Instant now = clock.instant();
        ReportId reportId = ReportId.random();
        Case.Opened opened = Case.open(reportId, details, reporter.channel(), now);
        cases.insert(opened.opened());
        cases.insertReport(reportId, opened.opened().id(), reporter.subject(), reporter.channel(), details, now);
        events.reported(opened.event());
        return new Accepted(reportId, opened.opened(), now);
    }
}
