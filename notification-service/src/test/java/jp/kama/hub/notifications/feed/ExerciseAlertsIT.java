package jp.kama.hub.notifications.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.transform.dom.DOMSource;

import jp.kama.hub.notifications.Fixtures;
import jp.kama.hub.notifications.NotificationTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * A drill (an evacuation under an exercise disaster, {@code exercise: true} on the event): its CAP
 * alert is {@code <status>Exercise</status>} in the feed and as a document, still valid CAP 1.2
 * and otherwise held to the aggregators' rules; no citizen is sent anything; the approvers'
 * notice says 訓練. Its alerts are a thread of their own, so a real alert never references one.
 */
class ExerciseAlertsIT extends NotificationTestBase {

    static final String EVACUATION_TOPIC = "kama.evacuation.events.v1";

    String body(String path) throws Exception {
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    UUID evacuation(String district, Integer level, Integer previous, Instant asOf, boolean exercise) {
        Map<String, Object> data = Fixtures.evacuation(district, level, previous, asOf);
        if (exercise) {
            data.put("disasterName", "【訓練】大雨");
            data.put("exercise", true);
        }
        var e = codec.encode("jp.kama.evacuation.level-changed.v1", district, data);
        kafka.send(EVACUATION_TOPIC, district, e.payload());
        return e.id();
    }

    long deliveriesOf(UUID eventId) {
        return jdbc.sql("select count(*) from delivery_log where event_id = :e").param("e", eventId).query(Long.class).single()
                + jdbc.sql("select count(*) from delivery_batch where event_id = :e").param("e", eventId).query(Long.class).single();
    }

    boolean handled(UUID eventId) {
        return jdbc.sql("select count(*) from processed_event where event_id = :e").param("e", eventId)
                .query(Long.class).single() == 1;
    }

    @Test
    void anExercisesAlertIsCapStatusExerciseAndReachesNoCitizen() throws Exception {
        lineSubscribers(3, "YAMADA", "ja");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UUID drill = evacuation("YAMADA", 4, null, now.minus(Duration.ofMinutes(6)), true);
        UUID drillLift = evacuation("YAMADA", null, 4, now.minus(Duration.ofMinutes(5)), true);
        // no real evacuation here: it would become the newest of its district's thread and change
        // what CapRenewalsIT renews; real alerts are CapFeedForAggregatorsIT's and PublicFeedsIT's
        Awaitility.await().atMost(PATIENCE).until(() -> handled(drill) && handled(drillLift));
        awaitNothingPending();

        String atom = body("/feeds/cap.atom");
        Map<String, Element> alerts = new HashMap<>();
        for (Element inline : PublicFeedsIT.alerts(atom)) {
            PublicFeedsIT.capSchema().newValidator().validate(new DOMSource(inline));
            alerts.put(CapAggregatorRules.text(inline, "identifier"), inline);
        }
        Element exercise = alerts.get("urn:uuid:" + drill);
        Element lift = alerts.get("urn:uuid:" + drillLift);
        assertThat(CapAggregatorRules.text(exercise, "status")).isEqualTo("Exercise");
        assertThat(CapAggregatorRules.text(lift, "status")).isEqualTo("Exercise");
        assertThat(alerts.values().stream().filter(a -> "Actual".equals(CapAggregatorRules.text(a, "status"))))
                .as("a real alert never references a drill's").allSatisfy(a -> assertThat(
                        String.valueOf(CapAggregatorRules.text(a, "references"))).doesNotContain(drill.toString()));
        assertThat(jdbc.sql("select thread from cap_entry where id = :id").param("id", drill).query(String.class).single())
                .as("a thread of its own").isEqualTo("EXERCISE:EVACUATION:YAMADA");
        assertThat(CapAggregatorRules.text(CapAggregatorRules.child(exercise, "info"), "headline")).startsWith("【訓練】");
        assertThat(CapAggregatorRules.text(lift, "references")).as("the drill's lift updates the drill's alert")
                .contains("urn:uuid:" + drill);
        for (Element a : List.of(exercise, lift)) {
            assertThat(CapAggregatorRules.violations(a, alerts)).isEmpty();
        }
        String document = body("/feeds/cap/" + drill + ".xml");
        assertThat(document).contains("<status>Exercise</status>");
        PublicFeedsIT.capSchema().newValidator().validate(new DOMSource(
                CapFeedForAggregatorsIT.parse(document).getDocumentElement()));

        assertThat(deliveriesOf(drill)).as("no citizen is sent a drill's evacuation").isZero();
        assertThat(deliveriesOf(drillLift)).isZero();
    }

    @Test
    void theApproversNoticeOfADrillSaysExercise() {
        UUID draftId = UUID.randomUUID();
        Map<String, Object> data = Fixtures.approvalRequested(draftId, "YAMADA", 4, Instant.parse("2026-09-01T03:00:00Z"));
        data.put("disasterName", "【訓練】大雨");
        data.put("exercise", true);
        kafka.send(EVACUATION_TOPIC, "YAMADA",
                codec.encode("jp.kama.evacuation.approval-requested.v1", "YAMADA", data).payload());
        Awaitility.await().atMost(PATIENCE).until(() -> !pushesTo(STAFF_GROUP, draftId.toString()).isEmpty());
        assertThat(pushesTo(STAFF_GROUP, draftId.toString())).singleElement()
                .satisfies(push -> assertThat(push.body()).contains("【訓練】", "exercise", "承認"));
    }
}
