package jp.kama.hub.testsupport.hostile;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jp.kama.hub.testsupport.hostile.ContractOperations.Operation;
import jp.kama.hub.testsupport.hostile.ContractOperations.Parameter;

/**
 * Makes the hostile requests for one contract operation, deterministically from a seed.
 *
 * <p>Each request is the operation's valid request (built from the schema: the first enum value,
 * a value inside every bound, a string matching the pattern, or a {@link Hints hint} for a name)
 * with one mutation. The mutation knows from the contract whether the server must refuse it:
 * {@linkplain HostileRequest#mustRefuse() must refuse} when the result breaks the contract
 * (broken or non-UTF-8 JSON, a wrong JSON type, a missing required field, a value outside
 * {@code minimum}/{@code maximum}/{@code maxLength}/{@code minLength}, not in the {@code enum}, not
 * matching the {@code pattern} or {@code format}, U+0000, a wrong content type, path traversal in a
 * path parameter); <em>may be accepted</em> when the contract allows the result (naughty Unicode,
 * SQL or script text in a free-text field within its length, a value exactly on a bound, an extra
 * property, a duplicate or missing optional header or parameter, a page size where the contract
 * sets no maximum). Either way the answer must never be a 5xx.
 */
public final class HostileRequests {

    /**
     * One request: {@code pathAndQuery} already percent-encoded as it goes on the wire; {@code body}
     * null for none; {@code contentType} null for no Content-Type header.
     */
    public record HostileRequest(String operationId, int index, String kind, boolean mustRefuse, String method,
                                 String pathAndQuery, List<String[]> headers, byte[] body, String contentType, String note) {

        @Override
        public String toString() {
            return "#" + index + " " + kind + (mustRefuse ? " (must refuse)" : " (may be accepted)") + ": " + method + " "
                    + abbreviate(pathAndQuery, 300) + (contentType == null ? "" : " [" + contentType + "]")
                    + (headers.isEmpty() ? "" : " headers=" + headers.stream().map(h -> h[0] + ": " + abbreviate(h[1], 60)).toList())
                    + (body == null ? "" : " body=" + abbreviate(new String(body, StandardCharsets.UTF_8), 300))
                    + (note.isEmpty() ? "" : " - " + note);
        }
    }

    /**
     * Valid values a schema cannot tell: by property or parameter name (e.g. a latitude inside the
     * city, the id of a shelter that exists; a {@code Function<SplittableRandom, Object>} gives a
     * value per request from the generator's seeded source), and a valid body for a content type
     * that is not JSON.
     */
    public record Hints(Map<String, Object> byName, Map<String, byte[]> bodyByContentType) {

        public static Hints none() {
            return new Hints(Map.of(), Map.of());
        }

        public Hints with(String name, Object value) {
            Map<String, Object> m = new HashMap<>(byName);
            m.put(name, value);
            return new Hints(m, bodyByContentType);
        }

        public Hints withBody(String contentType, byte[] body) {
            Map<String, byte[]> m = new HashMap<>(bodyByContentType);
            m.put(contentType, body);
            return new Hints(byName, m);
        }
    }

    static final List<String> NAUGHTY = List.of(
            "\u202Eevil\u202C txt.exe", "\u200F\u0627\u0644\u0639\u0631\u0628\u064A\u0629\u200E", "a\u200Bb\u200Cc\u200Dd\uFEFFe",
            "🔥🏠💥🌊", "👨‍👩‍👧‍👦🇯🇵🏳️‍🌈", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚o̙̔ͮ", "e" + "\u0301".repeat(200), "𝕳𝖊𝖑𝖑𝖔 𠀀𠀁",
            "ｶﾞｷﾞｸﾞ 表ポあA鷗ŒéＢ逍Üßªąñ丂㐀", "\u0001\u0007\u001b[31mred\u001b[0m", "line1\r\nline2\u2028\u2029", "\uFFFF\uFFFE\uFFFD",
            "\ud800lone high", "lone low\udc00", "\udfff\ud800", "   ", "\t", "İıǅǈ ﬀ ß", "null", "undefined", "NaN", "-0", "0x7fffffff",
            "💩".repeat(50));

