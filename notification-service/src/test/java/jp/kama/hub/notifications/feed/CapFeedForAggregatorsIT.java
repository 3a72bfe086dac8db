package jp.kama.hub.notifications.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;

import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import jp.kama.hub.notifications.Fixtures;
import jp.kama.hub.notifications.NotificationTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * The CAP feed as Google Public Alerts and the IFRC Alert Hub read it: a valid Atom feed (read
 * with ROME) whose entries' ids and links lead to standalone CAP documents, and every alert of
 * every kind (shelter opened and closed, evacuation level and its lifting, staff alert) valid
 * against the CAP 1.2 schema and the aggregators' rules ({@link CapAggregatorRules}).
 */
class CapFeedForAggregatorsIT extends NotificationTestBase {

    static final String TOPIC_SHELTERS = "kama.shelter.events.v1";

    String body(String path) throws Exception {
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    UUID shelter(String id, String status, String previous, Instant asOf) {
        var e = codec.encode("jp.kama.shelter.status-changed.v1", id,
                Fixtures.shelter(id, "碓井体育館", "USUI", status, previous, 150, 0, asOf));
        kafka.send(TOPIC_SHELTERS, id, e.payload());
        return e.id();
    }

    UUID evacuation(String district, Integer level, Integer previous, Instant asOf) {
        var e = codec.encode("jp.kama.evacuation.level-changed.v1", district, Fixtures.evacuation(district, level, previous, asOf));
        kafka.send("kama.evacuation.events.v1", district, e.payload());
        return e.id();
    }

    UUID staffAlert() throws Exception {
        String draft = mvc.perform(post("/alerts").with(staff("staff-a")).contentType("application/json").content("""
                        {"headline":"河川の増水","description":"碓井地区の遠賀川支流で水位が上がっています。",
                         "instruction":"川に近づかないでください。","districts":["USUI"],"severity":"Moderate","urgency":"Expected"}"""))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String id = draft.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        mvc.perform(post("/alerts/" + id + "/approval").with(staff("staff-b"))).andExpect(status().isOk());
        return UUID.fromString(id);
    }

    @Test
    void everyAlertOfEveryKindIsValidCapThatTheAggregatorsAccept() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String open = "S-AGG-" + UUID.randomUUID();
        String closing = "S-AGG-" + UUID.randomUUID();
        UUID opened = shelter(open, "OPEN", "CLOSED", now.minus(Duration.ofMinutes(10)));
        UUID openedThenClosed = shelter(closing, "OPEN", "CLOSED", now.minus(Duration.ofMinutes(9)));
        UUID closed = shelter(closing, "CLOSED", "OPEN", now.minus(Duration.ofMinutes(5)));
        UUID level4 = evacuation("USUI", 4, null, now.minus(Duration.ofMinutes(8)));
        UUID lifted = evacuation("USUI", null, 4, now.minus(Duration.ofMinutes(3)));
        UUID alert = staffAlert();
        List<UUID> ours = List.of(opened, openedThenClosed, closed, level4, lifted, alert);

        Awaitility.await().atMost(PATIENCE).until(() -> {
            String atom = body("/feeds/cap.atom");
            return List.of(opened, level4, lifted, alert).stream().allMatch(id -> atom.contains("urn:uuid:" + id))
                    && handled(closed);
        });
        String atom = body("/feeds/cap.atom");

        // every alert of the feed, of every kind: the CAP schema, then the aggregators' rules
        Map<String, Element> alerts = new HashMap<>();
        for (Element inline : PublicFeedsIT.alerts(atom)) {
            PublicFeedsIT.capSchema().newValidator().validate(new DOMSource(inline));
            assertThat(alerts.put(CapAggregatorRules.text(inline, "identifier"), inline))
                    .as("identifiers are unique in the feed").isNull();
        }
        List<String> violations = new ArrayList<>();
        for (Element a : alerts.values()) {
            violations.addAll(CapAggregatorRules.violations(a, alerts));
        }
        assertThat(violations).as("aggregator rules, every alert of the feed").isEmpty();

        // the feed, read by a feed client: each entry leads to its alert as a CAP document
        Feed feed = (Feed) new WireFeedInput().build(new StringReader(atom));
        assertThat(feed.getId()).isNotBlank();
        assertThat(feed.getTitleEx().getValue()).isNotBlank();
        assertThat(feed.getUpdated()).isNotNull();
        assertThat(feed.getAuthors()).isNotEmpty();
        assertThat(feed.getOtherLinks()).anySatisfy(l -> {
            assertThat(l.getRel()).isEqualTo("self");
            assertThat(URI.create(l.getHref()).isAbsolute()).isTrue();
        });
        assertThat(feed.getEntries()).hasSameSizeAs(alerts.keySet());
        for (Entry entry : feed.getEntries()) {
            assertThat(entry.getTitle()).isNotBlank();
            assertThat(entry.getUpdated()).isNotNull();
            URI url = URI.create(entry.getId());
            assertThat(url.getScheme()).as("the IFRC Alert Hub fetches each entry's id as the CAP document's URL").isIn("http", "https");
            List<Link> capLinks = entry.getAlternateLinks().stream().filter(l -> "application/cap+xml".equals(l.getType())).toList();
            assertThat(capLinks).as("Google follows the entry's application/cap+xml link").hasSize(1);
            assertThat(capLinks.getFirst().getHref()).isEqualTo(entry.getId());
            Content content = entry.getContents().getFirst();
            assertThat(content.getType()).isEqualTo("application/cap+xml");

            MockHttpServletResponse linked = mvc.perform(get(url.getPath())).andExpect(status().isOk()).andReturn().getResponse();
            assertThat(linked.getContentType()).startsWith("application/cap+xml");
            Element doc = parse(linked.getContentAsString(StandardCharsets.UTF_8)).getDocumentElement();
            assertThat(doc.getNamespaceURI()).isEqualTo(CapAggregatorRules.CAP_NS);
            assertThat(doc.getLocalName()).isEqualTo("alert");
            PublicFeedsIT.capSchema().newValidator().validate(new DOMSource(doc));
            String identifier = CapAggregatorRules.text(doc, "identifier");
            assertThat(alerts).containsKey(identifier);
            assertThat(CapAggregatorRules.violations(doc, alerts)).isEmpty();
        }

        // what this test published: live now, and each update names what it updates
        for (UUID id : ours) {
            Element a = alerts.get("urn:uuid:" + id);
            Element info = CapAggregatorRules.child(a, "info");
            assertThat(CapAggregatorRules.at(CapAggregatorRules.text(info, "expires")).toInstant())
                    .as("not expired, so the IFRC Alert Hub keeps it").isAfter(Instant.now());
        }
        assertThat(CapAggregatorRules.text(alerts.get("urn:uuid:" + lifted), "msgType")).isEqualTo("Update");
        assertThat(CapAggregatorRules.text(alerts.get("urn:uuid:" + lifted), "references")).contains("urn:uuid:" + level4);
        assertThat(CapAggregatorRules.text(alerts.get("urn:uuid:" + closed), "msgType")).isEqualTo("Update");
        assertThat(CapAggregatorRules.text(alerts.get("urn:uuid:" + closed), "references")).contains("urn:uuid:" + openedThenClosed);
        assertThat(CapAggregatorRules.text(alerts.get("urn:uuid:" + opened), "msgType")).isEqualTo("Alert");
    }

    boolean handled(UUID eventId) {
        return jdbc.sql("select count(*) from processed_event where event_id = :e").param("e", eventId)
                .query(Long.class).single() == 1;
    }

    @Test
    void anUnknownAlertIs404() throws Exception {
        mvc.perform(get("/feeds/cap/" + UUID.randomUUID() + ".xml")).andExpect(status().isNotFound());
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        return dbf.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
