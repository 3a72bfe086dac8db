package jp.kama.hub.notifications.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** The aggregator rules accept a complete alert and name what an incomplete one lacks (no Spring). */
class CapAggregatorRulesTests {

    static final String GOOD = """
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>urn:uuid:1</identifier>
            <sender>jp.lg.kama-city.402273</sender><sent>2026-09-01T13:00:00+09:00</sent><status>Actual</status>
            <msgType>Alert</msgType><scope>Public</scope><info><language>ja-JP</language><category>Safety</category>
            <event>避難情報</event><responseType>Evacuate</responseType><urgency>Immediate</urgency><severity>Severe</severity>
            <certainty>Likely</certainty><effective>2026-09-01T13:00:00+09:00</effective><expires>2026-09-02T13:00:00+09:00</expires>
            <senderName>嘉麻市</senderName><headline>避難指示</headline><description>稲築地区に避難指示を発令しました。</description>
            <web>https://city.kama.example/bousai/</web><area><areaDesc>嘉麻市 稲築地区</areaDesc>
            <geocode><valueName>JIS X 0402</valueName><value>402273</value></geocode></area></info></alert>""";

    static Element parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
    }

    static List<String> violations(String xml) throws Exception {
        return CapAggregatorRules.violations(parse(xml), Map.of());
    }

    @Test
    void acceptsAnAlertWithEverythingTheAggregatorsNeed() throws Exception {
        assertThat(violations(GOOD)).isEmpty();
    }

    @Test
    void namesEachMissingOrMalformedPart() throws Exception {
        assertThat(violations(GOOD.replaceAll("<expires>.*</expires>", "")))
                .containsExactly("urn:uuid:1: [G] expires present");
        assertThat(violations(GOOD.replace("<expires>2026-09-02T13:00:00+09:00", "<expires>2026-09-01T12:00:00+09:00")))
                .containsExactly("urn:uuid:1: [G] expires later than effective and sent");
        assertThat(violations(GOOD.replaceAll("<web>.*</web>", ""))).anyMatch(v -> v.contains("web"));
        assertThat(violations(GOOD.replace("<sent>2026-09-01T13:00:00+09:00", "<sent>2026-09-01T04:00:00.000Z")))
                .anyMatch(v -> v.contains("sent is"));
        assertThat(violations(GOOD.replace("<msgType>Alert", "<msgType>Update")))
                .containsExactly("urn:uuid:1: [G] an Update or Cancel has references");
        assertThat(violations(GOOD.replaceAll("<geocode>.*</geocode>", "")))
                .containsExactly("urn:uuid:1: [G] a circle, polygon or geocode");
        assertThat(violations(GOOD.replace("<severity>Severe", "<severity>Unknown"))).hasSize(1);
    }

    @Test
    void anUpdateMustReferenceAnAlertThatHadNotExpired() throws Exception {
        Element first = parse(GOOD);
        String update = GOOD.replace("urn:uuid:1", "urn:uuid:2").replace("<msgType>Alert</msgType><scope>Public</scope>",
                        "<msgType>Update</msgType><scope>Public</scope>"
                                + "<references>jp.lg.kama-city.402273,urn:uuid:1,2026-09-01T13:00:00+09:00</references>")
                .replace("<sent>2026-09-01T13:00:00+09:00", "<sent>2026-09-03T13:00:00+09:00")
                .replace("<effective>2026-09-01T13:00:00+09:00", "<effective>2026-09-03T13:00:00+09:00")
                .replace("<expires>2026-09-02T13:00:00+09:00", "<expires>2026-09-04T13:00:00+09:00");
        assertThat(CapAggregatorRules.violations(parse(update), Map.of("urn:uuid:1", first)))
                .containsExactly("urn:uuid:2: [G] an Update references alerts that had not expired when it was sent");
    }
}
