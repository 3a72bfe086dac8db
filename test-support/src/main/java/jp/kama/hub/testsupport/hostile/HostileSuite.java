package jp.kama.hub.testsupport.hostile;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.kama.hub.testsupport.hostile.ContractOperations.Operation;
import jp.kama.hub.testsupport.hostile.HostileRequests.Hints;
import jp.kama.hub.testsupport.hostile.HostileRequests.HostileRequest;
import org.junit.jupiter.api.DynamicTest;

/**
 * The hostile-input suite of one service: for every operation of its contract, {@value #DEFAULT_REQUESTS}
 * {@link HostileRequests hostile requests} over real HTTP to the running service, as a caller the
 * operation allows (the first role of its "Allowed roles"), each answer checked:
 * <ul>
 *   <li>never a 5xx (unless the contract documents that 5xx for the operation and the answer is a
 *       problem with a {@code reason}, e.g. 503 when a core system is down);</li>
 *   <li>a request the contract refuses is answered 4xx, never 2xx;</li>
 *   <li>every 4xx is {@code application/problem+json} (or the error type the operation documents,
 *       e.g. Open311's error list) whose {@code status} is the answer's status;</li>
 *   <li>no error body holds a stack trace or an internal name (Java packages, exception or class
 *       names, SQL error text, the server's file paths);</li>
 *   <li>nothing is written by a refused request: the row counts of every table of the service's
 *       schema are the same before and after the refused requests, and before and after each
 *       request that was allowed to succeed but was answered 4xx.</li>
 * </ul>
 * The seed is printed; {@code -Dkama.hostile.seed=N} repeats a run, {@code -Dkama.hostile.requests=N}
 * changes the number per operation, {@code -Dkama.hostile.only=operationId,...} limits the operations.
 */
public final class HostileSuite {

    public static final String SEED = "kama.hostile.seed";
    public static final String REQUESTS = "kama.hostile.requests";
    public static final String ONLY = "kama.hostile.only";
    public static final int DEFAULT_REQUESTS = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final int THREADS = 3;

    /** What an error body must never show. */
    private static final List<Pattern> LEAKS = List.of(
            Pattern.compile("jp\\.kama"),
            Pattern.compile("(?<![\\w.])(java|javax|jakarta|sun|com\\.sun|org\\.springframework|org\\.apache|org\\.postgresql|org\\.hibernate|org\\.flywaydb|tools\\.jackson|com\\.fasterxml|com\\.zaxxer|io\\.micrometer|io\\.github|reactor|org\\.eclipse)\\.[a-z]"),
            Pattern.compile("Exception|Throwable|StackOverflow|OutOfMemory|NullPointer"),
            Pattern.compile("\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)|\\.java:\\d+|\\$\\$SpringCGLIB|\\$Proxy\\d"),
            Pattern.compile("`[\\w$.]+`"),
            Pattern.compile("SQLState|SQL state|syntax error at or near|violates (foreign key|unique|check|not-null) constraint|duplicate key value"
                    + "|relation \"|column \"[^\"]*\" (does not exist|of relation)|ERROR: |bad SQL grammar|PreparedStatement|JDBC|Hikari|PSQL"),
            Pattern.compile("/usr/lib/jvm|target/classes|\\.jar!|file:/|/home/|/work/|/root/"));

    private final String file;
    private final IntSupplier port;
    private final Function<String, String> tokenForRole;
    private final String defaultRole;
    private final DataSource dataSource;
    private final Set<String> ignoredTables = new HashSet<>(Set.of("flyway_schema_history"));
    private Hints hints = Hints.none();
    private final Map<String, String> skipped = new LinkedHashMap<>();

    private HostileSuite(String file, IntSupplier port, Function<String, String> tokenForRole, String defaultRole, DataSource dataSource) {
        this.file = file;
        this.port = port;
        this.tokenForRole = tokenForRole;
        this.defaultRole = defaultRole;
        this.dataSource = dataSource;
    }

