package jp.kama.hub.cases.kpi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jp.kama.hub.contracts.cases.api.KpisApi;
import jp.kama.hub.contracts.cases.model.CaseKpis;
import jp.kama.hub.contracts.cases.model.ChannelCount;
import jp.kama.hub.contracts.cases.model.ReportChannel;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /cases/kpis} for disaster staff and admins (the console's 計画指標 board). */
@RestController
class KpisController implements KpisApi {

    private final CaseKpiQuery query;

    KpisController(CaseKpiQuery query) {
        this.query = query;
    }

    @Override
    public ResponseEntity<CaseKpis> getCaseKpis(Integer days, Boolean includeExercises) {
        CaseKpiQuery.Kpis k = query.lastDays(days == null ? 30 : days, Boolean.TRUE.equals(includeExercises));
        return ResponseEntity.ok(new CaseKpis()
                .since(utc(k.since())).until(utc(k.until()))
                .open(k.open()).overdue(k.overdue())
                .reportsReceived(k.reportsReceived())
                .reportsByChannel(k.byChannel().entrySet().stream()
                        .map(e -> new ChannelCount().channel(ReportChannel.valueOf(e.getKey().name())).count(e.getValue()))
                        .toList()));
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
