package jp.kama.hub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jp.kama.hub.localstack.Ports;
import jp.kama.hub.localstack.Stack;
import jp.kama.hub.testsupport.hostile.ContractOperations;
import jp.kama.hub.testsupport.hostile.ContractOperations.Operation;
import jp.kama.hub.testsupport.hostile.ContractOperations.Parameter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15's canary: canary My Numbers (valid check digit; plain, spaced and full-width digits),
 * phone numbers (090-… and +81…) and e-mail addresses ({@code canary-…@kama.invalid}), each unique
 * to one field of one operation, are sent in every string field of every operation of the hub's
 * contracts (request bodies, query parameters, path variables, headers, Open311 form fields,
 * multipart file names) through the gateway with a token that may call it, once as a valid request
 * (free text carries the canary, constrained fields a valid value) and once as an invalid one
 * (every string field a canary). Then every answer body, every log file of the stack, every record
 * of every Kafka topic, every row of every database and the public feeds are scanned. A hit names
 * the field and the place; the test fails on any hit that {@link #ALLOWED} does not explain
 * (docs/security.md, "Canary scan").
 */
class CanaryLeakEndToEndIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path ROOT = Path.of(System.getProperty("kama.root", ".."));
    static final Path DATA = Path.of(System.getProperty("kama.e2e.data", "target/e2e-data"), UUID.randomUUID().toString());
    static final Ports PORTS = Ports.free();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final List<String> CONTRACTS = List.of("case-api.yaml", "disaster-api.yaml", "notification-api.yaml", "identity-api.yaml");
    static final Prefixes KEEP_THEIR_PATH = new Prefixes("/public/", "/open311/", "/feeds/", "/line/");
    /** The development channel secret notification-service checks LINE's webhook with (application.yaml). */
    static final String LINE_CHANNEL_SECRET = "dev-only-line-channel-secret";

    enum Kind {
        MY_NUMBER_PLAIN, MY_NUMBER_SPACED, MY_NUMBER_FULL_WIDTH, PHONE_090, PHONE_PLUS81, EMAIL;

        boolean myNumber() {
            return name().startsWith("MY_NUMBER");
        }
    }

    /**
     * Hits the hub keeps on purpose, each with its reason (docs/security.md, "Canary scan"): a
     * contact the hub must keep to reach the person, answered to whom may see it. Matched on the
     * canary's field ({@code operationId field}) and the place.
     */
    record Allowed(Pattern field, Pattern place, boolean myNumberToo, String why) {
        Allowed(Pattern field, Pattern place, String why) {
            this(field, place, false, why);
        }
    }

    static final String CONTACT_FIELD = "\\.(?:contact|email|phone|first_name|last_name)\\b";
    static final List<Allowed> ALLOWED = List.of(
            // a phone number or e-mail address someone typed into free text (a report's description, a work-log
            // note, an alert's instruction) is their own words: stored, passed on to whom may read the text and
            // shown to them as written, as on a paper form. Never in a log or an error body.
            new Allowed(Pattern.compile("^(?!.*" + CONTACT_FIELD + ").* (?:body|form)\\."),
                    Pattern.compile("^(?:database |kafka |public page |answer of .* success$)"),
                    "free text keeps what its writer wrote (phone numbers and e-mail addresses only)"),
            // a contact the hub keeps to reach the person: encrypted at rest (never a database hit), answered
            // only to the person themselves or to staff who may call them back
            new Allowed(Pattern.compile("(?:putMySubscription|submitReport|open311CreateRequest) .*" + CONTACT_FIELD),
                    Pattern.compile("^answer of (?:putMySubscription|getMySubscription|submitReport|open311CreateRequest"
                            + "|getReporterContact|listCaseReports|getCase|listMyReports) .* success$"),
                    "a subscriber's or reporter's contact, answered to its owner or to staff"),
            // the 宛名番号 (12 digits in Kama's core systems) of a resident record staff read: the audit log must
            // name the record read, and one in eleven atena numbers passes the My Number check digit; a
            // number in this parameter is an atena number by contract (docs/security.md, "Canary scan")
            new Allowed(Pattern.compile(" path (?:atenaNumber|householdNumber)$"), Pattern.compile("^log disaster-service\\.log$"),
                    true, "the audit line of a resident-record read names the atena number"));

    record Canary(String value, Kind kind, String field, String key) {
    }

    record Hit(Canary canary, String place) {
    }

    static Stack stack;
    static final Map<String, String> TOKENS = new HashMap<>();
    static final Map<String, String> HINTS = new HashMap<>();
    static final Map<String, Canary> BY_KEY = new HashMap<>();
    static final List<Canary> CANARIES = new ArrayList<>();
    static long counter = 3_000_000 + (System.nanoTime() & 0xfffff);
    static int fieldsSent;
    static int requestsSent;
    static int validRefused;

    @BeforeAll
    static void startTheStack() throws Exception {
        stack = Stack.start(Stack.Config.of(ROOT, DATA, PORTS, System.out::println));
        System.out.printf("canary e2e: stack UP in %.1f s%n", stack.secondsSinceStart());
        KeycloakLogin kama = new KeycloakLogin(stack.keycloakUrl());
        TOKENS.put("citizen", new CardBrowser(stack.keycloakUrl()).login(stack.devCards().card("citizen-1")).get("access_token").asString());
        TOKENS.put("disaster-staff", kama.passwordGrant("staff", "staff-dev-only"));
        TOKENS.put("department-staff", kama.passwordGrant("dept", "dept-dev-only"));
        TOKENS.put("shelter-staff", kama.passwordGrant("shelter", "shelter-dev-only"));
        TOKENS.put("admin", kama.passwordGrant("admin", "admin-dev-only"));
        TOKENS.put("partner", AccessControlEndToEndIT.clientCredentials(stack.keycloakUrl(), "partner-demo", "partner-demo-secret-dev-only"));

        // real ids, so that valid requests reach past the lookup of their resource
        HttpResponse<String> filed = call("POST", "/api/reports", TOKENS.get("citizen"), "application/json",
                """
                {"category":"FALLEN_TREE","location":{"latitude":33.5520,"longitude":130.7010},"description":"canary fixture"}"""
                        .getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        JsonNode report = JSON.readTree(filed.body());
        HINTS.put("reportId", report.get("reportId").asString());
        HINTS.put("caseId", report.get("caseId").asString());
        HttpResponse<String> photo = multipart("/api/reports/" + HINTS.get("reportId") + "/photos", TOKENS.get("citizen"),
                "fixture.png", AccessControlEndToEndIT.png(1), Map.of());
        if (photo.statusCode() == 201) {
            HINTS.put("photoId", JSON.readTree(photo.body()).get("photoId").asString());
        }
        HINTS.put("shelterId", "SAMPLE-YAMADA-01");
        HINTS.put("atenaNumber", "999900000101"); // the core systems stub's sample residents
        HINTS.put("householdNumber", "99990001");
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void canariesSentEverywhereAppearNowhereTheyMayNot() throws Exception {
        List<Hit> hits = new ArrayList<>();
        Map<String, String> access = AccessControlEndToEndIT.expectedAccess();
        int operations = 0;
        for (String contract : CONTRACTS) {
            for (Operation op : ContractOperations.of(contract)) {
                operations++;
                String role = callerRole(access.get(op.operationId()));
                for (Kind kind : Kind.values()) {
                    for (boolean valid : new boolean[] {true, false}) {
                        send(op, role, kind, valid, hits);
                    }
                }
            }
        }
        // what the public sees afterwards: every public GET without a path variable, anonymously
        int publicPages = 0;
        for (String contract : CONTRACTS) {
            for (Operation op : ContractOperations.of(contract)) {
                if (op.method().equals("GET") && op.parameters("path").isEmpty()
                        && "public".equals(access.get(op.operationId()))) {
                    HttpResponse<String> r = call("GET", gatewayPath(op.path()), null, null, null, Map.of());
                    scan(r.body(), "public page " + op.path() + " (" + r.statusCode() + ")", hits);
                    publicPages++;
                }
            }
        }
        Thread.sleep(3_000); // let the last events be consumed and logged
        int[] places = new int[4];
        places[0] = scanLogs(hits);
        places[1] = scanKafka(hits);
        places[2] = scanDatabases(hits);
        places[3] = requestsSent + publicPages;

        Map<String, TreeSet<String>> leaks = new TreeMap<>();
        Map<String, TreeSet<String>> allowed = new TreeMap<>();
        for (Hit h : hits) {
            String field = h.canary().field() + " [" + h.canary().kind() + "]";
            boolean ok = ALLOWED.stream().anyMatch(a -> a.field().matcher(h.canary().field()).find()
                    && a.place().matcher(h.place()).find() && (a.myNumberToo() || !h.canary().kind().myNumber()));
            (ok ? allowed : leaks).computeIfAbsent(field, f -> new TreeSet<>()).add(h.place());
        }
        allowed.forEach((field, where) -> System.out.println("CANARY allowed " + field + " -> " + where));
        leaks.forEach((field, where) -> System.out.println("CANARY LEAK " + field + " -> " + where));
        System.out.printf("CANARY valid requests refused (other than 404): %d%n", validRefused);
        System.out.printf("CANARY operations=%d requests=%d fields sent=%d canaries=%d places scanned: answers=%d log files=%d "
                        + "kafka records=%d tables=%d; hits=%d allowed fields=%d leaking fields=%d%n",
                operations, requestsSent, fieldsSent, CANARIES.size(), places[3], places[0], places[1], places[2], hits.size(),
                allowed.size(), leaks.size());
        assertThat(fieldsSent).isGreaterThan(500);
        assertThat(leaks).as("canaries found where they must not be: field [kind] -> places").isEmpty();
    }

    // ---------------------------------------------------------------- sending

    /** The role the operation is called with: the first the access table allows; null = anonymous. */
    static String callerRole(String entries) {
        String first = entries.split(" ")[0].replaceAll("[~^]$", "");
        return switch (first) {
            case "public", "signed", "apikey" -> null;
            default -> first;
        };
    }

    static void send(Operation op, String role, Kind kind, boolean valid, List<Hit> hits) throws Exception {
        String where = op.operationId() + (valid ? " valid" : " invalid");
        String path = op.path();
        for (Parameter p : op.parameters("path")) {
            String v = valid ? HINTS.getOrDefault(p.name(), fallback(p.schema(), p.name()))
                    : canary(kind, op, "path " + p.name(), p.schema(), false);
            path = path.replace("{" + p.name() + "}", encode(v).replace("+", "%20"));
        }
        StringBuilder query = new StringBuilder();
        for (Parameter p : op.parameters("query")) {
            boolean constrained = p.schema().get("pattern") != null || !list(p.schema().get("enum")).isEmpty()
                    || p.schema().get("format") != null;
            if (valid && constrained && !p.required()) {
                continue;
            }
            Object v = value(p.schema(), p.name(), "query " + p.name(), kind, valid, op);
            if (v != null) {
                query.append(query.isEmpty() ? "?" : "&").append(encode(p.name())).append('=').append(encode(String.valueOf(v)));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        boolean ascii = kind != Kind.MY_NUMBER_FULL_WIDTH;
        for (Parameter p : op.parameters("header")) {
            if (p.name().equalsIgnoreCase("If-Match") && valid) {
                headers.put("If-Match", etag());
            } else if (p.name().equalsIgnoreCase("X-Line-Signature") || p.name().equalsIgnoreCase("If-None-Match") && valid) {
                continue;
            } else if (ascii) {
                // a valid request carries a canary where the header's schema allows one (Idempotency-Key)
                Object v = valid ? canary(kind, op, "header " + p.name(), Map.of("pattern", String.valueOf(
                        p.schema().getOrDefault("pattern", "^[ -~]+$"))), true)
                        : canary(kind, op, "header " + p.name(), Map.of(), false);
                if (v != null) {
                    headers.put(p.name(), String.valueOf(v));
                }
            }
        }
        if (ascii) {
            headers.put("X-Request-Id", canary(kind, op, "header X-Request-Id", Map.of(), false));
            headers.put("Accept-Language", canary(kind, op, "header Accept-Language", Map.of(), false));
        }
        String contentType = null;
        byte[] body = null;
        if (!op.bodies().isEmpty()) {
            contentType = op.bodies().containsKey("application/json") ? "application/json" : op.bodies().keySet().iterator().next();
            Map<String, Object> schema = op.bodies().get(contentType);
            if (contentType.equals("application/json")) {
                body = JSON.writeValueAsBytes(value(schema, "", "body", kind, valid, op));
            } else if (contentType.equals("application/x-www-form-urlencoded")) {
                StringBuilder form = new StringBuilder();
                map(schema.get("properties")).forEach((name, s) -> {
                    Object v = value(map(s), name, "form." + name, kind, valid, op);
                    if (v != null) {
                        form.append(form.isEmpty() ? "" : "&").append(encode(name)).append('=').append(encode(String.valueOf(v)));
                    }
                });
                body = form.toString().getBytes(StandardCharsets.UTF_8);
            }
        }
        String url = gatewayPath(path) + query;
        String token = role == null ? null : TOKENS.get(role);
        HttpResponse<String> r;
        if ("multipart/form-data".equals(contentType)) {
            String filename = canary(kind, op, "multipart filename", Map.of(), false) + ".png";
            r = multipart(url, token, filename, AccessControlEndToEndIT.png(requestsSent), headers);
        } else {
            if (op.path().startsWith("/line/") && body != null) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(LINE_CHANNEL_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                headers.put("X-Line-Signature", Base64.getEncoder().encodeToString(mac.doFinal(body)));
            }
            r = call(op.method(), url, token, contentType, body, headers);
        }
        requestsSent++;
        if (valid && r.statusCode() >= 400 && r.statusCode() != 404) {
            validRefused++;
            System.out.println("CANARY valid request refused: " + where + " " + kind + " " + r.statusCode() + " "
                    + abbreviate(r.body()).substring(0, Math.min(300, abbreviate(r.body()).length())));
        }
        scan(r.body() + " " + r.headers().map(), "answer of " + where + " " + kind + " (" + r.statusCode() + ")"
                + (r.statusCode() < 400 ? " success" : " error"), hits);
    }

    static String gatewayPath(String specPath) {
        return KEEP_THEIR_PATH.matches(specPath) ? specPath : "/api" + specPath;
    }

    /** A JSON value for the schema: canaries in strings (every string when invalid, free text when valid). */
    static Object value(Map<String, Object> schema, String name, String field, Kind kind, boolean valid, Operation op) {
        String type = type(schema);
        switch (type) {
            case "object" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map(schema.get("properties")).forEach((k, v) -> {
                    Map<String, Object> ps = map(v);
                    if (!Boolean.TRUE.equals(ps.get("readOnly"))) {
                        Object value = value(ps, k, field + "." + k, kind, valid, op);
                        if (value != null) {
                            out.put(k, value);
                        }
                    }
                });
                return out;
            }
            case "array" -> {
                Object item = value(map(schema.get("items")), name, field + "[]", kind, valid, op);
                return item == null ? List.of() : List.of(item);
            }
            case "integer" -> {
                Number min = num(schema, "minimum");
                Number max = num(schema, "maximum");
                return min != null ? (long) Math.ceil(min.doubleValue()) : max != null ? Math.min(1, max.longValue()) : 1;
            }
            case "number" -> {
                if (name.equals("latitude") || name.equals("lat")) {
                    return 33.5520 + (counter % 50) * 0.0001;
                }
                if (name.equals("longitude") || name.equals("long")) {
                    return 130.7010;
                }
                Number min = num(schema, "minimum");
                Number max = num(schema, "maximum");
                return min != null && max != null ? (min.doubleValue() + max.doubleValue()) / 2 : min != null ? min.doubleValue() + 1 : 1.5;
            }
            case "boolean" -> {
                return true;
            }
            default -> {
                if ("binary".equals(schema.get("format"))) {
                    return null;
                }
                if (!valid) {
                    return canary(kind, op, field, schema, false);
                }
                if (HINTS.containsKey(name)) {
                    return HINTS.get(name);
                }
                boolean constrained = !list(schema.get("enum")).isEmpty()
                        || (schema.get("format") != null && !"email".equals(schema.get("format")))
                        || schema.get("const") != null;
                if (constrained) {
                    return fallback(schema, name);
                }
                Kind own = "email".equals(schema.get("format")) || name.equalsIgnoreCase("email") ? Kind.EMAIL
                        : name.toLowerCase().contains("phone") && !kind.name().startsWith("PHONE") ? Kind.PHONE_090 : kind;
                String c = canary(own, op, field, schema, true);
                return c != null ? c : fallback(schema, name);
            }
        }
    }

    /** A valid value for a constrained string: the first enum value, the example, a well-formed id or date. */
    static String fallback(Map<String, Object> schema, String name) {
        if (!list(schema.get("enum")).isEmpty()) {
            return String.valueOf(list(schema.get("enum")).getFirst());
        }
        if (schema.get("const") != null) {
            return String.valueOf(schema.get("const"));
        }
        if (schema.get("example") != null && !(schema.get("example") instanceof Map) && !(schema.get("example") instanceof List)) {
            return String.valueOf(schema.get("example"));
        }
        return switch (String.valueOf(schema.get("format"))) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date-time" -> "2026-12-07T09:00:00Z";
            case "date" -> "2026-12-07";
            case "uri", "url" -> "https://kama.invalid/x";
            case "email" -> "fixture@kama.invalid";
            default -> name.toLowerCase().contains("id") ? UUID.randomUUID().toString() : "A-1";
        };
    }

    /**
     * A new canary of the kind for the field, registered; when {@code fit}, only one that fits the
     * schema's length and pattern (null if none does), embedded in a sentence when free text has room.
     */
    static String canary(Kind kind, Operation op, String field, Map<String, Object> schema, boolean fit) {
        long n = counter++;
        String key;
        List<String> forms;
        switch (kind) {
            case MY_NUMBER_PLAIN, MY_NUMBER_SPACED, MY_NUMBER_FULL_WIDTH -> {
                String base = String.format("%011d", 60_000_000_000L + n * 7919 % 9_000_000_000L + n);
                String number = base + checkDigit(base);
                key = number;
                String spaced = number.substring(0, 4) + " " + number.substring(4, 8) + " " + number.substring(8);
                forms = switch (kind) {
                    case MY_NUMBER_PLAIN -> List.of(number);
                    case MY_NUMBER_SPACED -> List.of(spaced, number.substring(0, 4) + "-" + number.substring(4, 8) + "-" + number.substring(8));
                    default -> List.of(fullWidth(number), fullWidth(spaced).replace(' ', '\u3000'));
                };
            }
            case PHONE_090 -> {
                String d = String.format("%08d", n % 100_000_000L);
                key = "090" + d;
                forms = List.of("090-" + d.substring(0, 4) + "-" + d.substring(4), "090" + d);
            }
            case PHONE_PLUS81 -> {
                String d = String.format("%08d", (n * 31) % 100_000_000L);
                key = "8180" + d;
                forms = List.of("+81-80-" + d.substring(0, 4) + "-" + d.substring(4), "+8180" + d, "+81 80 " + d.substring(0, 4) + " " + d.substring(4));
            }
            default -> {
                key = String.format("canary-%07dq", n % 10_000_000L);
                forms = List.of(key + "@kama.invalid");
            }
        }
        String chosen = null;
        if (!fit) {
            chosen = forms.getFirst();
        } else {
            Number max = num(schema, "maxLength");
            Number min = num(schema, "minLength");
            String pattern = (String) schema.get("pattern");
            List<String> candidates = new ArrayList<>();
            if (pattern == null && kind != Kind.EMAIL && !field.toLowerCase().contains("phone")) {
                forms.forEach(f -> candidates.add("連絡先 " + f + " まで"));
            }
            candidates.addAll(forms);
            for (String c : candidates) {
                int len = c.codePointCount(0, c.length());
                if ((max == null || len <= max.intValue()) && (min == null || len >= min.intValue())
                        && (pattern == null || Pattern.compile(pattern).matcher(c).find())) {
                    chosen = c;
                    break;
                }
            }
            if (chosen == null) {
                return null;
            }
        }
        Canary c = new Canary(chosen, kind, op.operationId() + " " + field, key);
        CANARIES.add(c);
        BY_KEY.put(key, c);
        fieldsSent++;
        return chosen;
    }

    /** The My Number check digit (番号法施行令 第8条, 総務省令第85号 第5条; docs: shared reference standards.md §2). */
    static int checkDigit(String base11) {
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = base11.charAt(11 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int r = sum % 11;
        return r <= 1 ? 0 : 11 - r;
    }

    static String fullWidth(String ascii) {
        StringBuilder out = new StringBuilder();
        ascii.chars().forEach(ch -> out.append(ch >= '0' && ch <= '9' ? (char) ('\uFF10' + ch - '0') : (char) ch));
        return out.toString();
    }

    static String etag() throws Exception {
        HttpResponse<String> r = call("GET", "/api/cases/" + HINTS.get("caseId"), TOKENS.get("disaster-staff"), null, null, Map.of());
        return r.headers().firstValue("ETag").orElse("\"0\"");
    }

    // ---------------------------------------------------------------- scanning

    static final Pattern DIGITS = Pattern.compile("[0-9](?:[ \\-]?[0-9]){9,16}");
    static final Pattern EMAIL = Pattern.compile("canary-[0-9]{7}q");
    static final Pattern PERCENT = Pattern.compile("(?:%[0-9A-Fa-f]{2})+");
    static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9A-Fa-f]{4})");

    /** Every canary in the text, in any of its forms (full-width, spaced, percent- or \\u-escaped). */
    static void scan(String text, String place, List<Hit> hits) {
        if (text == null || text.isEmpty()) {
            return;
        }
        java.util.Set<Canary> found = new java.util.LinkedHashSet<>();
        for (String variant : variants(text)) {
            Matcher m = DIGITS.matcher(variant);
            while (m.find()) {
                String digits = m.group().replaceAll("[ \\-]", "");
                for (int len : new int[] {11, 12}) {
                    for (int i = 0; i + len <= digits.length(); i++) {
                        Canary c = BY_KEY.get(digits.substring(i, i + len));
                        if (c != null) {
                            found.add(c);
                        }
                    }
                }
            }
            Matcher e = EMAIL.matcher(variant);
            while (e.find()) {
                Canary c = BY_KEY.get(e.group());
                if (c != null) {
                    found.add(c);
                }
            }
        }
        found.forEach(c -> hits.add(new Hit(c, place)));
    }

    static List<String> variants(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        List<String> out = new ArrayList<>(List.of(nfkc));
        if (nfkc.indexOf('%') >= 0) {
            out.add(Normalizer.normalize(percentDecode(nfkc), Normalizer.Form.NFKC));
        }
        if (nfkc.contains("\\u")) {
            out.add(Normalizer.normalize(UNICODE_ESCAPE.matcher(nfkc).replaceAll(m -> Matcher.quoteReplacement(
                    String.valueOf((char) Integer.parseInt(m.group(1), 16)))), Normalizer.Form.NFKC));
        }
        return out;
    }

    static String percentDecode(String s) {
        Matcher m = PERCENT.matcher(s.replace('+', ' '));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String run = m.group();
            byte[] bytes = new byte[run.length() / 3];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(run.substring(i * 3 + 1, i * 3 + 3), 16);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(new String(bytes, StandardCharsets.UTF_8)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static int scanLogs(List<Hit> hits) throws IOException {
        Path logs = stack.dataDir().resolve("logs");
        int files = 0;
        try (Stream<Path> all = Files.walk(logs)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files++;
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                // per line, so that a hit can be read back in the file
                String[] lines = text.split("\n");
                for (int i = 0; i < lines.length; i++) {
                    int before = hits.size();
                    scan(lines[i], "log " + logs.relativize(file), hits);
                    if (hits.size() > before) {
                        System.out.println("CANARY log line " + logs.relativize(file) + ":" + (i + 1) + " " + abbreviate(lines[i]));
                    }
                }
            }
        }
        return files;
    }

    static int scanKafka(List<Hit> hits) throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafka());
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin client = Admin.create(admin)) {
            var topics = client.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(false)).names().get();
            client.describeTopics(topics).allTopicNames().get().forEach((name, description) -> description.partitions()
                    .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafka());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        int records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue()) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    StringBuilder text = new StringBuilder();
                    text.append(r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8)).append(' ')
                            .append(r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8)).append(' ');
                    r.headers().forEach(h -> text.append(h.key()).append('=')
                            .append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)).append(' '));
                    scan(text.toString(), "kafka " + r.topic(), hits);
                }
            }
            assertThat(end.entrySet()).as("every topic read to its end")
                    .allSatisfy(e -> assertThat(consumer.position(e.getKey())).isGreaterThanOrEqualTo(e.getValue()));
        }
        return records;
    }

    static int scanDatabases(List<Hit> hits) throws Exception {
        String base = "jdbc:postgresql://127.0.0.1:" + PORTS.postgres() + "/";
        List<String> databases = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(base + "postgres", "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select datname from pg_database where not datistemplate")) {
            while (rs.next()) {
                databases.add(rs.getString(1));
            }
        }
        assertThat(databases).contains("case_service", "disaster_service", "notification_service", "identity_service", "keycloak");
        int tables = 0;
        for (String db : databases) {
            try (Connection c = DriverManager.getConnection(base + db, "postgres", "")) {
                List<String> names = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables "
                                + "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')")) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                for (String table : names) {
                    tables++;
                    // every column as text (a row's text form: text, varchar, json, jsonb, arrays, bytea as hex)
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select t::text from " + table + " t")) {
                        while (rs.next()) {
                            String row = rs.getString(1);
                            if (row != null) {
                                scan(unhexBytea(row), "database " + db + " " + table, hits);
                            }
                        }
                    }
                }
            }
        }
        return tables;
    }

    /** bytea columns print as \\x…: their bytes read as UTF-8 too (a canary stored as bytes is still stored). */
    static String unhexBytea(String row) {
        Matcher m = Pattern.compile("\\\\\\\\?x([0-9a-f]{8,})").matcher(row);
        StringBuilder extra = new StringBuilder(row);
        while (m.find()) {
            String hex = m.group(1);
            if (hex.length() > 200_000) {
                continue; // images
            }
            byte[] bytes = new byte[hex.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
            extra.append(' ').append(new String(bytes, StandardCharsets.UTF_8));
        }
        return extra.toString();
    }

    // ---------------------------------------------------------------- HTTP

    static HttpResponse<String> call(String method, String path, String token, String contentType, byte[] body,
                                     Map<String, String> headers) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (body != null && contentType != null) {
                b.header("Content-Type", contentType);
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            headers.forEach(b::header);
            HttpResponse<InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = r.body()) {
                boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
                text = stream ? "" : new String(in.readNBytes(256 * 1024), StandardCharsets.UTF_8);
            }
            if ((r.statusCode() == 429 || r.statusCode() == 503) && attempt < 5) {
                long wait = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                Thread.sleep(Duration.ofSeconds(Math.min(wait, 30)));
                continue;
            }
            String finalText = text;
            return new SimpleResponse(r, finalText);
        }
    }

    static HttpResponse<String> multipart(String path, String token, String filename, byte[] png, Map<String, String> headers)
            throws Exception {
        String boundary = "----kama" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(png);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return call("POST", path, token, "multipart/form-data; boundary=" + boundary, out.toByteArray(), headers);
    }

    /** An answer read (at most 256 KiB) into a string, with the original's status and headers. */
    record SimpleResponse(HttpResponse<InputStream> original, String body) implements HttpResponse<String> {
        public int statusCode() {
            return original.statusCode();
        }

        public HttpRequest request() {
            return original.request();
        }

        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return original.headers();
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return original.sslSession();
        }

        public URI uri() {
            return original.uri();
        }

        public HttpClient.Version version() {
            return original.version();
        }
    }

    // ---------------------------------------------------------------- small things

    record Prefixes(String... prefixes) {
        boolean matches(String path) {
            return Stream.of(prefixes).anyMatch(path::startsWith);
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String type(Map<String, Object> schema) {
        Object t = schema.get("type");
        if (t instanceof List<?> l) {
            t = l.stream().map(String::valueOf).filter(x -> !"null".equals(x)).findFirst().orElse("string");
        }
        if (t == null) {
            return schema.containsKey("properties") ? "object" : schema.containsKey("items") ? "array" : "string";
        }
        return String.valueOf(t);
    }

    static Number num(Map<String, Object> schema, String key) {
        return schema.get(key) instanceof Number n ? n : null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 400 ? one.substring(0, 400) + "…" : one;
    }
}
