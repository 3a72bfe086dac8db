package jp.kama.hub.notifications.feed;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What Google Public Alerts and the IFRC Alert Hub require of a CAP 1.2 alert beyond the OASIS
 * schema, as a checker over the DOM of one {@code alert}. Each rule names its source; the list
 * and the sources are in docs/notifications.md ("CAP rules"):
 * <ul>
 * <li>[G] Google Public Alerts CAP v1.0: the error checks of {@code GoogleProfile} in
 *     google/cap-library (the validator Google points partners to) and
 *     developers.google.com/public-alerts/reference/cap-google;</li>
 * <li>[G+] Google's recommendations we hold ourselves to (senderName, timezone offsets,
 *     headline length, no Unknown urgency/severity/certainty, non-zero circle);</li>
 * <li>[I] the IFRC Alert Hub's reader (IFRCGo/alert-hub-backend, apps/cap_feed/formats): only
 *     {@code status} Actual, an expired {@code info} is skipped, times parsed as ISO 8601 with an
 *     offset ("Z" refused);</li>
 * <li>[S] the CAP 1.2 specification text the XSD cannot say (references format, identifier characters);</li>
 * <li>[K] Kama City's own: {@code language} per info, geocode 402273 (JIS X 0402, standards.md §1).</li>
 * </ul>
 */
final class CapAggregatorRules {

    static final String CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2";
    /** CAP 1.2 §3.3.2: local time with a numeric offset, no fraction of a second, never "Z". */
    static final Pattern CAP_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");
    static final Pattern POLYGON_POINT = Pattern.compile("-?\\d{1,2}(\\.\\d{1,6})?,-?\\d{1,3}(\\.\\d{1,6})?");

    private CapAggregatorRules() {
    }

    /**
     * Violations of one alert, each as {@code identifier: [source] rule}.
     *
     * @param feed every alert of the feed by identifier, to check what {@code references} name
     */
    static List<String> violations(Element alert, Map<String, Element> feed) {
        List<String> out = new ArrayList<>();
        String id = text(alert, "identifier");
        Rules r = new Rules(id, out);
        r.check(id != null && !id.isBlank() && !id.matches(".*[\\s,<&].*"), "[S] identifier present, without spaces, commas, < or &");
        // a drill's alert is Exercise (CAP 1.2 §3.2.1): the IFRC Alert Hub skips it, which is what a drill wants
        r.check("Actual".equals(text(alert, "status")) || "Exercise".equals(text(alert, "status")),
                "[I] status is Actual (other alerts are skipped), or Exercise for a drill");
        String sent = text(alert, "sent");
        r.check(time(sent), "[S][I][G+] sent is yyyy-MM-ddThh:mm:ss with a numeric offset");
        String msgType = text(alert, "msgType");
        String references = text(alert, "references");
        if ("Update".equals(msgType) || "Cancel".equals(msgType)) {
            r.check(references != null && !references.isBlank(), "[G] an Update or Cancel has references");
        }
        if (references != null) {
            for (String ref : references.trim().split("\\s+")) {
                String[] p = ref.split(",");
                r.check(p.length == 3 && time(p[2]), "[S] each reference is sender,identifier,sent");
                if (p.length == 3 && time(p[2]) && time(sent)) {
                    r.check(at(p[2]).isBefore(at(sent)), "[S] a reference names an earlier alert");
                    Element earlier = feed.get(p[1]);
                    if (earlier != null) {
                        r.check(p[0].equals(text(earlier, "sender")) && p[2].equals(text(earlier, "sent")),
                                "[S] a reference matches the sender and sent of the alert it names");
                        String expires = text(child(earlier, "info"), "expires");
                        r.check(expires != null && time(expires) && at(expires).isAfter(at(sent)),
                                "[G] an Update references alerts that had not expired when it was sent");
                    }
                }
            }
        }
        List<Element> infos = children(alert, "info");
        r.check(!infos.isEmpty(), "[G] at least one info");
        for (Element info : infos) {
            r.check(text(info, "language") != null, "[K] language in each info");
            r.check(text(info, "category") != null && text(info, "event") != null, "[G][I] category and event");
            for (String e : List.of("urgency", "severity", "certainty")) {
                r.check(text(info, e) != null && !"Unknown".equals(text(info, e)), "[G][G+] " + e + " present and not Unknown");
            }
            String effective = text(info, "effective") == null ? sent : text(info, "effective");
            for (String e : List.of("effective", "onset", "expires")) {
                if (text(info, e) != null) {
                    r.check(time(text(info, e)), "[S][I][G+] " + e + " is yyyy-MM-ddThh:mm:ss with a numeric offset");
                }
            }
            String expires = text(info, "expires");
            r.check(expires != null, "[G] expires present");
            if (expires != null && time(expires) && time(effective) && time(sent)) {
                r.check(at(expires).isAfter(at(effective)) && at(expires).isAfter(at(sent)),
                        "[G] expires later than effective and sent");
            }
            r.check(notBlank(text(info, "senderName")), "[G+] senderName");
            String headline = text(info, "headline");
            String description = text(info, "description");
            r.check(notBlank(description), "[G] description present");
            r.check(notBlank(headline) && headline.length() <= 140, "[G+] headline of at most 140 characters");
            r.check(headline == null || !headline.equals(description), "[G+] headline and description differ");
            String web = text(info, "web");
            r.check(web != null && absoluteHttp(web), "[G][I] web is an absolute http(s) URL");
            List<Element> areas = children(info, "area");
            r.check(!areas.isEmpty(), "[G] at least one area");
            for (Element area : areas) {
                r.check(notBlank(text(area, "areaDesc")), "[S][I] areaDesc");
                List<Element> circles = children(area, "circle");
                List<Element> polygons = children(area, "polygon");
                List<Element> geocodes = children(area, "geocode");
                r.check(!circles.isEmpty() || !polygons.isEmpty() || !geocodes.isEmpty(), "[G] a circle, polygon or geocode");
                for (Element c : circles) {
                    String[] p = c.getTextContent().trim().split(" ");
                    r.check(p.length == 2 && Double.parseDouble(p[1]) > 0, "[G+] a circle has a radius above zero");
                }
                for (Element p : polygons) {
                    String[] points = p.getTextContent().trim().split("\\s+");
                    boolean ok = points.length >= 4 && points[0].equals(points[points.length - 1]);
                    for (String point : points) {
                        ok &= POLYGON_POINT.matcher(point).matches();
                    }
                    r.check(ok, "[S][G] a polygon is closed, lat,lon pairs of at most 6 decimals");
                }
                for (Element g : geocodes) {
                    r.check("JIS X 0402".equals(text(g, "valueName")) && "402273".equals(text(g, "value")),
                            "[K] geocode is Kama City's JIS X 0402 code 402273");
                }
            }
        }
        return out;
    }

    private record Rules(String id, List<String> out) {
        void check(boolean ok, String rule) {
            if (!ok) {
                out.add(id + ": " + rule);
            }
        }
    }

    static boolean time(String s) {
        return s != null && CAP_TIME.matcher(s).matches();
    }

    static OffsetDateTime at(String s) {
        return OffsetDateTime.parse(s);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static boolean absoluteHttp(String s) {
        try {
            URI u = URI.create(s);
            return u.isAbsolute() && ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.getFirst();
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && CAP_NS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
