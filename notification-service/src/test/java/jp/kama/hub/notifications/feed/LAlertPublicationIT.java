package jp.kama.hub.notifications.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.transform.dom.DOMSource;

import jp.kama.hub.infra.lalert.FakeLAlertReceiver;
import jp.kama.hub.infra.lalert.FakeLAlertReceiver.Received;
import jp.kama.hub.infra.line.FakeLineServer.RecordedCall;
import jp.kama.hub.notifications.Fixtures;
import jp.kama.hub.notifications.NotificationTestBase;
import jp.kama.hub.notifications.delivery.PublicationBatches;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Issue 16, "an evacuation order leaves exactly once on L-Alert, CAP and LINE, each checked":
 * one approved 避難指示 is one EDXL-DE document at the (fake) L-Alert receiver, one CAP alert in
 * the feed (read against the CAP 1.2 schema) and one LINE multicast to the district's
 * subscribers, although the receiver's first answer is lost and the event is delivered twice.
 * Shelter status leaves on L-Alert as 避難所情報 (開設, 混雑, 閉鎖); sample shelters never do. A
 * control character in a shelter's name reaches neither document (XML 1.0 cannot carry it).
 */
class LAlertPublicationIT extends NotificationTestBase {

    static final String EVACUATION_TOPIC = "kama.evacuation.events.v1";
    static final String EV = "http://xml.publiccommons.ne.jp/pcxml1/body/evacuation3";
    static final String SH = "http://xml.publiccommons.ne.jp/pcxml1/body/shelter3";
    static final String EDXL = FakeLAlertReceiver.EDXL_DE;
    static final String COMMONS = FakeLAlertReceiver.COMMONS;

