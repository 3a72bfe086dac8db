package jp.kama.hub.notifications.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jp.kama.hub.notifications.Fixtures;
import jp.kama.hub.notifications.NotificationTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Element;

/**
 * An alert still in force is re-issued before it expires (aggregators drop expired alerts);
 * one whose evacuation level was lifted, or whose shelter closed, is left to expire.
 */
class CapRenewalsIT extends NotificationTestBase {

    @Autowired
    CapRenewals renewals;

    UUID send(String topic, String key, String type, Object data) {
        var e = codec.encode(type, key, data);
        kafka.send(topic, key, e.payload());
        return e.id();
    }

    boolean inFeed(UUID id) {
        return jdbc.sql("select count(*) from cap_entry where id = :id").param("id", id).query(Long.class).single() == 1;
    }

    static UUID renewalOf(UUID id) {
        return UUID.nameUUIDFromBytes(("renewal of " + id).getBytes(StandardCharsets.UTF_8));
    }

    Element alert(UUID id) throws Exception {
        String xml = mvc.perform(get("/feeds/cap/" + id + ".xml")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return CapFeedForAggregatorsIT.parse(xml).getDocumentElement();
    }

    @Test
    void reissuesWhatIsStillInForceBeforeItExpiresAndLetsTheRestExpire() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant almostADayAgo = now.minus(Duration.ofHours(23)).minus(Duration.ofMinutes(30));
        UUID level3 = send("kama.evacuation.events.v1", "YAMADA", "jp.kama.evacuation.level-changed.v1",
                Fixtures.evacuation("YAMADA", 3, null, almostADayAgo));
        UUID kaho4 = send("kama.evacuation.events.v1", "KAHO", "jp.kama.evacuation.level-changed.v1",
                Fixtures.evacuation("KAHO", 4, null, almostADayAgo.minus(Duration.ofMinutes(20))));
        UUID kahoLifted = send("kama.evacuation.events.v1", "KAHO", "jp.kama.evacuation.level-changed.v1",
                Fixtures.evacuation("KAHO", null, 4, almostADayAgo.minus(Duration.ofMinutes(10))));
        String stillOpen = "S-RENEW-" + UUID.randomUUID();
        UUID opened = send("kama.shelter.events.v1", stillOpen, "jp.kama.shelter.status-changed.v1",
                Fixtures.shelter(stillOpen, "山田小学校", "YAMADA", "OPEN", "CLOSED", 100, 0, almostADayAgo));
        String closedAgain = "S-RENEW-" + UUID.randomUUID();
        UUID openedBriefly = send("kama.shelter.events.v1", closedAgain, "jp.kama.shelter.status-changed.v1",
                Fixtures.shelter(closedAgain, "山田公民館", "YAMADA", "OPEN", "CLOSED", 100, 0, almostADayAgo));
        UUID closed = send("kama.shelter.events.v1", closedAgain, "jp.kama.shelter.status-changed.v1",
                Fixtures.shelter(closedAgain, "山田公民館", "YAMADA", "CLOSED", "OPEN", 100, 0, almostADayAgo.plusSeconds(60)));
        Awaitility.await().atMost(PATIENCE).until(() -> inFeed(level3) && inFeed(kahoLifted) && inFeed(opened) && inFeed(closed));

        renewals.renewDue();
        renewals.renewDue(); // a second run, or a second instance, adds nothing

        Element renewed = alert(renewalOf(level3));
        assertThat(CapAggregatorRules.text(renewed, "msgType")).isEqualTo("Update");
        assertThat(CapAggregatorRules.text(renewed, "references")).contains("urn:uuid:" + level3);
        Element info = CapAggregatorRules.child(renewed, "info");
        Instant sent = CapAggregatorRules.at(CapAggregatorRules.text(renewed, "sent")).toInstant();
        assertThat(sent).isAfterOrEqualTo(now);
        assertThat(CapAggregatorRules.at(CapAggregatorRules.text(info, "expires")).toInstant())
                .isEqualTo(sent.plus(Duration.ofHours(24)));
        assertThat(CapAggregatorRules.text(info, "event")).isEqualTo("避難情報（警戒レベル3）");
        assertThat(CapAggregatorRules.violations(renewed, java.util.Map.of("urn:uuid:" + level3, alert(level3)))).isEmpty();
        assertThat(CapAggregatorRules.text(alert(renewalOf(opened)), "references")).contains("urn:uuid:" + opened);
        assertThat(jdbc.sql("select count(*) from cap_entry where id = :id").param("id", renewalOf(level3))
                .query(Long.class).single()).isEqualTo(1);

        mvc.perform(get("/feeds/cap/" + renewalOf(kahoLifted) + ".xml")).andExpect(status().isNotFound());
        mvc.perform(get("/feeds/cap/" + renewalOf(kaho4) + ".xml")).andExpect(status().isNotFound());
        mvc.perform(get("/feeds/cap/" + renewalOf(closed) + ".xml")).andExpect(status().isNotFound());
        mvc.perform(get("/feeds/cap/" + renewalOf(openedBriefly) + ".xml")).andExpect(status().isNotFound());
    }
}
