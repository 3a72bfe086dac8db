package jp.kama.hub.notifications.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.kama.hub.notifications.Fixtures;
import jp.kama.hub.notifications.NotificationTestBase;
import jp.kama.hub.platform.events.CloudEventCodec.EncodedEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /deliveries/kpis} from the delivery tables on the real database. */
class DeliveryKpisIT extends NotificationTestBase {

    private final JsonMapper json = JsonMapper.builder().build();

    /** Publications of earlier test classes in this JVM would blur the exact figures asserted here. */
    @BeforeEach
    void withoutEarlierPublications() {
        awaitNothingPending();
        jdbc.sql("delete from delivery_batch where kind = any(cast(:k as text[]))")
                .param("k", DeliveryKpiQuery.PUBLICATION_KINDS.toArray(String[]::new)).update();
    }

    private JsonNode kpis(String query, JwtRequestPostProcessor who) throws Exception {
        return json.readTree(mvc.perform(get("/deliveries/kpis" + query).with(who))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static JsonNode channel(JsonNode list, String channel) {
        for (JsonNode c : list) {
            if (channel.equals(c.get("channel").asString())) {
                return c;
            }
        }
        throw new AssertionError("no channel " + channel + " in " + list);
    }

    private static JwtRequestPostProcessor role(String role) {
        return SecurityMockMvcRequestPostProcessors.jwt().jwt(j -> j.subject(role + "-kpi"))
                .authorities(new SimpleGrantedAuthority("ROLE_" + role));
    }

    @Test
    void aShelterBroadcastCountsAsAPublicationWithItsLatencyAndTheLineSubscribersAreCounted() throws Exception {
        lineSubscribers(3, "INATSUKI", "ja");
        String shelterId = "S-KPI-" + UUID.randomUUID();
        EncodedEvent e = codec.encode("jp.kama.shelter.status-changed.v1", shelterId,
                Fixtures.shelter(shelterId, "稲築公民館", "INATSUKI", "CROWDED", "OPEN", 200, 150, Instant.now()));
        kafka.send("kama.shelter.events.v1", shelterId, e.payload());
        Awaitility.await().atMost(PATIENCE).until(() -> jdbc.sql(
                "select count(*) from delivery_batch where event_id = :e and status = 'SENT' and decided_at is not null")
                .param("e", e.id()).query(Long.class).single() == 1);

        JsonNode k = kpis("", staff("staff-kpi"));
        assertThat(channel(k.get("subscribers"), "LINE").get("count").asLong()).isEqualTo(3);
        assertThat(channel(k.get("subscribers"), "EMAIL").get("count").asLong()).isZero();
        assertThat(channel(k.get("publications"), "LINE").get("count").asLong()).isEqualTo(1);
        JsonNode line = channel(k.get("latency"), "LINE");
        assertThat(line.get("count").asLong()).isEqualTo(1);
        assertThat(line.get("p50Seconds").asDouble()).isGreaterThanOrEqualTo(0).isLessThan(60)
                .isEqualTo(line.get("maxSeconds").asDouble());
        assertThat(channel(k.get("latency"), "SMS").get("count").asLong()).isZero();
        assertThat(channel(k.get("latency"), "SMS").has("p50Seconds")).isFalse();
    }

    @Test
    void latencyIsFromTheDecisionToTheLastBatchOfFullyDeliveredPublicationsInTheWindow() throws Exception {
        Instant decided = Instant.now().minusSeconds(3600);
        batch("EVACUATION_LEVEL", decided, List.of(4L, 10L), "SENT");   // two batches: the last counts, 10 s
        batch("ALERT", decided, List.of(20L), "SENT");
        batch("SHELTER_STATUS", decided, List.of(90L), "SENT");
        batch("EVACUATION_LEVEL", decided, List.of(5L), "FAILED");       // a publication, but not delivered
        batch("EVACUATION_LEVEL", Instant.now().minusSeconds(40L * 86_400), List.of(1L), "SENT"); // outside 30 days
        batch("CASE_PROGRESS", decided, List.of(500L), "SENT");          // not a publication

        JsonNode k = kpis("?days=30", role("admin"));
        assertThat(channel(k.get("publications"), "LINE").get("count").asLong()).isEqualTo(4);
        JsonNode line = channel(k.get("latency"), "LINE");
        assertThat(line.get("count").asLong()).isEqualTo(3);
        assertThat(line.get("p50Seconds").asDouble()).isCloseTo(20, within(0.01));
        assertThat(line.get("p95Seconds").asDouble()).isCloseTo(83, within(0.01));
        assertThat(line.get("maxSeconds").asDouble()).isCloseTo(90, within(0.01));

        assertThat(channel(kpis("?days=60", role("admin")).get("publications"), "LINE").get("count").asLong()).isEqualTo(5);
    }

    @Test
    void aDrillsCapAlertsAreNotCountedAsPublications() throws Exception {
        long before = channel(kpis("", staff("staff-kpi")).get("publications"), "CAP").get("count").asLong();
        capEntry("Exercise");
        assertThat(channel(kpis("", staff("staff-kpi")).get("publications"), "CAP").get("count").asLong())
                .as("CAP status Exercise: a drill's").isEqualTo(before);
        capEntry("Actual");
        assertThat(channel(kpis("", staff("staff-kpi")).get("publications"), "CAP").get("count").asLong())
                .isEqualTo(before + 1);
    }

    private void capEntry(String status) {
        jdbc.sql("""
                insert into cap_entry (id, kind, msg_type, event, category, response_type, urgency, severity, certainty,
                                       headline, description, area_desc, sent, thread, expires, status)
                values (gen_random_uuid(), 'ALERT', 'Alert', 'e', 'Safety', 'Monitor', 'Expected', 'Minor', 'Observed',
                        'h', 'd', 'a', now() - interval '1 hour', 'KPI:' || gen_random_uuid(), now() + interval '1 hour', :status)""")
                .param("status", status).update();
    }

    @Test
    void onlyDisasterStaffAndAdminsReadThem() throws Exception {
        mvc.perform(get("/deliveries/kpis").with(role("department-staff"))).andExpect(status().isForbidden());
        mvc.perform(get("/deliveries/kpis").with(citizen("citizen-kpi"))).andExpect(status().isForbidden());
        mvc.perform(get("/deliveries/kpis")).andExpect(status().isUnauthorized());
        mvc.perform(get("/deliveries/kpis?days=0").with(staff("staff-kpi"))).andExpect(status().isBadRequest());
    }

    /** One publication on LINE: a batch per entry of {@code secondsToDone}, done that long after the decision. */
    private void batch(String kind, Instant decided, List<Long> secondsToDone, String status) {
        UUID event = UUID.randomUUID();
        for (Long s : secondsToDone) {
            jdbc.sql("""
                    insert into delivery_batch (batch_id, event_id, channel, language, kind, subject_line, body, status, recipients,
                                                members, next_attempt_at, created_at, done_at, decided_at)
                    values (gen_random_uuid(), :event, 'LINE', 'ja', :kind, 's', 'b', :status, 1, '{}', now(), now(),
                            cast(:decided as timestamptz) + make_interval(secs => :s), cast(:decided as timestamptz))""")
                    .param("event", event).param("kind", kind).param("status", status)
                    .param("decided", java.sql.Timestamp.from(decided)).param("s", s).update();
        }
    }
}