    /**
     * The suite for {@code classpath:openapi/<file>} against the service on 127.0.0.1:{@code port};
     * {@code tokenForRole} gives a valid bearer token for a role; {@code defaultRole} is used where
     * the contract names no role; {@code dataSource} is the service's database.
     */
    public static HostileSuite forContract(String file, IntSupplier port, Function<String, String> tokenForRole, String defaultRole,
                                           DataSource dataSource) {
        return new HostileSuite(file, port, tokenForRole, defaultRole, dataSource);
    }

    public HostileSuite hints(Hints hints) {
        this.hints = hints;
        return this;
    }

    /** Tables the service writes by itself in the background (e.g. the outbox relay's attempts): not counted. */
    public HostileSuite ignoringTables(String... tables) {
        ignoredTables.addAll(List.of(tables));
        return this;
    }

    /** An operation the suite does not run here, with the reason (shown in the report). */
    public HostileSuite skipping(String operationId, String reason) {
        skipped.put(operationId, reason);
        return this;
    }

    public static long seed() {
        String s = System.getProperty(SEED);
        return s == null || s.isBlank() ? System.nanoTime() : Long.parseLong(s.trim());
    }

    /** One dynamic test per operation of the contract. */
    public Stream<DynamicTest> tests() {
        long seed = seed();
        int count = Integer.getInteger(REQUESTS, DEFAULT_REQUESTS);
        String only = System.getProperty(ONLY, "");
        System.out.printf("Hostile input %s: seed %d, %d requests per operation; repeat with -D%s=%d%n", file, seed, count, SEED, seed);
        List<Operation> ops = ContractOperations.of(file);
        // an error format a contract documents for part of its paths (Open311's error list under
        // /open311/**) holds for every operation under the same first path segment
        for (Operation op : ops) {
            String family = family(op.path());
            ops.stream().filter(o -> family(o.path()).equals(family)).forEach(o -> familyErrorTypes
                    .computeIfAbsent(family, k -> new java.util.LinkedHashSet<>()).addAll(o.errorContentTypes()));
        }
        return ops.stream()
                .filter(op -> only.isBlank() || List.of(only.split(",")).contains(op.operationId()))
                .map(op -> DynamicTest.dynamicTest(op.toString(), () -> {
                    if (skipped.containsKey(op.operationId())) {
                        System.out.printf("Hostile input %s: skipped, %s%n", op, skipped.get(op.operationId()));
                        return;
                    }
                    run(op, seed, count);
                }));
    }

