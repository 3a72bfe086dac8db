package jp.kama.hub.notifications;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jp.kama.hub.testsupport.EventContracts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events the tests feed notification-service are the ones disaster-service promises:
 * each fixture, in its CloudEvents envelope, validates against the producer's schema in contracts.
 */
class FixturesMatchProducerSchemasTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant AT = Instant.parse("2026-09-01T03:00:00Z");

    static byte[] envelope(String type, String subject, Object data) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("specversion", "1.0");
        e.put("id", UUID.randomUUID().toString());
        e.put("source", "/kama/disaster-service");
        e.put("type", type);
        e.put("subject", subject);
        e.put("time", AT.toString());
        e.put("datacontenttype", "application/json");
        e.put("data", data);
        return JSON.writeValueAsBytes(e);
    }

    @Test
    void shelterFixturesMatchTheShelterSchemas() {
        EventContracts.assertMatchesSchema("shelter-status-changed.v1", envelope("jp.kama.shelter.status-changed.v1", "S-1",
                Fixtures.shelter("S-1", "稲築公民館", "INATSUKI", "CROWDED", "OPEN", 200, 150, AT)));
        EventContracts.assertMatchesSchema("shelter-status-changed.v1", envelope("jp.kama.shelter.status-changed.v1", "S-2",
                Fixtures.shelter("S-2", "山田小学校", "YAMADA", "OPEN", null, 100, 0, AT)));
    }

    @Test
    void occupancyFixturesMatchTheOccupancySchema() {
        EventContracts.assertMatchesSchema("shelter-occupancy-changed.v1", envelope("jp.kama.shelter.occupancy-changed.v1",
                "S-3", Fixtures.occupancy("S-3", "稲築公民館", "INATSUKI", "OPEN", 100, 41, AT)));
    }

    @Test
    void evacuationFixturesMatchTheEvacuationSchema() {
        EventContracts.assertMatchesSchema("evacuation-level-changed.v1", envelope("jp.kama.evacuation.level-changed.v1",
                "KAHO", Fixtures.evacuation("KAHO", 4, 3, AT)));
        EventContracts.assertMatchesSchema("evacuation-level-changed.v1", envelope("jp.kama.evacuation.level-changed.v1",
                "USUI", Fixtures.evacuation("USUI", null, 4, AT)));
    }

    @Test
    void staffNoticeFixturesMatchTheirSchemas() {
        EventContracts.assertMatchesSchema("shelter-hazard-flagged.v1", envelope("jp.kama.shelter.hazard-flagged.v1", "S-1",
                Fixtures.hazardFlagged("S-1", "稲築公民館", UUID.randomUUID(), 320, AT)));
        EventContracts.assertMatchesSchema("evacuation-approval-requested.v1", envelope(
                "jp.kama.evacuation.approval-requested.v1", "USUI", Fixtures.approvalRequested(UUID.randomUUID(), "USUI", 4, AT)));
        EventContracts.assertMatchesSchema("evacuation-approval-requested.v1", envelope(
                "jp.kama.evacuation.approval-requested.v1", "KAHO", Fixtures.approvalRequested(UUID.randomUUID(), "KAHO", null, AT)));
    }
}
