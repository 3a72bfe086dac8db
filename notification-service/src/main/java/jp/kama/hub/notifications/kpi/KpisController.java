package jp.kama.hub.notifications.kpi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jp.kama.hub.contracts.notifications.api.KpisApi;
import jp.kama.hub.contracts.notifications.model.DeliveryKpis;
import jp.kama.hub.contracts.notifications.model.KpiChannelCount;
import jp.kama.hub.contracts.notifications.model.KpiLatency;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /deliveries/kpis} for disaster staff and admins (the console's 計画指標 board). */
@RestController
class KpisController implements KpisApi {

    private final DeliveryKpiQuery query;

    KpisController(DeliveryKpiQuery query) {
        this.query = query;
    }

    @Override
    public ResponseEntity<DeliveryKpis> getDeliveryKpis(Integer days) {
        DeliveryKpiQuery.Kpis k = query.lastDays(days == null ? 30 : days);
        return ResponseEntity.ok(new DeliveryKpis()
                .since(utc(k.since())).until(utc(k.until()))
                .subscribers(counts(k.subscribers()))
                .publications(counts(k.publications()))
                .latency(k.latency().stream().map(l -> new KpiLatency()
                        .channel(KpiLatency.ChannelEnum.fromValue(l.channel())).count(l.count())
                        .p50Seconds(l.p50()).p95Seconds(l.p95()).maxSeconds(l.max())).toList()));
    }

    private static List<KpiChannelCount> counts(Map<String, Long> in) {
        return in.entrySet().stream()
                .map(e -> new KpiChannelCount().channel(KpiChannelCount.ChannelEnum.fromValue(e.getKey())).count(e.getValue()))
                .toList();
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
