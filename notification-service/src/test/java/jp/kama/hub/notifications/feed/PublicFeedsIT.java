package jp.kama.hub.notifications.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import jp.kama.hub.notifications.Fixtures;
import jp.kama.hub.notifications.NotificationTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The public feeds: CAP 1.2 in Atom (schema-valid), the national open-data CSV, GeoJSON, all cacheable. */
class PublicFeedsIT extends NotificationTestBase {

    static final String CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2";
    static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    String body(String path) throws Exception {
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    void shelterOpened(String id) {
        kafka.send("kama.shelter.events.v1", id, codec.encode("jp.kama.shelter.status-changed.v1", id,
                Fixtures.shelter(id, "稲築公民館", "INATSUKI", "OPEN", null, 200, 12, Instant.parse("2026-09-01T03:00:00Z")))
                .payload());
    }

    @Test
    void servesTheSheltersAsTheNationalCsvWithStatusAndAsOf() throws Exception {
        shelterOpened("S-CSV-1");
        Awaitility.await().atMost(PATIENCE).until(() -> body("/feeds/shelters.csv").contains("S-CSV-1"));

        String csv = body("/feeds/shelters.csv");
        String[] lines = csv.split("\r\n");
        String[] header = lines[0].split(",", -1);
        assertThat(header).hasSize(43);
        assertThat(List.of(header).subList(0, 5)).containsExactly("全国地方公共団体コード", "ID", "名称", "名称_カナ", "名称_英字");
        assertThat(header[7]).isEqualTo("所在地_連結表記");
        assertThat(header[25]).isEqualTo("災害種別_崖崩れ、土石流及び地滑り");
        assertThat(header[38]).isEqualTo("備考");
        assertThat(List.of(header).subList(39, 43)).containsExactly("開設状況", "避難所状況", "現在の避難者数", "時点");
        String row = java.util.Arrays.stream(lines).filter(l -> l.contains("S-CSV-1")).findFirst().orElseThrow();
        assertThat(row).startsWith("402273,S-CSV-1,稲築公民館,イナツキコウミンカン,");
        assertThat(row).endsWith(",開設,空き,12,2026-09-01T12:00:00+09:00");
        mvc.perform(get("/feeds/shelters.csv")).andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"));
    }

    java.util.UUID occupancyChanged(String id, int capacity, int occupancy, Instant asOf) {
        var e = codec.encode("jp.kama.shelter.occupancy-changed.v1", id,
                Fixtures.occupancy(id, "稲築公民館", "INATSUKI", "OPEN", capacity, occupancy, asOf));
        kafka.send("kama.shelter.events.v1", id, e.payload());
        return e.id();
    }

    String csvRow(String id) throws Exception {
        return java.util.Arrays.stream(body("/feeds/shelters.csv").split("\r\n")).filter(l -> l.contains("," + id + ","))
                .findFirst().orElse("");
    }

    boolean handled(java.util.UUID eventId) {
        return jdbc.sql("select count(*) from processed_event where event_id = :e").param("e", eventId)
                .query(Long.class).single() == 1;
    }

    @Test
    void printsEveryCheckedInCountWithTheTimeOfThatCount() throws Exception {
        String id = "S-COUNT-" + java.util.UUID.randomUUID();
        kafka.send("kama.shelter.events.v1", id, codec.encode("jp.kama.shelter.status-changed.v1", id,
                Fixtures.shelter(id, "稲築公民館", "INATSUKI", "OPEN", "CLOSED", 100, 0, Instant.parse("2026-09-01T03:00:00Z")))
                .payload());
        occupancyChanged(id, 100, 1, Instant.parse("2026-09-01T03:05:00Z"));

        Awaitility.await().atMost(PATIENCE).until(() -> csvRow(id).contains(",開設,空き,1,"));
        assertThat(csvRow(id)).endsWith(",開設,空き,1,2026-09-01T12:05:00+09:00");
        assertThat(feature(id)).containsEntry("occupancy", 1).containsEntry("asOf", "2026-09-01T12:05:00+09:00");

        occupancyChanged(id, 100, 41, Instant.parse("2026-09-01T03:40:00Z"));
        // an older count arriving late (a replay from the dead-letter topic) never replaces a newer one
        java.util.UUID late = occupancyChanged(id, 100, 40, Instant.parse("2026-09-01T03:39:00Z"));
        Awaitility.await().atMost(PATIENCE).until(() -> handled(late));
        assertThat(csvRow(id)).endsWith(",開設,空き,41,2026-09-01T12:40:00+09:00");
        assertThat(feature(id)).containsEntry("occupancy", 41).containsEntry("capacity", 100)
                .containsEntry("asOf", "2026-09-01T12:40:00+09:00");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> feature(String id) throws Exception {
        Map<String, Object> fc = JSON.readValue(body("/feeds/shelters.geojson"), Map.class);
        for (Map<String, Object> f : (List<Map<String, Object>>) fc.get("features")) {
            if (id.equals(f.get("id"))) {
                return (Map<String, Object>) f.get("properties");
            }
        }
        return Map.of();
    }

    @Test
    void answersNotModifiedToAMatchingETagAndAFreshBodyAfterAChange() throws Exception {
        shelterOpened("S-ETAG-1");
        Awaitility.await().atMost(PATIENCE).until(() -> body("/feeds/shelters.geojson").contains("S-ETAG-1"));
        var first = mvc.perform(get("/feeds/shelters.geojson")).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "max-age=30, public")).andReturn().getResponse();
        String etag = first.getHeader("ETag");
        assertThat(first.getContentAsString(StandardCharsets.UTF_8))
                .contains("\"type\":\"FeatureCollection\"", "\"coordinates\":[130.6889,33.5636]", "\"asOf\":\"2026-09-01T12:00:00+09:00\"");

        mvc.perform(get("/feeds/shelters.geojson").header("If-None-Match", etag)).andExpect(status().isNotModified());

        shelterOpened("S-ETAG-2");
        Awaitility.await().atMost(PATIENCE).until(() -> body("/feeds/shelters.geojson").contains("S-ETAG-2"));
        mvc.perform(get("/feeds/shelters.geojson").header("If-None-Match", etag)).andExpect(status().isOk());
    }

