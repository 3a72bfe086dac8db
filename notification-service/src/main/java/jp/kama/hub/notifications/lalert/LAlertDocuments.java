package jp.kama.hub.notifications.lalert;

import java.io.StringWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jp.kama.hub.notifications.feed.XmlText;

/**
 * The L-Alert (災害情報共有システム, 公共情報コモンズ XML v1) documents the hub sends: an EDXL-DE 1.0
 * envelope around a {@code Report} (Control, {@code pcx_ib:Head}, and an evacuation
 * {@code pcx_ev} or shelter {@code pcx_sh} body). <strong>Every element name, namespace and
 * value of the format lives in this class</strong>, so that it can be corrected against the
 * official schema in one place.
 *
 * <p>The official 「XMLフォーマット定義書」 and EDXL definition are given to L-Alert members only.
 * What is followed, and from where (docs/lalert.md has the full list):
 * <ul>
 *   <li>the envelope, Control and Head parts, their order and namespaces: the public templates
 *       of the LGDIS project ({@code plugins/lgdis/files/xml/commons_evacuation.xml},
 *       {@code commons_shelter.xml});</li>
 *   <li>the body elements ({@code pcx_ev:Detail/Sort/IssueOrLift/Areas},
 *       {@code pcx_sh:Informations/Information/Location/Type/Sort/Capacity/Status/NumberOf/CheckedDateTime})
 *       and the values 開設/閉鎖, 空き/混雑/定員一杯, 発令/解除: LGDIS's generators and constants;</li>
 *   <li><em>inferred</em>: {@code Report} in the {@code pcxml1/3} namespace (the templates
 *       declare it but leave {@code Report} unqualified), the 2021 避難情報 names as
 *       {@code pcx_ev:Sort} values (LGDIS predates them), the 警戒レベル only in the headline
 *       (v1 has no element known for it), {@code combinedConfidentiality} and the
 *       Report/Update rule of {@code distributionType}.</li>
 * </ul>
 * Pure: no Spring, no database; the caller gives the ids, revision and times.
 */
public final class LAlertDocuments {

    static final String EDXL_DE = "urn:oasis:names:tc:emergency:EDXL:DE:1.0";
    static final String COMMONS = "http://xml.publiccommons.ne.jp/xml/edxl/";
    static final String PCXML = "http://xml.publiccommons.ne.jp/pcxml1/3";
    static final String ELEMENT_BASIS = "http://xml.publiccommons.ne.jp/pcxml1/elementBasis3/";
    static final String INFORMATION_BASIS = "http://xml.publiccommons.ne.jp/pcxml1/informationBasis3/";
    static final String EVACUATION = "http://xml.publiccommons.ne.jp/pcxml1/body/evacuation3";
    static final String SHELTER = "http://xml.publiccommons.ne.jp/pcxml1/body/shelter3";

    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter XML_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private LAlertDocuments() {
    }

    /** Who sends: the city's EDXL-DE sender id, its office name and the target area's name. */
    public record Sender(String senderId, String officeName, String areaName) {
    }

    /**
     * One document of a series: {@code distributionId} is unique per message (the hub's batch
     * id), {@code documentId} names the series, {@code revision} counts from 1.
     */
    public record Envelope(UUID distributionId, String documentId, int revision, Instant firstCreated, Instant sent,
                           Instant reported) {

        /** The first revision is a Report; each later one an Update that replaces it. */
        String distributionType() {
            return revision <= 1 ? "Report" : "Update";
        }
    }

    /**
     * One district's evacuation information: {@code level} 3, 4 or 5, or null when it is lifted
     * ({@code previousLevel} then names what is lifted).
     */
    public record Evacuation(String districtName, Integer level, Integer previousLevel, String disasterName, Instant asOf) {
    }

    /** One shelter as L-Alert lists it; {@code open} false for a shelter closing now. */
    public record Shelter(String name, String nameKana, String address, boolean designatedShelter, boolean open,
                          String crowding, int capacity, int occupancy, Instant asOf) {
    }

    /** The 避難情報 name of a 警戒レベル (2021 amendment of 災害対策基本法). */
    public static String evacuationName(Integer level) {
        if (level == null) {
            return "避難情報";
        }
        return switch (level) {
            case 3 -> "高齢者等避難";
            case 4 -> "避難指示";
            case 5 -> "緊急安全確保";
            default -> throw new IllegalArgumentException("no 避難情報 for 警戒レベル " + level);
        };
    }