    static final List<String> INJECTION = List.of(
            "' OR '1'='1", "'; DROP TABLE cases; --", "1; SELECT pg_sleep(1)--", "\" OR \"\"=\"", "%' AND 1=0 UNION SELECT table_name FROM information_schema.tables --",
            "$1", "\\'", "'||(SELECT current_user)||'", "{{7*7}}", "${7*7}", "#{7*7}", "<%= 7*7 %>", "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "<svg/onload=alert(1)>", "../../../../etc/passwd", "..\\..\\windows\\win.ini",
            "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "{\"$gt\":\"\"}", "*)(uid=*))(|(uid=*", "${jndi:ldap://127.0.0.1:1/a}",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", "a\r\nSet-Cookie: x=1",
            "%00", "%2e%2e%2f", "\\u0000", "' AND SLEEP(1)#", "admin'--", "1' ORDER BY 99--");

    static final List<String> BROKEN_JSON = List.of(
            "{", "}", "{\"a\":", "[1,2", "{'a':1}", "{\"a\":1,}", "nul", "{\"a\" 1}", "{\"a\":01}", "{\"a\":+1}", "{\"a\":.5}",
            "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":\"unterminated}", "{\"a\":\"bad escape \\x41\"}", "{\"a\":\"\\u12\"}",
            "\uFEFF\uFEFF{}", "{}}}", "{\"a\":1}{\"b\":2}", "{/*c*/}", "{\"a\":1 // c\n}", "{\"a\":tru}", "<xml/>", "a=1&b=2",
            "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000));

    static final List<String> TRAVERSAL = List.of(
            "..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5c..%5cwindows%5cwin.ini", "%252e%252e%252f",
            ".%00.", "a%00b", "x;jsessionid=1", "%c0%ae%c0%ae%c0%af", "....%2f%2f....%2f%2f", "..;", "%2f", "a%2fb", ".", "%2e",
            "%5c", "%25", "%ed%a0%80", "%ff", "..%00", "%20", "~root", "%0d%0aX-Injected:%201");

    static final List<String> BAD_CONTENT_TYPES = List.of(
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=x-no-such-charset", "application/json; charset=UTF-16", "application/jsonx",
            "image/png", "application/octet-stream", "text/html", "application/vnd.kama+json; version=999", "json");

    private final Operation op;
    private final Hints hints;
    private final SplittableRandom random;
    private final List<Mutation> mutations = new ArrayList<>();
    private final String bodyType;

    private HostileRequests(Operation op, Hints hints, long seed) {
        this.op = op;
        this.hints = hints;
        this.random = new SplittableRandom(seed ^ (long) op.operationId().hashCode() * 0x9E3779B97F4A7C15L);
        this.bodyType = op.bodies().isEmpty() ? null
                : op.bodies().containsKey("application/json") ? "application/json" : op.bodies().keySet().iterator().next();
        plan();
    }

    /** {@code count} hostile requests for the operation, the same ones for the same seed. */
    public static List<HostileRequest> generate(Operation op, Hints hints, long seed, int count) {
        HostileRequests g = new HostileRequests(op, hints, seed);
        List<HostileRequest> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Mutation m = g.mutations.get(i % g.mutations.size());
            Draft d = g.base();
            boolean refuse = m.apply.apply(d);
            out.add(d.toRequest(op, i, m.kind, refuse));
        }
        return out;
    }

    /** The mutation kinds that apply to the operation, for the documentation and the report. */
    public static List<String> kinds(Operation op, Hints hints) {
        return new HostileRequests(op, hints, 0).mutations.stream().map(Mutation::kind).distinct().toList();
    }

    private record Mutation(String kind, Function<Draft, Boolean> apply) {
    }

    private void add(String kind, Function<Draft, Boolean> apply) {
        mutations.add(new Mutation(kind, apply));
    }

    // ---------------------------------------------------------------------------------------------
    // the plan: which mutations apply to this operation

    private void plan() {
        for (Parameter p : op.parameters("path")) {
            add("path traversal in " + p.name(), d -> {
                d.path.put(p.name(), pick(TRAVERSAL));
                return true;
            });
            add("malformed " + p.name(), d -> {
                String v = malformedString(p.schema(), d);
                d.path.put(p.name(), enc(v));
                // must be refused only when it breaks the schema (pattern, length, format, enum): a
                // value the pattern allows, e.g. "-1" for ^[0-9A-Za-z-]+$, may be looked up
                return violates(p.schema(), v) || v.isEmpty();
            });
            add("NUL in " + p.name(), d -> {
                d.path.put(p.name(), enc(validString(p.schema(), p.name())) + "%00");
                return true;
            });
            add("naughty " + p.name(), d -> {
                String v = random.nextBoolean() ? pick(NAUGHTY) : pick(INJECTION);
                d.path.put(p.name(), enc(v));
                return violates(p.schema(), v);
            });
        }
        for (Parameter p : op.parameters("query")) {
            add("wrong type or range of query " + p.name(), d -> queryValue(d, p, wrongValue(p.schema())));
            add("hostile text in query " + p.name(), d -> queryValue(d, p, random.nextBoolean() ? pick(NAUGHTY) : pick(INJECTION)));
            add("huge query " + p.name(), d -> queryValue(d, p, "9".repeat(1 + random.nextInt(4000))));
            add("NUL in query " + p.name(), d -> {
                d.query.removeIf(q -> q[0].equals(p.name()));
                d.query.add(new String[] {p.name(), enc(validString(p.schema(), p.name())) + "%00"});
                return true;
            });
            add("duplicate query " + p.name(), d -> {
                d.query.add(new String[] {p.name(), enc(String.valueOf(valid(p.schema(), p.name(), 0)))});
                d.query.add(new String[] {p.name(), enc(String.valueOf(valid(p.schema(), p.name(), 0)))});
                return false;
            });
            if (p.required()) {
                add("missing required query " + p.name(), d -> {
                    d.query.removeIf(q -> q[0].equals(p.name()));
                    return true;
                });
            }
        }
        add("traversal or NUL after the path", d -> {
            String[] suffix = {"%00", "/%2e%2e", "/%2e%2e/%2e%2e/actuator/env", "/..%2f..%2factuator%2fenv", "%2f..%2f..", "/%00/..",
                "%252e%252e%252f", "/..%5c..%5c", "%0d%0aX-Injected:%201", "/%c0%ae%c0%ae/", "\\..\\..", "/.%2e/.%2e/etc/passwd"};
            d.suffix = suffix[random.nextInt(suffix.length)];
            return true;
        });
        add("dot segments after the path", d -> {
            String[] suffix = {"/..", "/../..", "/./", "/../../actuator/env", "//", "/.;/", "/..;/", "/.", "/"};
            d.suffix = suffix[random.nextInt(suffix.length)];
            return false;
        });
        add("bad percent-encoding or unknown query parameters", d -> {
            String[][] junk = {{"page", "%zz"}, {"%", "1"}, {"size", "%ed%a0%80"}, {"__proto__%5Bx%5D", "1"}, {"sort", "id%3BDROP"},
                {"a", "%"}, {"q", "%c0%af"}, {"page", "-1"}, {"size", "2147483648"}, {"size", "1000000"}, {"x".repeat(3000), "1"}};
            String[] j = junk[random.nextInt(junk.length)];
            d.query.add(j);
            return false;
        });
        for (Parameter p : op.parameters("header")) {
            add("malformed header " + p.name(), d -> {
                String v = asciiOnly(malformedString(p.schema(), d));
                d.headers.removeIf(h -> h[0].equalsIgnoreCase(p.name()));
                if (!v.isBlank()) {
                    d.headers.add(new String[] {p.name(), v});
                }
                return !v.isBlank() && violates(p.schema(), v) || v.isBlank() && p.required();
            });
            add("duplicate or missing header " + p.name(), d -> {
                d.headers.removeIf(h -> h[0].equalsIgnoreCase(p.name()));
                if (random.nextBoolean()) {
                    d.headers.add(new String[] {p.name(), validString(p.schema(), p.name() + "#" + random.nextInt())});
                    d.headers.add(new String[] {p.name(), validString(p.schema(), p.name() + "#" + random.nextInt())});
                    return false;
                }
                return p.required();
            });
        }
        add("hostile extra headers", d -> {
            String[][] junk = {{"X-HTTP-Method-Override", "DELETE"}, {"X-Forwarded-Host", "evil.example"}, {"X-Forwarded-Prefix", "/..%2f..%2f"},
                {"X-Original-URL", "/actuator/env"}, {"X-Rewrite-URL", "/admin"}, {"X-Request-Id", "<script>alert(1)</script>"},
                {"X-Junk", "x".repeat(2000)}, {"Accept-Language", "ja;q=0.9," + "x;q=0.1,".repeat(300)}, {"X-Forwarded-For", "127.0.0.1, ' OR 1=1"}};
            d.headers.add(junk[random.nextInt(junk.length)]);
            return false;
        });
        if (bodyType == null) {
            add("unexpected body", d -> {
                d.contentType = "application/json";
                d.raw = pick(BROKEN_JSON).getBytes(StandardCharsets.UTF_8);
                return false;
            });
            return;
        }
        if (bodyType.contains("json")) {
            planJson(op.bodies().get(bodyType));
        } else if (bodyType.equals("application/x-www-form-urlencoded")) {
            planForm(op.bodies().get(bodyType));
        } else {
            planOpaque();
        }
        add("wrong content type", d -> {
            String picked = pick(BAD_CONTENT_TYPES);
            boolean accepted = op.bodies().keySet().stream().anyMatch(t -> picked.toLowerCase(Locale.ROOT).startsWith(t));
            d.contentType = accepted ? "text/plain" : picked;
            return true;
        });
        add("no content type", d -> {
            d.contentType = null;
            return true;
        });
        if (op.bodyRequired()) {
            add("empty body", d -> {
                d.raw = new byte[0];
                d.json = null;
                return true;
            });
        }
    }

    private void planJson(Map<String, Object> schema) {
        add("broken JSON", d -> {
            if (random.nextBoolean()) {
                String text = Json.write(d.json);
                d.raw = text.substring(0, random.nextInt(Math.max(1, text.length() - 1))).getBytes(StandardCharsets.UTF_8);
            } else {
                d.raw = pick(BROKEN_JSON).getBytes(StandardCharsets.UTF_8);
            }
            return true;
        });
        add("JSON not UTF-8", d -> {
            List<Slot> strings = slots(schema).stream().filter(s -> "string".equals(type(s.schema))).toList();
            String marker = "@@BAD@@";
            if (strings.isEmpty()) {
                return false;
            }
            d.set(pickOf(strings).path, marker);
            byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
            d.raw = replace(Json.write(d.json).getBytes(StandardCharsets.UTF_8), marker.getBytes(StandardCharsets.UTF_8), bad[random.nextInt(bad.length)]);
            return true;
        });
        if ("object".equals(type(schema))) {
            add("JSON of the wrong shape", d -> {
                String[] shapes = {"[]", "\"x\"", "1", "null", "true", "[{}]", "-1e400", "\"" + "x".repeat(10_000) + "\""};
                d.raw = pick(List.of(shapes)).getBytes(StandardCharsets.UTF_8);
                return true;
            });
            add("extra properties", d -> {
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("__proto__", Map.of("admin", true));
                extra.put("constructor", Map.of("prototype", Map.of("x", 1)));
                extra.put("id", uuid().toString());
                extra.put("roles", List.of("admin"));
                extra.put("$where", "1==1");
                extra.put("x" + random.nextInt(1000), pick(INJECTION));
                extra.put("deep", nested(random.nextInt(10, 400)));
                String key = new ArrayList<>(extra.keySet()).get(random.nextInt(extra.size()));
                Object target = d.json;
                if (target instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> mm = (Map<String, Object>) m;
                    if (!mm.containsKey(key)) {
                        mm.put(key, extra.get(key));
                    }
                }
                return Boolean.FALSE.equals(schema.get("additionalProperties"));
            });
        }
        List<Slot> slots = slots(schema);
        for (Slot s : slots) {
            String name = s.name();
            String t = type(s.schema);
            if (s.required) {
                add("missing required " + name, d -> {
                    d.remove(s.path);
                    return true;
                });
            }
            add("null " + name, d -> {
                d.set(s.path, null);
                return s.required && !nullable(s.schema);
            });
            add("wrong type " + name, d -> {
                Object[] wrong = wrongTypes(t);
                Object v = wrong[random.nextInt(wrong.length)];
                d.set(s.path, v);
                return !lenientCoercion(t, v);
            });
            switch (t) {
                case "string" -> {
                    add("hostile string " + name, d -> {
                        String v = random.nextBoolean() ? pick(NAUGHTY) : pick(INJECTION);
                        v = fit(s.schema, v);
                        d.set(s.path, v);
                        return violates(s.schema, v);
                    });
                    add("bad length or format " + name, d -> {
                        String v = malformedString(s.schema, d);
                        d.set(s.path, v);
                        return violates(s.schema, v);
                    });
                    add("NUL in " + name, d -> {
                        String base = String.valueOf(d.get(s.path));
                        d.set(s.path, base.substring(0, base.length() / 2) + "\u0000" + base.substring(base.length() / 2));
                        return true;
                    });
                    add("huge " + name, d -> {
                        String v = "あ".repeat(random.nextInt(10_000, 300_000));
                        d.set(s.path, v);
                        return violates(s.schema, v);
                    });
                }
                case "integer", "number" -> add("boundary or overflow " + name, d -> {
                    Object[] v = numberCase(s.schema, t);
                    d.set(s.path, v[0]);
                    return (Boolean) v[1];
                });
                case "array" -> add("huge array " + name, d -> {
                    Object item = valid(ContractOperations.map(s.schema.get("items")), name, 1);
                    int n = random.nextBoolean() ? 0 : random.nextInt(1000, 50_000);
                    List<Object> items = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        items.add(item);
                    }
                    d.set(s.path, items);
                    return n == 0 ? number(s.schema, "minItems") != null && number(s.schema, "minItems").intValue() > 0
                            : number(s.schema, "maxItems") != null && n > number(s.schema, "maxItems").doubleValue();
                });
                default -> {
                }
            }
        }
    }