    private void run(Operation op, long seed, int count) throws Exception {
        long started = System.nanoTime();
        List<HostileRequest> requests = HostileRequests.generate(op, hints, seed, count);
        String role = op.roles().size() == 1 ? op.roles().getFirst() : probeRole(op, requests);
        String token = op.anonymous() ? null : tokenForRole.apply(role);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> byStatus = Collections.synchronizedMap(new TreeMap<>());
        int[] accepted = {0};

        Map<String, Long> baseline = stableCounts();
        // must-refuse requests and every read go out in parallel and are checked together (nothing may
        // be written); a write the contract allows goes alone, with the row counts just before and after it
        boolean read = op.method().equals("GET") || op.method().equals("HEAD");
        List<HostileRequest> refused = requests.stream().filter(r -> r.mustRefuse() || read).toList();
        List<HostileRequest> allowed = requests.stream().filter(r -> !r.mustRefuse() && !read).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> futures = new ArrayList<>();
            for (HostileRequest r : refused) {
                futures.add(pool.submit(() -> {
                    RawHttp.Answer a = send(r, token, failures);
                    if (a != null) {
                        byStatus.merge(a.status(), 1, Integer::sum);
                        check(op, r, a, failures);
                        if (!r.mustRefuse() && a.status() < 300) {
                            synchronized (accepted) {
                                accepted[0]++;
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        Map<String, Long> afterRefused = counts();
        if (!afterRefused.equals(baseline)) {
            failures.add("rows written by requests that were refused" + (read ? " or reads" : "") + ": " + diff(baseline, afterRefused));
        }
        Map<String, Long> before = afterRefused;
        for (HostileRequest r : allowed) {
            RawHttp.Answer a = send(r, token, failures);
            if (a == null) {
                continue;
            }
            byStatus.merge(a.status(), 1, Integer::sum);
            check(op, r, a, failures);
            boolean success = a.status() >= 200 && a.status() < 300;
            Map<String, Long> after = counts();
            if (success) {
                accepted[0]++;
            } else if (!after.equals(before)) {
                failures.add("rows written by a request answered " + a.status() + ": " + diff(before, after) + " - " + r);
            }
            before = after;
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("Hostile input %s as %s: %d requests (%d must be refused), %d accepted, answers %s, %d ms, %d failures%n",
                op, op.anonymous() ? "anonymous" : role, requests.size(), refused.size(), accepted[0], byStatus, ms, failures.size());
        int gated = byStatus.getOrDefault(401, 0) + byStatus.getOrDefault(403, 0);
        if (gated == requests.size()) {
            System.out.printf("Hostile input %s: WARNING every answer was 401/403, validation was not reached%n", op);
        }
        if (!failures.isEmpty()) {
            // grouped by what went wrong, three examples each
            Map<String, List<String>> byKind = new TreeMap<>();
            for (String f : failures) {
                String kind = f.replaceFirst("^(5xx|hostile input accepted|redirect|problem without its status|error not application/problem\\+json"
                        + "|internal detail '[^']*'|no answer|rows written by [a-z ]+).*$", "$1");
                byKind.computeIfAbsent(kind.length() > 80 ? kind.substring(0, 80) : kind, k -> new ArrayList<>()).add(f);
            }
            StringBuilder message = new StringBuilder(failures.size() + " hostile requests to " + op + " were answered wrongly (-D"
                    + SEED + "=" + seed + " -D" + ONLY + "=" + op.operationId() + "):");
            byKind.forEach((kind, list) -> {
                message.append("\n  ").append(list.size()).append(" × ").append(kind);
                list.stream().limit(3).forEach(f -> message.append("\n      ").append(f));
            });
            throw new AssertionError(message.toString());
        }
    }

    /**
     * The role the suite calls with: of the roles the contract allows (or, where it names none, the
     * default role and the hub's roles), the one whose token gets past authorization most often
     * with the first few acceptable requests (an answer other than 401/403): a shelter-staff token
     * bound to no shelter, say, is refused where a disaster-staff one reaches validation.
     */
    private String probeRole(Operation op, List<HostileRequest> requests) {
        if (op.anonymous()) {
            return defaultRole;
        }
        List<HostileRequest> probes = requests.stream().filter(r -> !r.mustRefuse()).limit(8).toList();
        List<String> candidates = !op.roles().isEmpty() ? op.roles()
                : List.of(defaultRole, "citizen", "disaster-staff", "admin", "partner", "shelter-staff");
        String best = candidates.getFirst();
        int bestPassed = 0;
        for (String candidate : candidates) {
            int passed = 0;
            for (HostileRequest probe : probes) {
                RawHttp.Answer a = send(probe, tokenForRole.apply(candidate), new ArrayList<>());
                if (a != null && a.status() != 401 && a.status() != 403) {
                    passed++;
                }
            }
            if (passed > bestPassed) {
                best = candidate;
                bestPassed = passed;
            }
        }
        return best;
    }

    private RawHttp.Answer send(HostileRequest r, String token, List<String> failures) {
        List<String[]> headers = new ArrayList<>(r.headers());
        if (token != null) {
            headers.add(new String[] {"Authorization", "Bearer " + token});
        }
        try {
            return RawHttp.send(port.getAsInt(), r.method(), r.pathAndQuery(), headers, r.body(), r.contentType(), TIMEOUT_MILLIS);
        } catch (Exception e) {
            failures.add("no answer (" + e.getMessage() + "): " + r);
            return null;
        }
    }

    private void check(Operation op, HostileRequest r, RawHttp.Answer a, List<String> failures) {
        int status = a.status();
        String text = a.text();
        String where = " - answered " + status + " " + a.contentType() + " " + HostileRequests.abbreviate(text, 400) + " - to " + r;
        if (status >= 500) {
            boolean documented = op.documentedStatuses().contains(status) && isProblem(a) && problem(a).hasNonNull("reason");
            if (!documented) {
                failures.add("5xx" + where);
                return;
            }
        } else if (status < 400) {
            if (r.mustRefuse()) {
                failures.add("hostile input accepted" + where);
            } else if (status >= 300) {
                failures.add("redirect" + where);
            }
            return;
        }
        if (isProblem(a)) {
            JsonNode p = problem(a);
            if (p == null || p.path("status").asInt() != status) {
                failures.add("problem without its status" + where);
            }
        } else if (!documentedErrorType(op, a)) {
            failures.add("error not application/problem+json" + where);
        }
        String sent = sentText(r);
        leaks:
        for (Pattern leak : LEAKS) {
            var m = leak.matcher(text);
            while (m.find()) {
                // the caller's own bytes quoted back (e.g. "found <the header sent>") are not the
                // server's internals: a random body holding `U` must not fail the run
                if (!sent.contains(m.group())) {
                    failures.add("internal detail '" + m.group() + "' in the error" + where);
                    break leaks;
                }
            }
        }
    }

    /** Everything the request carried, as text: path and query (also decoded), headers, body. */
    private static String sentText(HostileRequest r) {
        StringBuilder b = new StringBuilder(r.pathAndQuery());
        try {
            b.append('\n').append(java.net.URLDecoder.decode(r.pathAndQuery().replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notDecodable) {
            // a hostile path may not be valid percent-encoding; the raw form is already in
        }
        for (String[] h : r.headers()) {
            b.append('\n').append(h[1]);
        }
        if (r.body() != null) {
            b.append('\n').append(new String(r.body(), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private static boolean isProblem(RawHttp.Answer a) {
        return a.contentType().toLowerCase().startsWith("application/problem+json");
    }

    private static JsonNode problem(RawHttp.Answer a) {
        try {
            JsonNode n = JSON.readTree(a.body());
            return n != null && n.isObject() ? n : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Open311's error list and the like: the content type the operation's contract documents for errors, as JSON. */
    private static String family(String path) {
        return path.replaceFirst("^(/[^/]*).*$", "$1");
    }

    private final Map<String, Set<String>> familyErrorTypes = new java.util.concurrent.ConcurrentHashMap<>();

    private boolean documentedErrorType(Operation op, RawHttp.Answer a) {
        String ct = a.contentType().toLowerCase();
        Set<String> types = new HashSet<>(op.errorContentTypes());
        types.addAll(familyErrorTypes.getOrDefault(family(op.path()), Set.of()));
        boolean documented = types.stream().anyMatch(t -> !t.equals("application/problem+json") && ct.startsWith(t));
        if (!documented) {
            return false;
        }
        try {
            JSON.readTree(a.body());
            return a.body().length > 0;
        } catch (Exception e) {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // row counts

    private List<String> tables;

    private synchronized List<String> tables() throws SQLException {
        if (tables == null) {
            List<String> t = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = current_schema()"
                         + " and table_type = 'BASE TABLE' order by table_name")) {
                while (rs.next()) {
                    if (!ignoredTables.contains(rs.getString(1))) {
                        t.add(rs.getString(1));
                    }
                }
            }
            tables = t;
        }
        return tables;
    }

    private Map<String, Long> counts() throws SQLException {
        List<String> t = tables();
        Map<String, Long> out = new TreeMap<>();
        if (t.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < t.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(select count(*) from \"").append(t.get(i)).append("\")");
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < t.size(); i++) {
                out.put(t.get(i), rs.getLong(i + 1));
            }
        }
        return out;
    }

    /** Counts once the service's own background work after earlier accepted requests has settled. */
    private Map<String, Long> stableCounts() throws Exception {
        Map<String, Long> last = counts();
        for (int i = 0; i < 50; i++) {
            Thread.sleep(100);
            Map<String, Long> now = counts();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static String diff(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder b = new StringBuilder();
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                b.append(k).append(' ').append(before.get(k)).append("→").append(v).append("; ");
            }
        });
        return b.toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