    String body(String path) throws Exception {
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    boolean handled(UUID eventId) {
        return jdbc.sql("select count(*) from processed_event where event_id = :e").param("e", eventId)
                .query(Long.class).single() == 1;
    }

    static List<Received> documentsOf(UUID eventId) {
        String id = PublicationBatches.batchId(eventId, "LALERT").toString();
        return lAlert.received().stream().filter(r -> r.distributionId().equals(id)).toList();
    }

    static List<RecordedCall> multicastsWith(String text) {
        return line.acceptedCalls().stream()
                .filter(c -> c.path().equals("/v2/bot/message/multicast") && c.body().contains(text)).toList();
    }

    List<String> deliveryLog(UUID eventId, String channel) {
        return jdbc.sql("select status from delivery_log where event_id = :e and channel = :c order by recipient")
                .param("e", eventId).param("c", channel).query(String.class).list();
    }

    @Test
    void anEvacuationOrderLeavesExactlyOnceOnLAlertCapAndLine() throws Exception {
        lineSubscribers(2, "INATSUKI", "ja");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var order = codec.encode("jp.kama.evacuation.level-changed.v1", "INATSUKI",
                Fixtures.evacuation("INATSUKI", 4, null, now.minus(Duration.ofMinutes(2))));
        var lift = codec.encode("jp.kama.evacuation.level-changed.v1", "INATSUKI",
                Fixtures.evacuation("INATSUKI", null, 4, now.minus(Duration.ofMinutes(1))));
        // L-Alert takes the first document in but its answer is lost: the hub must not send it twice
        lAlert.loseAnswerOfNext(1);
        kafka.send(EVACUATION_TOPIC, "INATSUKI", order.payload());
        Awaitility.await().atMost(PATIENCE).until(() -> handled(order.id()));
        awaitNothingPending();
        kafka.send(EVACUATION_TOPIC, "INATSUKI", order.payload()); // the same event delivered again
        kafka.send(EVACUATION_TOPIC, "INATSUKI", lift.payload());
        Awaitility.await().atMost(PATIENCE).until(() -> handled(lift.id()));
        awaitNothingPending();

        // L-Alert: one document for the order, as the receiver reads it, although it was sent twice
        assertThat(lAlert.calls()).extracting(FakeLAlertReceiver.Call::status).as("lost answer, then the resend is a duplicate")
                .containsSubsequence(500, 409);
        Received doc = documentsOf(order.id()).stream().collect(onlyOne("L-Alert documents of the order"));
        assertThat(doc.texts(EDXL, "distributionStatus")).containsOnly("Actual");
        assertThat(doc.texts(EV, "Sort")).containsExactly("避難指示");
        assertThat(doc.texts(EV, "IssueOrLift")).containsExactly("発令");
        assertThat(doc.texts(COMMONS, "areaName")).contains("稲築地区");
        assertThat(doc.texts("http://xml.publiccommons.ne.jp/pcxml1/elementBasis3/", "DisasterName")).containsExactly("令和8年9月豪雨");
        assertThat(doc.headline()).isEqualTo("嘉麻市 稲築地区に警戒レベル4 避難指示を発令");
        assertThat(doc.title()).isEqualTo("EvacuationOrder");
        assertThat(doc.idempotencyKey()).isEqualTo(doc.distributionId());
        assertThat(lAlert.received()).filteredOn(r -> r.headline().equals(doc.headline()))
                .as("no second document of the order under another id").hasSize(1);
        assertThat(deliveryLog(order.id(), "LALERT")).as("logged once, as accepted before").containsExactly("ALREADY_ACCEPTED");

        // the lift is the next revision of the district's document, an Update
        Received lifted = documentsOf(lift.id()).stream().collect(onlyOne("L-Alert documents of the lift"));
        assertThat(lifted.documentId()).isEqualTo(doc.documentId());
        assertThat(lifted.revision()).isEqualTo(doc.revision() + 1);
        assertThat(lifted.distributionType()).isEqualTo("Update");
        assertThat(lifted.texts(EV, "IssueOrLift")).containsExactly("解除");
        assertThat(lifted.texts(EV, "Sort")).containsExactly("避難指示");
        assertThat(deliveryLog(lift.id(), "LALERT")).containsExactly("SENT");

        // CAP: one alert with the event's identifier, valid CAP 1.2, also as its own document
        List<Element> alerts = PublicFeedsIT.alerts(body("/feeds/cap.atom")).stream()
                .filter(a -> ("urn:uuid:" + order.id()).equals(CapAggregatorRules.text(a, "identifier"))).toList();
        assertThat(alerts).as("CAP alerts of the order in the feed").hasSize(1);
        PublicFeedsIT.capSchema().newValidator().validate(new DOMSource(alerts.getFirst()));
        assertThat(CapAggregatorRules.text(CapAggregatorRules.child(alerts.getFirst(), "info"), "headline"))
                .isEqualTo("【警戒レベル4 避難指示】稲築地区");
        PublicFeedsIT.capSchema().newValidator().validate(new DOMSource(
                CapFeedForAggregatorsIT.parse(body("/feeds/cap/" + order.id() + ".xml")).getDocumentElement()));

        // LINE: one multicast to the district's two subscribers
        List<RecordedCall> pushes = multicastsWith("【警戒レベル4 避難指示】稲築地区");
        assertThat(pushes).as("LINE multicasts of the order").hasSize(1);
        assertThat(deliveryLog(order.id(), "LINE")).containsExactly("SENT", "SENT");
        assertThat(multicastsWith("【避難情報 解除】稲築地区")).hasSize(1);
    }

    @Test
    void shelterStatusLeavesOnLAlertAsTheListOfOpenSheltersAndSamplesNeverDo() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String id = "S-LALERT-" + UUID.randomUUID();
        // a real shelter (not sample data); its name has XML's special characters, an emoji and a vertical
        // tab, which PostgreSQL stores but XML 1.0 cannot carry (a careless import could give it)
        String name = "稲築体育館 <東棟> & 別館\u000B🏫";
        String inXml = "稲築体育館 <東棟> & 別館🏫";
        UUID opened = shelter(id, name, "OPEN", "CLOSED", 10, now.minus(Duration.ofMinutes(3)), false);
        UUID crowded = shelter(id, name, "CROWDED", "OPEN", 85, now.minus(Duration.ofMinutes(2)), false);
        UUID closed = shelter(id, name, "CLOSED", "CROWDED", 0, now.minus(Duration.ofMinutes(1)), false);
        UUID sample = shelter("S-LALERT-SAMPLE-" + UUID.randomUUID(), "見本の避難所", "OPEN", "CLOSED", 0, now, true);
        Awaitility.await().atMost(PATIENCE).until(() -> handled(opened) && handled(crowded) && handled(closed) && handled(sample));
        awaitNothingPending();

        Received open = documentsOf(opened).stream().collect(onlyOne("document of the opening"));
        Element info = informationOf(open, inXml);
        assertThat(text(info, "Sort")).isEqualTo("開設");
        assertThat(text(info, "Status")).isEqualTo("空き");
        assertThat(text(info, "Capacity")).isEqualTo("100");
        assertThat(open.title()).isEqualTo("Shelter");

        Element busy = informationOf(documentsOf(crowded).stream().collect(onlyOne("document of the crowding")), inXml);
        assertThat(text(busy, "Status")).isEqualTo("混雑");
        assertThat(busy.getElementsByTagNameNS(SH, "HeadCount").item(0).getTextContent()).isEqualTo("85");

        Received close = documentsOf(closed).stream().collect(onlyOne("document of the closing"));
        assertThat(text(informationOf(close, inXml), "Sort")).isEqualTo("閉鎖");
        assertThat(close.revision()).isEqualTo(open.revision() + 2);
        assertThat(close.documentId()).isEqualTo(open.documentId());

        // the CAP feed carries the same name without the tab, and stays readable XML (it did not: the tab broke every reader)
        assertThat(PublicFeedsIT.alerts(body("/feeds/cap.atom")))
                .anySatisfy(a -> assertThat(CapAggregatorRules.text(CapAggregatorRules.child(a, "info"), "headline"))
                        .isEqualTo("避難所開設：" + inXml));

        assertThat(documentsOf(sample)).as("sample data never reaches L-Alert").isEmpty();
        assertThat(lAlert.received()).allSatisfy(r -> assertThat(r.xml()).doesNotContain("見本の避難所"));
    }

    UUID shelter(String id, String name, String status, String previous, int occupancy, Instant asOf, boolean isSample) {
        Map<String, Object> data = Fixtures.shelter(id, name, "INATSUKI", status, previous, 100, occupancy, asOf);
        data.put("sample", isSample);
        var e = codec.encode("jp.kama.shelter.status-changed.v1", id, data);
        kafka.send("kama.shelter.events.v1", id, e.payload());
        return e.id();
    }

    static Element informationOf(Received doc, String shelterName) {
        var infos = doc.document().getElementsByTagNameNS(SH, "Information");
        for (int i = 0; i < infos.getLength(); i++) {
            Element info = (Element) infos.item(i);
            if (info.getElementsByTagNameNS(COMMONS, "areaName").item(0).getTextContent().equals(shelterName)) {
                return info;
            }
        }
        throw new AssertionError("no pcx_sh:Information for " + shelterName + " in " + doc.xml());
    }

    static String text(Element info, String name) {
        var nodes = info.getElementsByTagNameNS(SH, name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    static <T> java.util.stream.Collector<T, ?, T> onlyOne(String what) {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> {
            assertThat(l).as(what).hasSize(1);
            return l.getFirst();
        });
    }
}