    /** The headline of an evacuation document, e.g. 「嘉麻市 稲築地区に警戒レベル4 避難指示を発令」. */
    public static String headline(Sender sender, Evacuation e) {
        if (e.level() == null) {
            return sender.officeName() + " " + e.districtName() + "地区の" + evacuationName(e.previousLevel()) + "を解除";
        }
        return sender.officeName() + " " + e.districtName() + "地区に警戒レベル" + e.level() + " " + evacuationName(e.level()) + "を発令";
    }

    /** An evacuation document (避難情報, {@code pcx_ev:EvacuationOrder}) for one district's change. */
    public static String evacuation(Sender sender, Envelope env, Evacuation e) {
        String text = headline(sender, e);
        return document(sender, env, "EvacuationOrder", "避難情報", text, List.of(e.districtName() + "地区"), EVACUATION, "pcx_ev",
                w -> {
                    start(w, EVACUATION, "EvacuationOrder");
                    if (e.disasterName() != null && !e.disasterName().isBlank()) {
                        start(w, ELEMENT_BASIS, "Disaster");
                        text(w, ELEMENT_BASIS, "DisasterName", e.disasterName());
                        w.writeEndElement();
                    }
                    start(w, EVACUATION, "Detail");
                    text(w, EVACUATION, "Sort", evacuationName(e.level() == null ? e.previousLevel() : e.level()));
                    text(w, EVACUATION, "IssueOrLift", e.level() == null ? "解除" : "発令");
                    start(w, EVACUATION, "Areas");
                    start(w, EVACUATION, "Area");
                    start(w, ELEMENT_BASIS, "Location");
                    text(w, COMMONS, "areaName", e.districtName() + "地区");
                    w.writeEndElement();
                    text(w, EVACUATION, "DateTime", time(e.asOf()));
                    w.writeEndElement(); // Area
                    w.writeEndElement(); // Areas
                    w.writeEndElement(); // Detail
                    w.writeEndElement(); // EvacuationOrder
                });
    }

    /** A shelter document (避難所情報, {@code pcx_sh:Shelter}): the shelters open now and the one closing, if any. */
    public static String shelters(Sender sender, Envelope env, String headline, List<Shelter> shelters) {
        long open = shelters.stream().filter(Shelter::open).count();
        int people = shelters.stream().filter(Shelter::open).mapToInt(Shelter::occupancy).sum();
        return document(sender, env, "Shelter", "避難所情報", headline, List.of(sender.areaName()), SHELTER, "pcx_sh", w -> {
            start(w, SHELTER, "Shelter");
            start(w, SHELTER, "TotalNumber");
            text(w, SHELTER, "HeadCount", Integer.toString(people));
            w.writeEndElement();
            text(w, SHELTER, "TotalNumberOfShelter", Long.toString(open));
            start(w, SHELTER, "Informations");
            for (Shelter s : shelters) {
                start(w, SHELTER, "Information");
                start(w, SHELTER, "Location");
                text(w, COMMONS, "areaName", s.name());
                if (s.nameKana() != null && !s.nameKana().isBlank()) {
                    text(w, COMMONS, "areaNameKana", s.nameKana());
                }
                if (s.address() != null && !s.address().isBlank()) {
                    text(w, SHELTER, "Address", s.address());
                }
                w.writeEndElement(); // Location
                text(w, SHELTER, "Type", s.designatedShelter() ? "避難所" : "一時避難場所");
                text(w, SHELTER, "Sort", s.open() ? "開設" : "閉鎖");
                text(w, SHELTER, "Capacity", Integer.toString(s.capacity()));
                if (s.open()) {
                    text(w, SHELTER, "Status", s.crowding() == null || s.crowding().isBlank() ? "不明" : s.crowding());
                    start(w, SHELTER, "NumberOf");
                    text(w, SHELTER, "HeadCount", Integer.toString(s.occupancy()));
                    w.writeEndElement();
                }
                text(w, SHELTER, "CheckedDateTime", time(s.asOf()));
                w.writeEndElement(); // Information
            }
            w.writeEndElement(); // Informations
            w.writeEndElement(); // Shelter
        });
    }

