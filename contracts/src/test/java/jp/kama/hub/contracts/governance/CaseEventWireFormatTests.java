package jp.kama.hub.contracts.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import jp.kama.hub.contracts.district.District;
import jp.kama.hub.contracts.events.CaseCategoryV1;
import jp.kama.hub.contracts.events.CaseChannelV1;
import jp.kama.hub.contracts.events.CaseLifecycleV1;
import jp.kama.hub.contracts.events.CaseLocationV1;
import jp.kama.hub.contracts.events.CaseReportedV1;
import jp.kama.hub.contracts.events.CaseStatusV1;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case event types generated from the schemas write exactly the bytes the hand-written records
 * they replaced wrote (with the services' mapper: {@code default-property-inclusion: non_null}):
 * the same property order, {@code reported} leaves an absent district out, the lifecycle events
 * write every nullable field as {@code null}. And they read those bytes back.
 */
class CaseEventWireFormatTests {

    private static final JsonMapper SERVICES = JsonMapper.builder()
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private static final UUID CASE = UUID.fromString("6b616d61-0000-4000-8000-000000000001");
    private static final UUID REPORT = UUID.fromString("6b616d61-0000-4000-8000-000000000002");
    private static final Instant AT = Instant.parse("2026-09-01T03:00:00Z");

    @Test
    void reportedWritesTheV1BytesAndLeavesAnAbsentDistrictOut() {
        CaseReportedV1 data = new CaseReportedV1(CASE, REPORT, CaseCategoryV1.LANDSLIDE,
                new CaseLocationV1(33.5636, 130.6889), CaseChannelV1.CITIZEN, AT, null, null);
        String json = SERVICES.writeValueAsString(data);
        assertThat(json).isEqualTo("{\"caseId\":\"" + CASE + "\",\"reportId\":\"" + REPORT + "\",\"category\":\"LANDSLIDE\","
                + "\"location\":{\"latitude\":33.5636,\"longitude\":130.6889},\"channel\":\"CITIZEN\","
                + "\"reportedAt\":\"2026-09-01T03:00:00Z\"}");
        assertThat(SERVICES.readValue(json, CaseReportedV1.class)).isEqualTo(data);

        String withDistrict = SERVICES.writeValueAsString(new CaseReportedV1(CASE, REPORT, CaseCategoryV1.FLOODING,
                new CaseLocationV1(33.5, 130.7), CaseChannelV1.STAFF, AT, District.USUI, null));
        assertThat(withDistrict).endsWith(",\"reportedAt\":\"2026-09-01T03:00:00Z\",\"district\":\"USUI\"}");
    }

    @Test
    void lifecycleWritesEveryFieldInTheV1OrderWithNulls() {
        CaseLifecycleV1 data = new CaseLifecycleV1(CASE, CaseStatusV1.TRIAGED, CaseStatusV1.REPORTED,
                CaseCategoryV1.ROAD_DAMAGE, District.KAHO, 2, "road", AT, List.of("subject-1"), null, null, null, false);
        String json = SERVICES.writeValueAsString(data);
        assertThat(json).isEqualTo("{\"caseId\":\"" + CASE + "\",\"status\":\"TRIAGED\",\"previousStatus\":\"REPORTED\","
                + "\"category\":\"ROAD_DAMAGE\",\"district\":\"KAHO\",\"severity\":2,\"department\":\"road\","
                + "\"occurredAt\":\"2026-09-01T03:00:00Z\",\"reporterSubjects\":[\"subject-1\"],\"reportId\":null,"
                + "\"relatedCaseId\":null,\"dueAt\":null,\"exercise\":false}");
        assertThat(SERVICES.readValue(json, CaseLifecycleV1.class)).isEqualTo(data);
    }

    @Test
    void consumersIgnoreFieldsAddedLater() {
        CaseLifecycleV1 read = SERVICES.readValue("{\"caseId\":\"" + CASE + "\",\"status\":\"CLOSED\",\"addedInV1_1\":true}",
                CaseLifecycleV1.class);
        assertThat(read.getStatus()).isEqualTo(CaseStatusV1.CLOSED);
    }

    @Test
    void aStatusTheContractDoesNotKnowDoesNotRead() {
        // platform-messaging's ReceivedEvent.data turns this into a poison event (dead letter)
        assertThatThrownBy(() -> SERVICES.readValue("{\"caseId\":\"" + CASE + "\",\"status\":\"ARCHIVED\"}",
                CaseLifecycleV1.class)).isInstanceOf(JacksonException.class);
    }
}