    private void planForm(Map<String, Object> schema) {
        Map<String, Object> props = ContractOperations.map(schema.get("properties"));
        List<Object> required = ContractOperations.list(schema.get("required"));
        add("broken form encoding", d -> {
            String[] junk = {"%", "a=%zz", "=&=&", "&&&", "a=" + "%".repeat(100), "lat=%ed%a0%80", "x".repeat(10_000)};
            d.raw = pick(List.of(junk)).getBytes(StandardCharsets.UTF_8);
            return false;
        });
        for (Map.Entry<String, Object> e : props.entrySet()) {
            String name = e.getKey();
            Map<String, Object> ps = ContractOperations.map(e.getValue());
            if (required.contains(name)) {
                add("missing required form field " + name, d -> {
                    d.form.remove(name);
                    return true;
                });
            }
            add("wrong value of form field " + name, d -> {
                String v = "string".equals(type(ps)) ? malformedString(ps, d) : wrongValue(ps);
                d.form.put(name, v);
                return !v.isEmpty() && violatesParameter(ps, v) || v.isEmpty() && required.contains(name);
            });
            add("hostile form field " + name, d -> {
                String v = random.nextBoolean() ? pick(NAUGHTY) : pick(INJECTION);
                d.form.put(name, v);
                return violatesParameter(ps, v);
            });
            add("NUL in form field " + name, d -> {
                d.form.put(name, d.form.getOrDefault(name, "x") + "\u0000");
                return true;
            });
        }
    }

