package jp.kama.hub.cases.messaging;

import jp.kama.hub.cases.casefile.CaseEventSink;
import jp.kama.hub.cases.casefile.CaseReported;
import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.contracts.events.CaseReportedV1;
import jp.kama.hub.platform.outbox.Outbox;
import org.springframework.stereotype.Component;

@Component
class OutboxCaseEventSink implements CaseEventSink {

    /** The output binding in application.yml whose destination is {@link CaseEvents#TOPIC}. */
    static final String BINDING = "case-events";

    private final Outbox outbox;

    OutboxCaseEventSink(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void reported(CaseReported e) {
        CaseReportedV1 data = new CaseReportedV1(e.caseId().value(), e.reportId().value(), e.category().name(),
                new CaseReportedV1.Location(e.location().latitude(), e.location().longitude()),
                e.channel().name(), e.reportedAt());
        outbox.append(BINDING, CaseEvents.REPORTED, e.caseId().toString(), data);
    }
}
