package jp.kama.hub.cases.messaging;

import jp.kama.hub.cases.casefile.Case;
import jp.kama.hub.cases.casefile.CaseChange;
import jp.kama.hub.cases.casefile.CaseChanged;
import jp.kama.hub.cases.casefile.CaseEventSink;
import jp.kama.hub.cases.casefile.CaseRepository;
import jp.kama.hub.cases.casefile.CaseReported;
import jp.kama.hub.contracts.events.CaseCategoryV1;
import jp.kama.hub.contracts.events.CaseChannelV1;
import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.contracts.events.CaseLifecycleV1;
import jp.kama.hub.contracts.events.CaseLocationV1;
import jp.kama.hub.contracts.events.CaseReportedV1;
import jp.kama.hub.contracts.events.CaseStatusV1;
import jp.kama.hub.platform.outbox.Outbox;
import org.springframework.stereotype.Component;

@Component
class OutboxCaseEventSink implements CaseEventSink {

    /** The output binding in application.yml whose destination is {@link CaseEvents#TOPIC}. */
    static final String BINDING = "case-events";

    private final Outbox outbox;
    private final CaseRepository cases;

    OutboxCaseEventSink(Outbox outbox, CaseRepository cases) {
        this.outbox = outbox;
        this.cases = cases;
    }

    @Override
    public void reported(CaseReported e) {
        CaseReportedV1 data = new CaseReportedV1(e.caseId().value(), e.reportId().value(),
                CaseCategoryV1.fromValue(e.category().name()),
                new CaseLocationV1(e.location().latitude(), e.location().longitude()),
                CaseChannelV1.fromValue(e.channel().name()), e.reportedAt(), e.district(),
                // written only for a drill's case: a real report's event stays byte for byte as before
                cases.isExercise(e.caseId()) ? Boolean.TRUE : null);
        outbox.append(BINDING, CaseEvents.REPORTED, e.caseId().toString(), data);
    }

    /**
     * The reporters are read here, inside the same transaction, so the event names exactly the
     * citizens whose reports are in the case at commit (a merged report's citizen included).
     */
    @Override
    public void changed(CaseChanged e) {
        Case c = e.after();
        CaseLifecycleV1 data = new CaseLifecycleV1(c.id().value(), CaseStatusV1.fromValue(c.status().name()),
                e.previousStatus() == null ? null : CaseStatusV1.fromValue(e.previousStatus().name()),
                CaseCategoryV1.fromValue(c.category().name()), c.district(), c.severity(),
                c.department().code(), e.at(),
                cases.citizenReporters(c.id()), e.reportId() == null ? null : e.reportId().value(),
                e.relatedCase() == null ? null : e.relatedCase().value(), c.dueAt(), c.exercise());
        outbox.append(BINDING, type(e.change()), c.id().toString(), data);
    }

    static String type(CaseChange change) {
        return switch (change) {
            case TRIAGED -> CaseEvents.TRIAGED;
            case ASSIGNED -> CaseEvents.ASSIGNED;
            case WORK_STARTED -> CaseEvents.WORK_STARTED;
            case RECOVERED -> CaseEvents.RECOVERED;
            case CLOSED -> CaseEvents.CLOSED;
            case REJECTED -> CaseEvents.REJECTED;
            case MARKED_DUPLICATE -> CaseEvents.MARKED_DUPLICATE;
            case OVERDUE -> CaseEvents.OVERDUE;
            case REPORT_MERGED -> CaseEvents.REPORT_MERGED;
            case REPORT_SPLIT -> CaseEvents.REPORT_SPLIT;
        };
    }
}
