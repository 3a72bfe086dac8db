package jp.kama.hub.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import jp.kama.hub.infra.line.FakeLineServer.RecordedCall;
import jp.kama.hub.notifications.Fixtures;
import jp.kama.hub.notifications.NotificationTestBase;
import jp.kama.hub.platform.events.CloudEventCodec.EncodedEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A shelter status change reaches every subscriber of its district once, over each of their channels. */
class ShelterFanOutIT extends NotificationTestBase {

    static final String TOPIC = "kama.shelter.events.v1";

    EncodedEvent statusChanged(String shelterId, String district, String status, String previous) {
        EncodedEvent e = codec.encode("jp.kama.shelter.status-changed.v1", shelterId,
                Fixtures.shelter(shelterId, "稲築公民館", district, status, previous, 200, 150, Instant.parse("2026-09-01T03:00:00Z")));
        kafka.send(TOPIC, shelterId, e.payload());
        return e;
    }

    @Test
    void reachesTenThousandLineSubscribersThroughAtMostTwentyMulticastsEachOnce() {
        lineSubscribers(10_000, "INATSUKI", "ja");
        lineSubscribers(50, "KAHO", "ja"); // another district hears nothing

        EncodedEvent e = statusChanged("S-FANOUT-" + UUID.randomUUID(), "INATSUKI", "CROWDED", "OPEN");

        Awaitility.await().atMost(PATIENCE).until(() -> line.multicastRecipients().size() >= 10_000
                && jdbc.sql("select count(*) from delivery_log where event_id = :e and status <> 'PENDING'")
                .param("e", e.id()).query(Long.class).single() == 10_000);
        List<String> recipients = line.multicastRecipients();
        assertThat(recipients).hasSize(10_000);
        assertThat(new HashSet<>(recipients)).hasSize(10_000);
        assertThat(recipients).noneMatch(id -> id.equals("U" + "0".repeat(32)));
        List<RecordedCall> multicasts = line.acceptedCalls().stream()
                .filter(c -> c.path().equals("/v2/bot/message/multicast")).toList();
        assertThat(multicasts).hasSizeLessThanOrEqualTo(20);
        assertThat(multicasts).allSatisfy(c -> {
            assertThat(c.body()).contains("稲築公民館", "混雑");
            assertThat(c.retryKey()).isNotBlank();
        });
        assertThat(multicasts).extracting(RecordedCall::retryKey).doesNotHaveDuplicates();
        assertThat(jdbc.sql("select count(*) from delivery_log where event_id = :e and channel = 'LINE' and status = 'SENT'")
                .param("e", e.id()).query(Long.class).single()).isEqualTo(10_000);
    }

    @Test
    void aCountThatLeavesTheStatusAsItWasUpdatesTheFeedButMessagesNobody() {
        lineSubscribers(20, "KAHO", "ja");
        String id = "S-COUNT-" + UUID.randomUUID();
        EncodedEvent e = codec.encode("jp.kama.shelter.occupancy-changed.v1", id,
                Fixtures.occupancy(id, "嘉穂体育館", "KAHO", "OPEN", 200, 42, Instant.parse("2026-09-01T05:00:00Z")));
        kafka.send(TOPIC, id, e.payload());

        Awaitility.await().atMost(PATIENCE).until(() -> jdbc.sql(
                "select count(*) from shelter_state where shelter_id = :id and occupancy = 42").param("id", id)
                .query(Long.class).single() == 1);
        assertThat(jdbc.sql("select count(*) from processed_event where event_id = :e").param("e", e.id())
                .query(Long.class).single()).as("handled in the inbox transaction that wrote the feed row").isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from delivery_batch where event_id = :e").param("e", e.id())
                .query(Long.class).single()).as("only status changes are broadcast").isZero();
        assertThat(line.acceptedCalls()).isEmpty();
    }

    @Test
    void sendsNothingTwiceWhenTheSameEventArrivesTwice() {
        lineSubscribers(600, "YAMADA", "ja");
        EncodedEvent e = codec.encode("jp.kama.shelter.status-changed.v1", "S-TWICE",
                Fixtures.shelter("S-TWICE", "山田小学校", "YAMADA", "FULL", "CROWDED", 100, 100, Instant.parse("2026-09-01T04:00:00Z")));

        kafka.send(TOPIC, "S-TWICE", e.payload());
        kafka.send(TOPIC, "S-TWICE", e.payload());

        Awaitility.await().atMost(PATIENCE).until(() -> line.multicastRecipients().size() >= 600);
        Awaitility.await().atMost(PATIENCE).until(() -> jdbc.sql(
                "select count(*) from processed_event where event_id = :e").param("e", e.id()).query(Long.class).single() == 1);
        assertThat(line.multicastRecipients()).hasSize(600).doesNotHaveDuplicates();
        assertThat(line.acceptedCalls()).hasSize(2); // 500 + 100
    }

    @Test
    void sendsEachSubscriberTheirLanguageOnEveryChannelTheyGave() throws Exception {
        String sub = "citizen-" + UUID.randomUUID();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/subscriptions/me").with(citizen(sub))
                        .contentType("application/json")
                        .content("""
                                {"districts":["USUI"],"topics":["SHELTER"],"language":"en",
                                 "lineUserId":"U0123456789abcdef0123456789abcdef","email":"taro@example.jp","phone":"+819012345678"}"""))
                .andExpect(status().isOk());

        EncodedEvent e = statusChanged("S-LANG", "USUI", "FULL", "CROWDED");

        Awaitility.await().atMost(PATIENCE).until(() -> smtp.getReceivedMessages().length == 1 && sms.sent().size() == 1
                && line.multicastRecipients().size() == 1);
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[Shelter] 稲築公民館: full");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("taro@example.jp");
        assertThat(sms.sent().getFirst().to()).isEqualTo("+819012345678");
        assertThat(sms.sent().getFirst().text()).contains("The shelter 稲築公民館 in Usui district is full");
        assertThat(line.acceptedCalls().getFirst().body()).contains("U0123456789abcdef0123456789abcdef", "is full");
        Awaitility.await().atMost(PATIENCE).until(() -> jdbc.sql(
                "select count(*) from delivery_log where event_id = :e and status = 'SENT'").param("e", e.id())
                .query(Long.class).single() == 3);
        assertThat(jdbc.sql("select channel from delivery_log where event_id = :e order by channel").param("e", e.id())
                .query(String.class).list()).containsExactly("EMAIL", "LINE", "SMS");
        mvc.perform(get("/deliveries/status").with(staff("staff-a")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.channel=='EMAIL')].enabled").value(true))
                .andExpect(jsonPath("$[?(@.channel=='LINE')].circuitBreaker").value("CLOSED"))
                .andExpect(jsonPath("$[?(@.channel=='LINE')].pending").value(0))
                .andExpect(jsonPath("$[?(@.channel=='SMS')].sent", org.hamcrest.Matchers.hasSize(1)))
                .andExpect(jsonPath("$[?(@.channel=='SMS')].sent",
                        org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.greaterThanOrEqualTo(1))))
                .andExpect(jsonPath("$[?(@.channel=='EMAIL')].sent",
                        org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.greaterThanOrEqualTo(1))));
    }

    @Test
    void deliveryStatusIsForDisasterStaffOnly() throws Exception {
        mvc.perform(get("/deliveries/status")).andExpect(status().isUnauthorized());
        mvc.perform(get("/deliveries/status").with(citizen("c"))).andExpect(status().isForbidden());
    }
}