    private void planOpaque() {
        add("random bytes as " + bodyType, d -> {
            byte[] b = new byte[random.nextInt(1, 20_000)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) random.nextInt(256);
            }
            d.raw = b;
            return !bodyType.startsWith("text/");
        });
        add("NUL or invalid UTF-8 in " + bodyType, d -> {
            byte[] base = d.raw == null ? new byte[0] : d.raw;
            byte[] bad = random.nextBoolean() ? new byte[] {0} : new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF};
            byte[] out = new byte[base.length + bad.length];
            int at = base.length / 2;
            System.arraycopy(base, 0, out, 0, at);
            System.arraycopy(bad, 0, out, at, bad.length);
            System.arraycopy(base, at, out, at + bad.length, base.length - at);
            d.raw = out;
            return true;
        });
        add("hostile text in " + bodyType, d -> {
            String base = d.raw == null ? "" : new String(d.raw, StandardCharsets.UTF_8);
            String v = random.nextBoolean() ? pick(NAUGHTY) : pick(INJECTION);
            d.raw = bodyType.startsWith("multipart/") ? d.raw : (base + v.replace("\u0000", "") + "\n").getBytes(StandardCharsets.UTF_8);
            if (bodyType.startsWith("multipart/")) {
                d.filename = v.replace("\"", "").replace("\r", "").replace("\n", "");
            }
            return false;
        });
        add("truncated " + bodyType, d -> {
            byte[] base = d.raw == null ? new byte[0] : d.raw;
            d.raw = java.util.Arrays.copyOf(base, base.length / (2 + random.nextInt(8)));
            return bodyType.startsWith("multipart/");
        });
    }

    // ---------------------------------------------------------------------------------------------
    // valid values

    private Draft base() {
        Draft d = new Draft();
        for (Parameter p : op.parameters("path")) {
            d.path.put(p.name(), enc(String.valueOf(valid(p.schema(), p.name(), 0))));
        }
        for (Parameter p : op.parameters("query")) {
            if (p.required() || random.nextInt(3) == 0) {
                d.query.add(new String[] {p.name(), enc(String.valueOf(valid(p.schema(), p.name(), 0)))});
            }
        }
        for (Parameter p : op.parameters("header")) {
            if (p.required() || random.nextInt(4) != 0) {
                d.headers.add(new String[] {p.name(), validString(p.schema(), p.name() + "#" + random.nextLong())});
            }
        }
        if (bodyType != null) {
            d.contentType = bodyType;
            Map<String, Object> schema = op.bodies().get(bodyType);
            if (bodyType.contains("json")) {
                d.json = valid(schema, "", 0);
            } else if (bodyType.equals("application/x-www-form-urlencoded")) {
                ContractOperations.map(schema.get("properties")).forEach((k, v) ->
                        d.form.put(k, String.valueOf(valid(ContractOperations.map(v), k, 1))));
            } else {
                d.raw = hints.bodyByContentType().get(bodyType);
                if (bodyType.startsWith("multipart/")) {
                    d.filename = "photo.jpg";
                    d.part = ContractOperations.map(schema.get("properties")).keySet().stream().findFirst().orElse("file");
                }
            }
        }
        return d;
    }

    private Object hint(String name) {
        Object h = hints.byName().get(name);
        if (h instanceof Function<?, ?> f) {
            @SuppressWarnings("unchecked")
            Function<SplittableRandom, Object> fn = (Function<SplittableRandom, Object>) f;
            return fn.apply(random);
        }
        return h;
    }

    private Object valid(Map<String, Object> schema, String name, int depth) {
        if (hints.byName().containsKey(name)) {
            return hint(name);
        }
        List<Object> en = ContractOperations.list(schema.get("enum"));
        if (!en.isEmpty()) {
            return en.getFirst();
        }
        if (schema.containsKey("const")) {
            return schema.get("const");
        }
        if (schema.containsKey("default") && !(schema.get("default") instanceof Map)) {
            return schema.get("default");
        }
        return switch (type(schema)) {
            case "object" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                if (depth < 6) {
                    ContractOperations.map(schema.get("properties")).forEach((k, v) -> {
                        Map<String, Object> ps = ContractOperations.map(v);
                        if (!Boolean.TRUE.equals(ps.get("readOnly"))) {
                            out.put(k, valid(ps, k, depth + 1));
                        }
                    });
                }
                yield out;
            }
            case "array" -> {
                List<Object> out = new ArrayList<>();
                Number min = number(schema, "minItems");
                int n = Math.max(1, min == null ? 1 : min.intValue());
                for (int i = 0; i < n; i++) {
                    out.add(valid(ContractOperations.map(schema.get("items")), name, depth + 1));
                }
                yield out;
            }
            case "integer" -> {
                Number min = lower(schema);
                Number max = upper(schema);
                long v = min != null ? (long) Math.ceil(min.doubleValue()) : max != null ? Math.min(1, (long) Math.floor(max.doubleValue())) : 1;
                yield v;
            }
            case "number" -> {
                Number min = lower(schema);
                Number max = upper(schema);
                yield min != null && max != null ? (min.doubleValue() + max.doubleValue()) / 2 : min != null ? min.doubleValue() + 1 : 1.5;
            }
            case "boolean" -> true;
            default -> validString(schema, name);
        };
    }

    private String validString(Map<String, Object> schema, String name) {
        if (hints.byName().containsKey(name)) {
            return String.valueOf(hint(name));
        }
        List<Object> en = ContractOperations.list(schema.get("enum"));
        if (!en.isEmpty()) {
            return String.valueOf(en.getFirst());
        }
        String format = String.valueOf(schema.get("format"));
        String v = switch (format) {
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            case "date-time" -> "2026-01-01T09:00:00Z";
            case "date" -> "2026-01-01";
            case "email" -> "hostile-test@example.com";
            case "uri", "url" -> "https://example.com/x";
            default -> null;
        };
        if (v != null) {
            return v;
        }
        Number min = number(schema, "minLength");
        Number max = number(schema, "maxLength");
        String pattern = (String) schema.get("pattern");
        String seed = Integer.toHexString(Math.abs(name.hashCode())) + "-" + Long.toHexString(random.nextLong() & 0xffffffffL);
        List<String> candidates = List.of("hostile-" + seed, "K" + seed.replace("-", ""), "0120123456", "1", "a", "A-1",
                "x".repeat(Math.max(1, min == null ? 1 : min.intValue())));
        for (String c : candidates) {
            String fitted = c;
            if (min != null && fitted.length() < min.intValue()) {
                fitted = fitted + "x".repeat(min.intValue() - fitted.length());
            }
            if (max != null && fitted.length() > max.intValue()) {
                fitted = fitted.substring(0, max.intValue());
            }
            if (pattern == null || matches(pattern, fitted)) {
                return fitted;
            }
        }
        return candidates.getFirst();
    }

    // ---------------------------------------------------------------------------------------------
    // invalid values and what the contract says about them

    private String malformedString(Map<String, Object> schema, Draft d) {
        Number min = number(schema, "minLength");
        Number max = number(schema, "maxLength");
        String format = String.valueOf(schema.get("format"));
        List<String> options = new ArrayList<>();
        if (max != null) {
            options.add("z".repeat(max.intValue() + 1));
            options.add("界".repeat(max.intValue() + 1 + random.nextInt(50)));
            options.add("z".repeat(max.intValue()));
        }
        if (min != null && min.intValue() > 0) {
            options.add("z".repeat(min.intValue() - 1));
            options.add("");
        }
        if (schema.get("pattern") != null) {
            options.add("<>'\";");
            options.add("a b");
            options.add("-1");
        }
        if (!ContractOperations.list(schema.get("enum")).isEmpty()) {
            String first = String.valueOf(ContractOperations.list(schema.get("enum")).getFirst());
            options.add(first.toLowerCase(Locale.ROOT) + "_");
            options.add(first + " ");
            options.add("NOT_A_VALUE");
        }
        switch (format) {
            case "uuid" -> options.addAll(List.of("not-a-uuid", "00000000-0000-0000-0000-00000000000g", "1", "{" + uuid() + "}",
                    uuid() + "0", uuid().toString().replace("-", "") + "x"));
            case "date-time" -> options.addAll(List.of("2026-13-01T00:00:00Z", "yesterday", "2026-02-30T00:00:00Z", "99999-01-01T00:00:00Z", "0"));
            case "date" -> options.addAll(List.of("2026-13-01", "2026/01/01", "20260230"));
            case "email" -> options.addAll(List.of("not an email", "a@", "@b", "a@b@c"));
            default -> {
            }
        }
        options.add("");
        options.add(pick(INJECTION));
        return options.get(random.nextInt(options.size()));
    }

    /** A query value of the wrong type or outside the bounds. */
    private String wrongValue(Map<String, Object> schema) {
        String t = type(schema);
        return switch (t) {
            case "integer", "number" -> {
                Object[] c = numberCase(schema, t);
                yield random.nextBoolean() ? String.valueOf(c[0])
                        : pick(List.of("abc", "1.5", "0x10", "NaN", "Infinity", "1e3", "--1", "1,2", "99999999999999999999", "-99999999999999999999", "１２"));
            }
            case "boolean" -> pick(List.of("maybe", "2", "tru", "null", "TRUE!"));
            case "array" -> {
                Map<String, Object> items = ContractOperations.map(schema.get("items"));
                yield "string".equals(type(items)) ? malformedString(items, null) : wrongValue(items);
            }
            default -> malformedString(schema, null);
        };
    }

    /** {value, must refuse} for a number or integer property. */
    private Object[] numberCase(Map<String, Object> schema, String t) {
        Number min = number(schema, "minimum");
        Number max = number(schema, "maximum");
        Number exMin = number(schema, "exclusiveMinimum");
        Number exMax = number(schema, "exclusiveMaximum");
        boolean integer = "integer".equals(t);
        boolean int32 = "int32".equals(schema.get("format"));
        List<Object[]> cases = new ArrayList<>();
        if (min != null) {
            cases.add(new Object[] {integer ? (Object) (min.longValue() - 1) : min.doubleValue() - 0.000001, true});
            cases.add(new Object[] {integer ? (Object) min.longValue() : min.doubleValue(), false});
        }
        if (max != null) {
            cases.add(new Object[] {integer ? (Object) (max.longValue() + 1) : max.doubleValue() + 0.000001, true});
            cases.add(new Object[] {integer ? (Object) max.longValue() : max.doubleValue(), false});
        }
        if (exMin != null) {
            cases.add(new Object[] {integer ? (Object) exMin.longValue() : exMin.doubleValue(), true});
        }
        if (exMax != null) {
            cases.add(new Object[] {integer ? (Object) exMax.longValue() : exMax.doubleValue(), true});
        }
        boolean bounded = min != null || max != null || exMin != null || exMax != null;
        boolean upperBound = max != null || exMax != null;
        boolean lowerBound = min != null || exMin != null;
        cases.add(new Object[] {new Json.Raw("1e400"), true});
        cases.add(new Object[] {new Json.Raw("-1e400"), true});
        cases.add(new Object[] {new Json.Raw("1e308"), upperBound || integer});
        cases.add(new Object[] {new Json.Raw("-1e308"), lowerBound || integer});
        cases.add(new Object[] {new Json.Raw("123456789012345678901234567890"), upperBound || integer});
        cases.add(new Object[] {2147483648L, upperBound || int32});
        cases.add(new Object[] {-2147483649L, lowerBound || int32});
        cases.add(new Object[] {new Json.Raw("-0"), bounded && !accepts(min, max, 0)});
        cases.add(new Object[] {0, bounded && !accepts(min, max, 0)});
        cases.add(new Object[] {-1, bounded && !accepts(min, max, -1)});
        Object[] c = cases.get(random.nextInt(cases.size()));
        return c;
    }

    private static boolean accepts(Number min, Number max, double v) {
        return (min == null || v >= min.doubleValue()) && (max == null || v <= max.doubleValue());
    }

    private Object[] wrongTypes(String t) {
        return switch (t) {
            case "string" -> new Object[] {Map.of("a", 1), List.of("x"), List.of(), 12345, true, 1.5};
            case "integer" -> new Object[] {"abc", Map.of(), List.of(1), true, 1.5, "1", ""};
            case "number" -> new Object[] {"abc", Map.of(), List.of(1.0), true, "1.5", ""};
            case "boolean" -> new Object[] {"maybe", 2, Map.of(), List.of(true), "true"};
            case "array" -> new Object[] {"x", 1, Map.of("a", 1), true};
            default -> new Object[] {"x", 1, List.of(), true};
        };
    }

    /**
     * What Jackson (like most JSON readers) converts without complaint: a number or boolean where a
     * string is expected, a numeric string or a whole float where a number is, "true"/"false" for a
     * boolean. The contract does not allow them, but accepting them is not a fault.
     */
    private static boolean lenientCoercion(String t, Object v) {
        return switch (t) {
            case "string" -> v instanceof Number || v instanceof Boolean;
            case "integer" -> v instanceof Double || "1".equals(v) || "".equals(v);
            case "number" -> "1.5".equals(v) || "".equals(v);
            case "boolean" -> "true".equals(v) || v instanceof Integer;
            default -> false;
        };
    }

    /** True when the contract refuses this string for the schema. */
    static boolean violates(Map<String, Object> schema, String v) {
        if (v.indexOf('\u0000') >= 0) {
            return true;
        }
        List<Object> en = ContractOperations.list(schema.get("enum"));
        if (!en.isEmpty() && en.stream().noneMatch(e -> String.valueOf(e).equals(v))) {
            return true;
        }
        String t = type(schema);
        if (t.equals("integer") || t.equals("number")) {
            try {
                double d = Double.parseDouble(v);
                Number min = number(schema, "minimum");
                Number max = number(schema, "maximum");
                return t.equals("integer") && (d != Math.rint(d) || !v.matches("-?\\d+")) || !accepts(min, max, d)
                        || "int32".equals(schema.get("format")) && (d > Integer.MAX_VALUE || d < Integer.MIN_VALUE)
                        || Math.abs(d) > Long.MAX_VALUE;
            } catch (NumberFormatException e) {
                return true;
            }
        }
        if (t.equals("boolean")) {
            return !v.equals("true") && !v.equals("false");
        }
        int length = v.codePointCount(0, v.length());
        Number min = number(schema, "minLength");
        Number max = number(schema, "maxLength");
        if (min != null && length < min.intValue() || max != null && length > max.intValue()) {
            return true;
        }
        if (schema.get("pattern") instanceof String p && !matches(p, v)) {
            return true;
        }
        String format = String.valueOf(schema.get("format"));
        return switch (format) {
            case "uuid" -> !v.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
            case "date-time" -> !v.matches("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T.*") || v.startsWith("2026-02-30");
            case "date" -> !v.matches("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])") || v.equals("2026-02-30");
            default -> false;
        };
    }

    private static boolean isFreeString(Map<String, Object> schema) {
        return "string".equals(type(schema)) && schema.get("pattern") == null && schema.get("format") == null
                && ContractOperations.list(schema.get("enum")).isEmpty();
    }

    private boolean queryValue(Draft d, Parameter p, String value) {
        d.query.removeIf(q -> q[0].equals(p.name()));
        d.query.add(new String[] {p.name(), enc(value)});
        return violatesParameter(p.schema(), value);
    }

    /** Whether a query or form parameter breaks the contract once Spring has converted it. */
    static boolean violatesParameter(Map<String, Object> schema, String value) {
        Map<String, Object> s = "array".equals(type(schema)) ? ContractOperations.map(schema.get("items")) : schema;
        if ("array".equals(type(schema))) {
            // a comma separates items: each must be valid
            for (String item : value.split(",", -1)) {
                if (violatesParameter(s, item)) {
                    return true;
                }
            }
            return false;
        }
        // Spring trims a parameter before converting it (to a number, an enum), reads any Unicode digits
        // ("１２") as digits, and a number in hexadecimal ("0x10", "#10") too
        String v = isFreeString(s) ? value : value.trim();
        if (!"string".equals(type(s)) && v.matches("-?(0[xX]|#)[0-9a-fA-F]{1,12}")) {
            v = String.valueOf(Long.decode(v));
        }
        if (!"string".equals(type(s)) && !v.isEmpty() && v.codePoints().allMatch(c -> Character.isDigit(c) || c == '-')) {
            StringBuilder ascii = new StringBuilder();
            v.codePoints().forEach(c -> ascii.append(c == '-' ? '-' : (char) ('0' + Character.digit(c, 10))));
            v = ascii.toString();
        }
        return !v.isEmpty() && violates(s, v);
    }

    private String fit(Map<String, Object> schema, String v) {
        Number max = number(schema, "maxLength");
        if (max != null && v.codePointCount(0, v.length()) > max.intValue() && random.nextInt(4) != 0) {
            return v.substring(0, v.offsetByCodePoints(0, max.intValue()));
        }
        return v;
    }

    // ---------------------------------------------------------------------------------------------
    // schema helpers

    static String type(Map<String, Object> schema) {
        Object t = schema.get("type");
        if (t instanceof List<?> l) {
            t = l.stream().<Object>map(x -> x).filter(x -> !"null".equals(x)).findFirst().orElse("string");
        }
        if (t == null) {
            if (schema.containsKey("properties")) {
                return "object";
            }
            if (schema.containsKey("items")) {
                return "array";
            }
            return "string";
        }
        return String.valueOf(t);
    }

    private static boolean nullable(Map<String, Object> schema) {
        return Boolean.TRUE.equals(schema.get("nullable")) || schema.get("type") instanceof List<?> l && l.contains("null");
    }

    static Number number(Map<String, Object> schema, String key) {
        return schema.get(key) instanceof Number n ? n : null;
    }

    private static Number lower(Map<String, Object> s) {
        Number min = number(s, "minimum");
        Number ex = number(s, "exclusiveMinimum");
        return min != null ? min : ex != null ? ex.doubleValue() + 1 : null;
    }

    private static Number upper(Map<String, Object> s) {
        Number max = number(s, "maximum");
        Number ex = number(s, "exclusiveMaximum");
        return max != null ? max : ex != null ? ex.doubleValue() - 1 : null;
    }

    private static boolean matches(String pattern, String v) {
        try {
            return Pattern.compile(pattern).matcher(v).find();
        } catch (PatternSyntaxException e) {
            return true;
        }
    }

    /** A property of the JSON body: its path from the root, its schema, whether it is required. */
    private record Slot(List<Object> path, Map<String, Object> schema, boolean required) {
        String name() {
            StringBuilder b = new StringBuilder();
            for (Object p : path) {
                b.append(p instanceof Integer i ? "[" + i + "]" : (b.isEmpty() ? "" : ".") + p);
            }
            return b.toString();
        }
    }

    private static List<Slot> slots(Map<String, Object> schema) {
        List<Slot> out = new ArrayList<>();
        collect(schema, new ArrayList<>(), true, out, 0);
        return out;
    }

    private static void collect(Map<String, Object> schema, List<Object> path, boolean parentPresent, List<Slot> out, int depth) {
        if (depth > 5) {
            return;
        }
        String t = type(schema);
        if ("object".equals(t)) {
            List<Object> required = ContractOperations.list(schema.get("required"));
            ContractOperations.map(schema.get("properties")).forEach((k, v) -> {
                Map<String, Object> ps = ContractOperations.map(v);
                if (Boolean.TRUE.equals(ps.get("readOnly"))) {
                    return;
                }
                List<Object> p = new ArrayList<>(path);
                p.add(k);
                out.add(new Slot(p, ps, required.contains(k)));
                collect(ps, p, true, out, depth + 1);
            });
        } else if ("array".equals(t)) {
            Map<String, Object> items = ContractOperations.map(schema.get("items"));
            if (!path.isEmpty() && ("object".equals(type(items)) || !items.isEmpty())) {
                List<Object> p = new ArrayList<>(path);
                p.add(0);
                out.add(new Slot(p, items, true));
                collect(items, p, true, out, depth + 1);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // plumbing

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private <T> T pickOf(List<T> options) {
        return pick(options);
    }

    private static Object nested(int depth) {
        Object v = 1;
        for (int i = 0; i < depth; i++) {
            v = List.of(v);
        }
        return v;
    }

    static String enc(String v) {
        StringBuilder out = new StringBuilder();
        // lone surrogates go out as their CESU-8 bytes, which are not UTF-8
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(v.charAt(i - 1)))) {
                out.append(String.format("%%%02X%%%02X%%%02X", 0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < v.length()) {
                out.append(URLEncoder.encode(v.substring(i, i + 2), StandardCharsets.UTF_8).replace("+", "%20"));
                i++;
            } else {
                out.append(URLEncoder.encode(String.valueOf(c), StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        return out.toString().replace("*", "%2A");
    }

    private static String asciiOnly(String v) {
        StringBuilder b = new StringBuilder();
        v.chars().filter(c -> c >= 0x20 && c < 0x7f).forEach(c -> b.append((char) c));
        return b.toString();
    }

    private static byte[] replace(byte[] in, byte[] what, byte[] with) {
        String s = new String(in, StandardCharsets.ISO_8859_1);
        String w = new String(what, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(w);
        if (at < 0) {
            return in;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(in, 0, at);
        out.writeBytes(with);
        out.write(in, at + what.length, in.length - at - what.length);
        return out.toByteArray();
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + " chars)";
    }

    /** A request being made: the valid one first, then one mutation. */
    private final class Draft {
        final Map<String, String> path = new LinkedHashMap<>();
        final List<String[]> query = new ArrayList<>();
        final List<String[]> headers = new ArrayList<>();
        final Map<String, String> form = new LinkedHashMap<>();
        Object json;
        byte[] raw;
        String contentType;
        String filename;
        String part;
        String suffix = "";

        Object get(List<Object> p) {
            Object cur = json;
            for (Object k : p) {
                cur = cur instanceof Map<?, ?> m ? m.get(k) : cur instanceof List<?> l && !l.isEmpty() ? l.getFirst() : null;
            }
            return cur;
        }

        @SuppressWarnings("unchecked")
        void set(List<Object> p, Object value) {
            Object parent = get(p.subList(0, p.size() - 1));
            Object last = p.getLast();
            if (parent instanceof Map<?, ?> m && last instanceof String k) {
                ((Map<String, Object>) m).put(k, value);
            } else if (parent instanceof List<?> l && !l.isEmpty()) {
                ((List<Object>) l).set(0, value);
            }
        }

        void remove(List<Object> p) {
            Object parent = get(p.subList(0, p.size() - 1));
            if (parent instanceof Map<?, ?> m) {
                m.remove(p.getLast());
            } else if (parent instanceof List<?> l) {
                l.clear();
            }
        }

        HostileRequest toRequest(Operation op, int index, String kind, boolean refuse) {
            String p = op.path();
            for (Map.Entry<String, String> e : path.entrySet()) {
                p = p.replace("{" + e.getKey() + "}", e.getValue());
            }
            StringBuilder uri = new StringBuilder(p).append(suffix);
            for (int i = 0; i < query.size(); i++) {
                uri.append(i == 0 ? '?' : '&').append(query.get(i)[0]).append('=').append(query.get(i)[1]);
            }
            byte[] body = raw;
            if (body == null && json != null && bodyType != null && bodyType.contains("json")) {
                body = Json.write(json).getBytes(StandardCharsets.UTF_8);
            }
            if (body == null && !form.isEmpty()) {
                StringBuilder f = new StringBuilder();
                form.forEach((k, v) -> f.append(f.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
                body = f.toString().getBytes(StandardCharsets.UTF_8);
            }
            String ct = contentType;
            if (bodyType != null && bodyType.startsWith("multipart/") && raw != null && part != null && ct != null && ct.startsWith("multipart/")) {
                String boundary = "----hostile" + Long.toHexString(random.nextLong());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + filename
                        + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.writeBytes(raw);
                out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
                body = out.toByteArray();
                ct = "multipart/form-data; boundary=" + boundary;
            }
            return new HostileRequest(op.operationId(), index, kind, refuse, op.method(), uri.toString(), List.copyOf(headers), body,
                    body == null && ct != null && !"empty body".equals(kind) ? null : ct, "");
        }
    }
}