    @Test
    void publishesEvacuationInformationAndShelterOpeningsAsSchemaValidCapAlerts() throws Exception {
        shelterOpened("S-CAP-1");
        kafka.send("kama.evacuation.events.v1", "INATSUKI", codec.encode("jp.kama.evacuation.level-changed.v1", "INATSUKI",
                Fixtures.evacuation("INATSUKI", 4, 3, Instant.parse("2026-09-01T04:00:00Z"))).payload());
        Awaitility.await().atMost(PATIENCE).until(() -> {
            String feed = body("/feeds/cap.atom");
            return feed.contains("避難指示") && feed.contains("S-CAP-1") || feed.contains("避難指示") && feed.contains("避難所開設");
        });

        String atom = body("/feeds/cap.atom");
        List<Element> alerts = alerts(atom);
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(2);
        Schema cap = capSchema();
        for (Element alert : alerts) {
            cap.newValidator().validate(new DOMSource(alert));
        }
        assertThat(atom).contains("【警戒レベル4 避難指示】稲築地区", "<responseType>Evacuate</responseType>",
                "<severity>Severe</severity>", "<sent>2026-09-01T13:00:00+09:00</sent>");
    }

    @Test
    void theSchemaRejectsAnAlertWithoutItsEvent() throws Exception {
        String broken = """
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifier><sender>s</sender>
                <sent>2026-09-01T13:00:00+09:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
                <info><category>Safety</category><urgency>Immediate</urgency><severity>Severe</severity>
                <certainty>Likely</certainty></info></alert>""";
        assertThatThrownBy(() -> capSchema().newValidator().validate(new StreamSource(new StringReader(broken))))
                .hasMessageContaining("urgency");
    }

    @Test
    void feedsNeedNoLoginButCannotBeWritten() throws Exception {
        mvc.perform(get("/feeds/cap.atom")).andExpect(status().isOk());
        mvc.perform(post("/feeds/cap.atom")).andExpect(status().isUnauthorized());
    }

    static Schema capSchema() throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return f.newSchema(PublicFeedsIT.class.getResource("/cap/CAP-v1.2.xsd"));
    }

    static List<Element> alerts(String atom) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Document doc = dbf.newDocumentBuilder().parse(new InputSource(new StringReader(atom)));
        NodeList list = doc.getElementsByTagNameNS(CAP_NS, "alert");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }
}
