package jp.kama.hub.notifications.feed;

import java.io.StringWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jp.kama.hub.notifications.feed.CapEntries.CapEntry;
import jp.kama.hub.notifications.feed.CapEntries.PublishedAlert;
import jp.kama.hub.notifications.feed.ShelterStates.ShelterState;
import tools.jackson.databind.json.JsonMapper;

/** Renders the public feeds from plain values, so each format is testable without Spring. */
final class FeedWriters {

    static final String CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2";
    static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    static final String CAP_TYPE = "application/cap+xml";
    static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    /** CAP 1.2 wants date-times with an explicit offset and no fraction, e.g. 2026-09-01T12:00:00+09:00. */
    private static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    /** CAP sender: Kama City's local government code with check digit (402273). */
    static final String SENDER = "jp.lg.kama-city.402273";

    private FeedWriters() {
    }

    static String capTime(Instant t) {
        return CAP_TIME.format(OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), JST));
    }

    // ---- CSV ------------------------------------------------------------------------------

    static String sheltersCsv(List<ShelterState> shelters) {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(NationalColumns.ALL);
        header.addAll(NationalColumns.STATUS);
        row(out, header);
        for (ShelterState s : shelters) {
            Map<String, String> values = nationalValues(s);
            List<String> cells = new ArrayList<>();
            for (String column : NationalColumns.ALL) {
                cells.add(values.getOrDefault(column, ""));
            }
            cells.add(statusJa(s.status()));
            cells.add(s.lAlertStatus());
            cells.add(Integer.toString(s.occupancy()));
            cells.add(capTime(s.asOf()));
            row(out, cells);
        }
        return out.toString();
    }

    /** The shelter's own open-data values, with what the snapshot knows filling the gaps. */
    @SuppressWarnings("unchecked")
    static Map<String, String> nationalValues(ShelterState s) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("全国地方公共団体コード", "402273");
        v.put("ID", s.shelterId());
        v.put("名称", s.name());
        Object kana = s.snapshot().get("nameKana");
        if (kana != null) {
            v.put("名称_カナ", kana.toString());
        }
        Object address = s.snapshot().get("address");
        if (address != null) {
            v.put("所在地_連結表記", address.toString());
        }
        v.put("緯度", Double.toString(s.latitude()));
        v.put("経度", Double.toString(s.longitude()));
        v.put("市区町村コード(設置主体)", "402273");
        v.put("地方公共団体名(設置主体)", "嘉麻市");
        List<String> hazards = (List<String>) s.snapshot().getOrDefault("hazards", List.of());
        for (int i = 0; i < NationalColumns.HAZARDS.size(); i++) {
            v.put(NationalColumns.ALL.get(24 + i), hazards.contains(NationalColumns.HAZARDS.get(i)) ? "1" : "");
        }
        v.put("指定避難所との重複", Boolean.TRUE.equals(s.snapshot().get("designatedShelter")) ? "1" : "");
        v.put("想定収容人数", Integer.toString(s.capacity()));
        if (s.sample()) {
            v.put("備考", "サンプルデータ（実在の施設ではありません）");
        }
        Object openData = s.snapshot().get("openData");
        if (openData instanceof Map<?, ?> m) {
            m.forEach((k, val) -> {
                if (val != null && !val.toString().isEmpty()) {
                    v.put(k.toString(), val.toString());
                }
            });
        }
        return v;
    }

    static String statusJa(String status) {
        return switch (status) {
            case "CLOSED" -> "閉鎖";
            case "OPEN", "CROWDED", "FULL" -> "開設";
            default -> "不明";
        };
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells.get(i) == null ? "" : cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                out.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                out.append(c);
            }
        }
        out.append("\r\n");
    }

    // ---- GeoJSON --------------------------------------------------------------------------

    static String sheltersGeoJson(List<ShelterState> shelters, JsonMapper json) {
        List<Map<String, Object>> features = new ArrayList<>();
        for (ShelterState s : shelters) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", s.shelterId());
            props.put("name", s.name());
            props.put("district", s.district());
            props.put("status", s.status());
            props.put("lAlertStatus", s.lAlertStatus());
            props.put("capacity", s.capacity());
            props.put("occupancy", s.occupancy());
            props.put("hazards", s.snapshot().getOrDefault("hazards", List.of()));
            props.put("sample", s.sample());
            props.put("asOf", capTime(s.asOf()));
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", "Feature");
            f.put("id", s.shelterId());
            f.put("geometry", Map.of("type", "Point", "coordinates", List.of(s.longitude(), s.latitude())));
            f.put("properties", props);
            features.add(f);
        }
        Map<String, Object> fc = new LinkedHashMap<>();
        fc.put("type", "FeatureCollection");
        fc.put("features", features);
        return json.writeValueAsString(fc);
    }

    // ---- CAP 1.2 in Atom ------------------------------------------------------------------

    static String identifier(UUID id) {
        return "urn:uuid:" + id;
    }

    /** Where an alert's standalone CAP document is: each Atom entry's id and link. */
    static String alertUrl(FeedProperties props, UUID id) {
        return props.url("/feeds/cap/" + id + ".xml");
    }

    /**
     * The Atom feed (RFC 4287). Each entry's {@code id} is the absolute URL of its CAP document
     * (the IFRC Alert Hub reads an entry's id as the URL to fetch), the same URL is its
     * {@code link rel="alternate" type="application/cap+xml"} (Google Public Alerts follows that
     * link), and the alert is inline in {@code content} too, for readers of "fat" feeds.
     */
    static String capAtom(List<PublishedAlert> alerts, Instant now, FeedProperties props) {
        try {
            StringWriter sw = new StringWriter();
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(sw);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("feed");
            x.writeDefaultNamespace(ATOM_NS);
            text(x, "id", "urn:kama-hub:feeds:cap");
            text(x, "title", "嘉麻市 避難情報・避難所開設 (Kama City evacuation information, CAP 1.2)");
            text(x, "updated", capTime(alerts.isEmpty() ? now : alerts.getFirst().entry().sent()));
            x.writeStartElement("author");
            text(x, "name", "嘉麻市 災害対策本部 (Kama City disaster headquarters)");
            x.writeEndElement();
            link(x, "self", "application/atom+xml", props.url("/feeds/cap.atom"));
            for (PublishedAlert a : alerts) {
                CapEntry e = a.entry();
                String url = alertUrl(props, e.id());
                x.writeStartElement("entry");
                text(x, "id", url);
                text(x, "title", e.headline());
                text(x, "updated", capTime(e.sent()));
                link(x, "alternate", CAP_TYPE, url);
                text(x, "summary", e.description());
                x.writeStartElement("content");
                x.writeAttribute("type", CAP_TYPE);
                capAlert(x, a, props);
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
            return sw.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write the CAP feed", e);
        }
    }

    /** One alert as a standalone CAP 1.2 document, what each Atom entry links to. */
    static String capDocument(PublishedAlert a, FeedProperties props) {
        try {
            StringWriter sw = new StringWriter();
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(sw);
            x.writeStartDocument("UTF-8", "1.0");
            capAlert(x, a, props);
            x.writeEndDocument();
            x.close();
            return sw.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write the CAP alert", e);
        }
    }

    /**
     * One CAP 1.2 alert, elements in the schema's order, with what Google Public Alerts and the
     * IFRC Alert Hub need beyond the schema (docs/notifications.md, "CAP rules"): one {@code info}
     * with language, {@code expires} after {@code effective}, senderName, description, web,
     * an area with areaDesc and a geocode (plus a circle where the place is a point), and
     * references when it updates earlier alerts.
     */
    static void capAlert(XMLStreamWriter x, PublishedAlert a, FeedProperties props) throws XMLStreamException {
        CapEntry e = a.entry();
        x.writeStartElement("alert");
        x.writeDefaultNamespace(CAP_NS);
        text(x, "identifier", identifier(e.id()));
        text(x, "sender", SENDER);
        text(x, "sent", capTime(e.sent()));
        text(x, "status", e.status());
        text(x, "msgType", e.msgType());
        text(x, "scope", "Public");
        if (a.references() != null) {
            text(x, "references", a.references());
        }
        x.writeStartElement("info");
        text(x, "language", "ja-JP");
        text(x, "category", e.category());
        text(x, "event", e.event());
        text(x, "responseType", e.responseType());
        text(x, "urgency", e.urgency());
        text(x, "severity", e.severity());
        text(x, "certainty", e.certainty());
        text(x, "effective", capTime(e.sent()));
        text(x, "expires", capTime(a.expires()));
        text(x, "senderName", "嘉麻市");
        text(x, "headline", e.headline());
        text(x, "description", e.description());
        if (e.instruction() != null) {
            text(x, "instruction", e.instruction());
        }
        text(x, "web", props.cap().web());
        if (!props.cap().contact().isBlank()) {
            text(x, "contact", props.cap().contact());
        }
        x.writeStartElement("area");
        text(x, "areaDesc", e.areaDesc());
        if (e.latitude() != null && e.longitude() != null) {
            text(x, "circle", e.latitude() + "," + e.longitude() + " 0.1");
        }
        x.writeStartElement("geocode");
        text(x, "valueName", "JIS X 0402");
        text(x, "value", "402273");
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
    }

    private static void link(XMLStreamWriter x, String rel, String type, String href) throws XMLStreamException {
        x.writeEmptyElement("link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("type", type);
        x.writeAttribute("href", href);
    }

    private static void text(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(XmlText.clean(value));
        x.writeEndElement();
    }
}