    @FunctionalInterface
    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String document(Sender sender, Envelope env, String controlTitle, String kindName, String headline,
                                   List<String> areas, String bodyNamespace, String bodyPrefix, Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.setPrefix("edxlde", EDXL_DE);
            w.setPrefix("commons", COMMONS);
            w.setPrefix("pcx_eb", ELEMENT_BASIS);
            w.setPrefix("pcx_ib", INFORMATION_BASIS);
            w.setPrefix(bodyPrefix, bodyNamespace);
            w.writeStartElement(EDXL_DE, "EDXLDistribution");
            w.writeNamespace("edxlde", EDXL_DE);
            w.writeNamespace("commons", COMMONS);
            w.writeNamespace("pcxml", PCXML);
            w.writeNamespace("pcx_eb", ELEMENT_BASIS);
            w.writeNamespace("pcx_ib", INFORMATION_BASIS);
            w.writeNamespace(bodyPrefix, bodyNamespace);
            text(w, EDXL_DE, "distributionID", env.distributionId().toString());
            text(w, EDXL_DE, "senderID", sender.senderId());
            text(w, EDXL_DE, "dateTimeSent", time(env.sent()));
            text(w, EDXL_DE, "distributionStatus", "Actual");
            text(w, EDXL_DE, "distributionType", env.distributionType());
            text(w, EDXL_DE, "combinedConfidentiality", "UNCLASSIFIED AND NOT SENSITIVE");
            start(w, COMMONS, "targetArea");
            text(w, COMMONS, "areaName", sender.areaName());
            w.writeEndElement();
            start(w, COMMONS, "contentObject");
            text(w, EDXL_DE, "contentDescription", sender.officeName() + " " + kindName);
            start(w, EDXL_DE, "xmlContent");
            start(w, EDXL_DE, "embeddedXMLContent");
            w.setPrefix("pcxml", PCXML);
            start(w, PCXML, "Report");
            start(w, PCXML, "Control");
            text(w, PCXML, "Title", controlTitle);
            text(w, EDXL_DE, "distributionStatus", "Actual");
            start(w, PCXML, "EditorialOffice");
            text(w, ELEMENT_BASIS, "OfficeName", sender.officeName());
            w.writeEndElement();
            start(w, PCXML, "PublishingOffice");
            text(w, ELEMENT_BASIS, "OfficeName", sender.officeName());
            w.writeEndElement();
            w.writeEndElement(); // Control
            start(w, INFORMATION_BASIS, "Head");
            text(w, INFORMATION_BASIS, "Title", sender.officeName() + " " + kindName);
            text(w, INFORMATION_BASIS, "CreateDateTime", time(env.sent()));
            text(w, INFORMATION_BASIS, "FirstCreateDateTime", time(env.firstCreated()));
            text(w, INFORMATION_BASIS, "ReportDateTime", time(env.reported()));
            text(w, EDXL_DE, "distributionID", env.distributionId().toString());
            text(w, EDXL_DE, "distributionType", env.distributionType());
            text(w, COMMONS, "documentRevision", Integer.toString(env.revision()));
            text(w, COMMONS, "documentID", env.documentId());
            start(w, INFORMATION_BASIS, "Headline");
            text(w, INFORMATION_BASIS, "Text", headline);
            start(w, INFORMATION_BASIS, "Areas");
            for (String area : areas) {
                start(w, INFORMATION_BASIS, "Area");
                text(w, COMMONS, "areaName", area);
                w.writeEndElement();
            }
            w.writeEndElement(); // Areas
            w.writeEndElement(); // Headline
            w.writeEndElement(); // Head
            body.write(w);
            w.writeEndElement(); // Report
            w.writeEndElement(); // embeddedXMLContent
            w.writeEndElement(); // xmlContent
            text(w, COMMONS, "publishingOfficeName", sender.officeName());
            if (env.revision() > 1) {
                text(w, COMMONS, "previousDocumentRevision", Integer.toString(env.revision() - 1));
            }
            text(w, COMMONS, "documentRevision", Integer.toString(env.revision()));
            text(w, COMMONS, "documentID", env.documentId());
            text(w, COMMONS, "category", controlTitle);
            w.writeEndElement(); // contentObject
            w.writeEndElement(); // EDXLDistribution
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write an L-Alert document", e);
        }
        return out.toString();
    }

    private static void start(XMLStreamWriter w, String namespace, String name) throws XMLStreamException {
        w.writeStartElement(namespace, name);
    }

    private static void text(XMLStreamWriter w, String namespace, String name, String value) throws XMLStreamException {
        w.writeStartElement(namespace, name);
        w.writeCharacters(XmlText.clean(value));
        w.writeEndElement();
    }

    /** Japan time with its offset, to the second (as the templates' xmlschema times). */
    static String time(Instant t) {
        return XML_TIME.format(OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), JST));
    }
}
