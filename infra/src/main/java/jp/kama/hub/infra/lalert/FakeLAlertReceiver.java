package jp.kama.hub.infra.lalert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A local stand-in for an L-Alert (公共情報コモンズ) receiver at its HTTP boundary: takes one
 * EDXL-DE 1.0 document per {@code POST} (any path), reads it with a namespace-aware XML parser
 * (no DTDs, no external entities) and checks what a receiver would: the envelope in the EDXL-DE
 * namespace with a {@code distributionID}, {@code senderID}, {@code distributionStatus} and
 * {@code distributionType}; a {@code commons:contentObject} with a {@code documentID} and
 * {@code documentRevision}; an embedded {@code Report} with Control, {@code pcx_ib:Head} and one
 * body in a known {@code pcxml1/body/…} namespace. A document that fails is 400. A
 * {@code distributionID} accepted before is 409 and is not received again; a new one is 201.
 *
 * <p>The receiving side of L-Alert's real transport is given to members only: this fake checks
 * the published structure, not the official schema (docs/lalert.md). Faults can be scripted:
 * the next calls answer an error without taking the document, or take it and answer an error
 * (the answer lost on the way back).
 */
public final class FakeLAlertReceiver implements AutoCloseable {

    public static final String EDXL_DE = "urn:oasis:names:tc:emergency:EDXL:DE:1.0";
    public static final String COMMONS = "http://xml.publiccommons.ne.jp/xml/edxl/";
    public static final String INFORMATION_BASIS = "http://xml.publiccommons.ne.jp/pcxml1/informationBasis3/";
    static final String BODY_PREFIX = "http://xml.publiccommons.ne.jp/pcxml1/body/";

    /** One document the receiver took in; {@code document} is parsed for the test's own XPath-free reading. */
    public record Received(String distributionId, String documentId, int revision, String distributionType, String title,
                           String headline, String xml, Document document, String idempotencyKey, Instant receivedAt) {

        /** The text of every element named {@code localName} in {@code namespace}, in document order. */
        public List<String> texts(String namespace, String localName) {
            NodeList nodes = document.getElementsByTagNameNS(namespace, localName);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add(nodes.item(i).getTextContent());
            }
            return out;
        }
    }

    /** One call and what the fake answered. */
    public record Call(int status, String error, Instant at) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> acceptedIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refuseNext = new AtomicInteger();
    private final AtomicInteger loseAnswerOfNext = new AtomicInteger();

    private FakeLAlertReceiver(HttpServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1:{@code port} (0 picks a free port). */
    public static FakeLAlertReceiver start(int port) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            FakeLAlertReceiver fake = new FakeLAlertReceiver(http);
            http.createContext("/", fake::handle);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake L-Alert receiver on port " + port, e);
        }
    }

    /** The URL to configure as {@code kama.lalert.url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/lalert/v1/distributions";
    }

    /** The documents taken in, each once, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The next {@code times} calls answer 503 and take nothing in. */
    public void refuseNext(int times) {
        refuseNext.set(times);
    }

    /** The next {@code times} new documents are taken in but answered 500, as if the answer were lost. */
    public void loseAnswerOfNext(int times) {
        loseAnswerOfNext.set(times);
    }

    public void reset() {
        received.clear();
        calls.clear();
        acceptedIds.clear();
        refuseNext.set(0);
        loseAnswerOfNext.set(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!ex.getRequestMethod().equals("POST")) {
                answer(ex, 405, "POST an EDXL-DE document");
                return;
            }
            if (refuseNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                answer(ex, 503, "scripted refusal");
                return;
            }
            Received r;
            try {
                r = read(body, ex.getRequestHeaders().getFirst("Idempotency-Key"));
            } catch (IllegalArgumentException e) {
                answer(ex, 400, e.getMessage());
                return;
            }
            if (!acceptedIds.add(r.distributionId())) {
                answer(ex, 409, "distributionID " + r.distributionId() + " was received before");
                return;
            }
            received.add(r);
            if (loseAnswerOfNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                answer(ex, 500, "scripted: taken in, answer lost");
                return;
            }
            answer(ex, 201, "received " + r.distributionId());
        }
    }

    private void answer(HttpExchange ex, int status, String text) throws IOException {
        calls.add(new Call(status, status >= 400 ? text : null, Instant.now()));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/plain; charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Received read(byte[] xml, String idempotencyKey) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!EDXL_DE.equals(root.getNamespaceURI()) || !"EDXLDistribution".equals(root.getLocalName())) {
            throw new IllegalArgumentException("the root is not edxlde:EDXLDistribution");
        }
        String distributionId = required(child(root, EDXL_DE, "distributionID"), "edxlde:distributionID");
        required(child(root, EDXL_DE, "senderID"), "edxlde:senderID");
        required(child(root, EDXL_DE, "dateTimeSent"), "edxlde:dateTimeSent");
        String status = required(child(root, EDXL_DE, "distributionStatus"), "edxlde:distributionStatus");
        if (!Set.of("Actual", "Exercise", "System", "Test").contains(status)) {
            throw new IllegalArgumentException("unknown distributionStatus " + status);
        }
        String type = required(child(root, EDXL_DE, "distributionType"), "edxlde:distributionType");
        if (!Set.of("Report", "Update", "Cancel", "Request", "Response", "Dispatch", "Ack", "Error").contains(type)) {
            throw new IllegalArgumentException("unknown distributionType " + type);
        }
        Element content = child(root, COMMONS, "contentObject");
        if (content == null) {
            throw new IllegalArgumentException("no commons:contentObject");
        }
        String documentId = required(child(content, COMMONS, "documentID"), "commons:documentID");
        int revision;
        try {
            revision = Integer.parseInt(required(child(content, COMMONS, "documentRevision"), "commons:documentRevision"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("commons:documentRevision is not a number");
        }
        Element embedded = child(child(content, EDXL_DE, "xmlContent"), EDXL_DE, "embeddedXMLContent");
        Element report = embedded == null ? null : firstElement(embedded);
        if (report == null || !"Report".equals(report.getLocalName())) {
            throw new IllegalArgumentException("no Report in edxlde:xmlContent/edxlde:embeddedXMLContent");
        }
        Element control = child(report, report.getNamespaceURI(), "Control");
        String title = control == null ? null : required(child(control, report.getNamespaceURI(), "Title"), "Control/Title");
        Element head = child(report, INFORMATION_BASIS, "Head");
        if (control == null || head == null) {
            throw new IllegalArgumentException("a Report needs Control and pcx_ib:Head");
        }
        Element headline = child(head, INFORMATION_BASIS, "Headline");
        String text = headline == null ? null : required(child(headline, INFORMATION_BASIS, "Text"), "pcx_ib:Headline/pcx_ib:Text");
        boolean body = false;
        for (Node n = report.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() != null && e.getNamespaceURI().startsWith(BODY_PREFIX)) {
                body = true;
            }
        }
        if (!body) {
            throw new IllegalArgumentException("the Report has no body in a pcxml1/body/ namespace");
        }
        return new Received(distributionId, documentId, revision, type, title, text, new String(xml, StandardCharsets.UTF_8), doc,
                idempotencyKey, Instant.now());
    }

    private static Element child(Element parent, String namespace, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && java.util.Objects.equals(namespace, e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static String required(Element e, String name) {
        if (e == null || e.getTextContent().isBlank()) {
            throw new IllegalArgumentException("missing " + name);
        }
        return e.getTextContent().trim();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
