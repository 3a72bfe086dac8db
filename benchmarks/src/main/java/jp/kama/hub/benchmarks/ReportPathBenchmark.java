package jp.kama.hub.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import jp.kama.hub.localstack.Ports;
import jp.kama.hub.localstack.Stack;

/**
 * The report-path benchmark (issues 4 and 13): every target of issue 13 that concerns the
 * report path, each with its baseline measured in the same run on the same machine.
 *
 * <pre>
 *   ./kama bench reports [--phases g1,g5,g1b,g2,baselines] [--out DIR] [--help]
 * </pre>
 *
 * <ol>
 *   <li>Starts the whole stack on free loopback ports in a fresh temp dir (as the end-to-end
 *       test does), with the gateway's admission control at {@code --in-flight-cap} and its
 *       rate limits off, unless {@code --gateway} points at one already running.</li>
 *   <li>G1: closed loop through the gateway (warm-up, printed per 30 s, then the measured
 *       window, with a JFR recording in every service JVM), then the same requests straight to
 *       case-service: ratio.</li>
 *   <li>G5: open loop at a fixed rate, via the gateway then direct; latency from each report's
 *       due time (no coordinated omission): p50 added by the gateway.</li>
 *   <li>G1b: a burst through the gateway: 201, 429 (with Retry-After?), 5xx, time-outs; the 429s'
 *       answer time; every 201's report looked for on Kafka (then read from case-service).</li>
 *   <li>G2: commit → consumed at 100/s with a Kafka consumer of its own, and Kafka's own
 *       end-to-end latency at the same rate and record size.</li>
 *   <li>Baselines: raw PostgreSQL report + outbox insert TPS, raw Kafka producer events/s,
 *       Nimbus RS256 verify per token.</li>
 * </ol>
 * Latencies are HdrHistograms; the CPU of every process of the stack is taken per phase; the
 * machine's load before the stack starts and after it stopped. Writes {@code report.md},
 * {@code report.json}, {@code g1.png}, {@code g1b.png} and {@code jfr/*.jfr} into {@code --out},
 * and stops the stack it started on exit, also on Ctrl-C.
 */
public final class ReportPathBenchmark {

    static final double CITY_HALL_LATITUDE = 33.563;
    static final double CITY_HALL_LONGITUDE = 130.716;

    private final Options options;
    private final String[] args;
    private final List<Load> loads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicBoolean cleanedUp = new AtomicBoolean();
    private volatile Stack stack;
    private volatile Path dataDir;

    private ReportPathBenchmark(Options options, String[] args) {
        this.options = options;
        this.args = args.clone();
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) {
                System.err.println("report-path benchmark: " + e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        ReportPathBenchmark benchmark = new ReportPathBenchmark(options, args);
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark::cleanUp, "benchmark-stop"));
        int exit;
        try {
            benchmark.run();
            exit = 0;
        } catch (Exception e) {
            System.err.println("\nreport-path benchmark failed: " + e);
            e.printStackTrace();
            exit = 1;
        } finally {
            benchmark.cleanUp();
        }
        System.exit(exit);
    }

    /** A measured phase with the CPU each component used during it. */
    private record Measured(Load.Phase phase, Machine.CpuSnapshot before, Machine.CpuSnapshot after) {
        Map<String, Object> cpu() {
            return after.since(before);
        }

        /** ms of CPU per accepted report: each component, and the stack's total (the benchmark JVM left out). */
        Map<String, Object> cpuMsPerAccepted() {
            Map<String, Object> m = new LinkedHashMap<>();
            long created = phase.created();
            if (created == 0) {
                return m;
            }
            double stack = 0;
            for (Map.Entry<String, Double> e : after.cpuMs(before).entrySet()) {
                m.put(e.getKey(), Latencies.round(e.getValue() / created));
                if (!e.getKey().startsWith("benchmark JVM")) {
                    stack += e.getValue();
                }
            }
            m.put("stack total (without the benchmark JVM)", Latencies.round(stack / created));
            return m;
        }
    }

    private void run() throws Exception {
        Instant startedAt = Instant.now();
        say("Report-path benchmark (issue 13), " + startedAt + "; phases " + String.join(",", options.phases()) + "; report into " + options.outDir());
        Map<String, Object> machine = Machine.context(options.startsStack(), options.startsStack() ? options.serviceJavaOptions() : null);
        say("machine: " + machine.get("cores") + " cores, " + machine.get("cpuModel") + ", " + machine.get("memTotal")
                + ", " + machine.get("jdk"));
        Map<String, Object> idleBefore = Machine.idleSample(Duration.ofSeconds(5));
        say("machine before the stack starts: load average " + idleBefore.get("loadAverage") + ", CPU idle " + idleBefore.get("cpuIdlePercent") + " % over 5 s");
        machine.put("before", idleBefore);

        String gateway;
        String direct;
        String keycloak;
        String kafka;
        String postgres;
        String fakeLine;
        double stackStartSeconds = Double.NaN;
        if (options.startsStack()) {
            String javaOptions = options.serviceJavaOptions() + admissionProperties();
            machine.put("serviceJavaOptions", javaOptions);
            Ports ports;
            try {
                ports = startStack(javaOptions);
            } catch (RuntimeException e) {
                if (javaOptions.contains("TieredStopAtLevel") || cleanedUp.get()) {
                    throw e;
                }
                // Full JIT costs start-up CPU; on a crowded machine a service can miss the
                // stack's health deadline. C1 only starts faster (and runs slower).
                javaOptions = javaOptions + " -XX:TieredStopAtLevel=1";
                say("\nthe stack did not come up (" + firstLine(e.getMessage()) + "); retrying once with C1-only services: " + javaOptions);
                machine.put("serviceJavaOptions", javaOptions);
                machine.put("stackStartRetriedWithC1Only", true);
                ports = startStack(javaOptions);
            }
            stackStartSeconds = stack.secondsSinceStart();
            say(String.format("stack UP in %.1f s", stackStartSeconds));
            say("gateway admission (set by this benchmark on the services' command line): reports in flight at once "
                    + (options.inFlightCap() == 0 ? "uncapped" : options.inFlightCap()) + "; rate limits: new reports per second "
                    + limitSetting("KAMA_RATE_LIMIT_REPORTS") + ", per partner client per second " + limitSetting("KAMA_RATE_LIMIT_PARTNER"));
            gateway = stack.gatewayUrl();
            direct = "http://127.0.0.1:" + ports.caseService();
            keycloak = stack.keycloakUrl();
            kafka = "127.0.0.1:" + ports.kafka();
            postgres = "127.0.0.1:" + ports.postgres();
            fakeLine = "http://127.0.0.1:" + ports.fakeLine();
        } else {
            gateway = options.gateway();
            direct = options.caseService();
            keycloak = options.keycloak();
            kafka = options.kafka();
            postgres = options.postgres();
            fakeLine = options.fakeLine();
            say("targeting the running stack at " + gateway + " (case-service " + direct + ", Keycloak " + keycloak + ", Kafka " + kafka
                    + ", PostgreSQL " + postgres + "); its gateway's admission settings are whatever it was started with");
        }

        TokenSource tokens = new TokenSource(keycloak, options.grant());
        tokens.current();
        say("token: " + (options.grant() == TokenSource.Grant.STAFF_PASSWORD
                ? "staff (password grant, client kama-cli, development only)" : "partner-demo (client credentials)")
                + "; renewed after 60 % of its lifespan; the same token goes to the gateway and straight to case-service");
        ReportBodies bodies = new ReportBodies(CITY_HALL_LATITUDE, CITY_HALL_LONGITUDE, options.radiusMetres(), options.spacingMetres(), options.seed());
        say(String.format("reports: %d distinct (category, point) pairs on a %.0f m lattice within %.0f m of %.3f N %.3f E",
                bodies.slotsPerPass(), options.spacingMetres(), options.radiusMetres(), CITY_HALL_LATITUDE, CITY_HALL_LONGITUDE));
        ReportSender viaGateway = new ReportSender(gateway, tokens, bodies, options.requestTimeout(), options.idempotencyKeys());
        ReportSender straight = new ReportSender(URI.create(direct + "/reports"), tokens, bodies, options.requestTimeout(), options.idempotencyKeys());
        Load gw = new Load(viaGateway, options.progressEvery(), ReportPathBenchmark::say);
        Load dl = new Load(straight, options.progressEvery(), ReportPathBenchmark::say);
        loads.add(gw);
        loads.add(dl);
        // the direct path must take the same token and body, or its figures mean nothing
        ReportSender.Result probe = straight.send();
        boolean directWorks = probe.created();
        say("case-service direct at " + straight.endpoint() + " with the same token: " + ReportSender.statusName(probe.status())
                + (directWorks ? " (accepted)" : " (NOT accepted: the direct baselines are skipped)"));

        BenchReport report = new BenchReport("Report-path benchmark (issue 13)");
        Map<String, Object> phases = new LinkedHashMap<>();
        Map<String, Object> cpuByPhase = new LinkedHashMap<>();
        Files.createDirectories(options.outDir());

        // G1: sustained closed loop through the gateway, then the same requests straight to case-service
        Measured g1 = null;
        Measured g1Direct = null;
        if (options.runs("g1") && !stopped()) {
            say(String.format("%nG1 through the gateway, closed loop: %d clients, %d s warm-up (discarded; 201/s printed per 30 s), %d s measured%s",
                    options.clients(), options.warmUp().toSeconds(), options.measured().toSeconds(), options.jfr() ? "; JFR in every service JVM while measured" : ""));
            Profiles profiles = options.jfr() ? new Profiles(serviceJvms(), options.outDir().resolve("jfr")) : null;
            if (profiles != null) {
                // attaching can take long on a busy machine: start now, count only the measured window's samples
                Map<String, String> failed = profiles.start();
                say("  JFR recording started in " + (serviceJvms().size() - failed.size()) + " of " + serviceJvms().size() + " service JVMs"
                        + (failed.isEmpty() ? "" : "; failed: " + failed) + " (samples counted from the end of the warm-up)");
            }
            Instant[] measuredFrom = {Instant.now()};
            g1 = closedLoop(gw, "G1 gateway", options.warmUp(), options.measured(), () -> measuredFrom[0] = Instant.now());
            Instant measuredTo = Instant.now();
            Map<String, Object> a = httpPhase(g1.phase(), g1.before(), g1.after());
            a.put("clients", options.clients());
            a.put("warmUp", warmUpJson(g1.phase(), report));
            a.put("cpuMsPerAccepted201", g1.cpuMsPerAccepted());
            Timeline t = Timeline.of(g1.phase());
            a.put("timeline", t.json());
            Charts.write(t, "G1: closed loop through the gateway, " + options.clients() + " clients", options.outDir().resolve("g1.png"));
            phases.put("g1Gateway", a);
            cpuByPhase.put("G1 gateway", g1);
            if (profiles != null) {
                Map<String, Path> files = profiles.stop();
                Map<String, Object> hot = new LinkedHashMap<>();
                report.section("Profiles (JFR, measured G1 phase): top 10 methods by execution samples",
                        "Each service JVM recorded with `jcmd <pid> JFR.start settings=profile` (started before the warm-up); counted: the"
                                + " `jdk.ExecutionSample` events of the measured window, by the method on top of the sampled stack. Files: `jfr/*.jfr`"
                                + " (whole recording).", "");
                for (Map.Entry<String, Path> f : files.entrySet()) {
                    List<Profiles.Hot> top = Profiles.topMethods(f.getValue(), 10, measuredFrom[0], measuredTo);
                    hot.put(f.getKey(), top.stream().map(h -> Map.of("method", h.method(), "samples", h.samples(), "percent", h.percent())).toList());
                    report.section("Profiles (JFR, measured G1 phase): top 10 methods by execution samples",
                            "**" + f.getKey() + "**", "", "| method | samples | % |", "|---|---|---|");
                    if (top.isEmpty()) {
                        report.section("Profiles (JFR, measured G1 phase): top 10 methods by execution samples",
                                "| (no execution samples in the measured window) | 0 | |");
                    }
                    for (Profiles.Hot h : top) {
                        report.section("Profiles (JFR, measured G1 phase): top 10 methods by execution samples",
                                "| `" + BenchReport.cell(h.method()) + "` | " + h.samples() + " | " + h.percent() + " |");
                    }
                    report.section("Profiles (JFR, measured G1 phase): top 10 methods by execution samples", "");
                    say("  JFR " + f.getKey() + ": " + top.stream().limit(3).map(h -> h.method() + " " + h.percent() + " %").toList());
                }
                phases.put("g1Profiles", hot);
            }
            if (directWorks && !stopped()) {
                say(String.format("%nG1 straight to case-service (%s), closed loop: %d clients, %d s warm-up, %d s measured",
                        straight.endpoint(), options.clients(), options.directWarmUp().toSeconds(), options.directMeasured().toSeconds()));
                g1Direct = closedLoop(dl, "G1 direct", options.directWarmUp(), options.directMeasured(), () -> { });
                Map<String, Object> d = httpPhase(g1Direct.phase(), g1Direct.before(), g1Direct.after());
                d.put("cpuMsPerAccepted201", g1Direct.cpuMsPerAccepted());
                phases.put("g1Direct", d);
                cpuByPhase.put("G1 direct", g1Direct);
            }
            Load.Phase p = g1.phase();
            long errors = p.samples().size() - p.created();
            double directRate = g1Direct == null ? Double.NaN : g1Direct.phase().createdPerSecond();
            Latencies l = p.createdLatency();
            report.row(new BenchReport.Row("G1", ">= 500 reports/s through the gateway, p99 <= 250 ms, 0 errors",
                    String.format("%s/s, p50 %s / p90 %s / p99 %s / p99.9 %s / max %s ms, %d errors %s", BenchReport.fmt(p.createdPerSecond()),
                            BenchReport.fmt(l.p50Ms()), BenchReport.fmt(l.p90Ms()), BenchReport.fmt(l.p99Ms()), BenchReport.fmt(l.p999Ms()),
                            BenchReport.fmt(l.maxMs()), errors, p.statuses()),
                    "direct to case-service " + BenchReport.fmt(directRate) + "/s", BenchReport.ratio(p.createdPerSecond(), directRate),
                    BenchReport.Verdict.of(p.createdPerSecond() >= 500 && l.p99Ms() <= 250 && errors == 0)));
            report.row(new BenchReport.Row("G1 ratio", "gateway >= 0.3 x the same requests straight to case-service",
                    BenchReport.fmt(p.createdPerSecond()) + "/s", BenchReport.fmt(directRate) + "/s",
                    BenchReport.ratio(p.createdPerSecond(), directRate),
                    Double.isNaN(directRate) ? BenchReport.Verdict.NOT_MEASURED : BenchReport.Verdict.of(p.createdPerSecond() >= 0.3 * directRate)));
        } else {
            report.row(BenchReport.notMeasured("G1", ">= 500 reports/s through the gateway, p99 <= 250 ms, 0 errors; >= 0.3 x direct", "phase g1 not run"));
        }

        // G5: the gateway's added latency at a fixed open-loop rate
        if (options.runs("g5") && !stopped()) {
            say(String.format("%nG5: open loop at %.0f reports/s for %d s through the gateway, then %d s straight to case-service (latency from each due time)",
                    options.openRate(), options.openDuration().toSeconds(), options.openDuration().toSeconds()));
            Measured viaGw = openLoop(gw, "G5 gateway", options.openRate(), options.openDuration(), options.maxInFlight(), s -> { });
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("gateway", httpPhase(viaGw.phase(), viaGw.before(), viaGw.after()));
            cpuByPhase.put("G5 gateway", viaGw);
            Measured viaDirect = null;
            if (directWorks && !stopped()) {
                viaDirect = openLoop(dl, "G5 direct", options.openRate(), options.openDuration(), options.maxInFlight(), s -> { });
                m.put("direct", httpPhase(viaDirect.phase(), viaDirect.before(), viaDirect.after()));
                cpuByPhase.put("G5 direct", viaDirect);
            }
            m.put("rate", options.openRate());
            double gwP50 = viaGw.phase().createdLatency().p50Ms();
            double dP50 = viaDirect == null ? Double.NaN : viaDirect.phase().createdLatency().p50Ms();
            double added = gwP50 - dP50;
            m.put("addedP50Ms", Double.isNaN(added) ? null : Latencies.round(added));
            phases.put("g5", m);
            say(String.format("[G5] p50 from due time: gateway %s ms, direct %s ms: the gateway adds %s ms at p50",
                    BenchReport.fmt(gwP50), BenchReport.fmt(dP50), BenchReport.fmt(added)));
            // the comparison holds only where both paths took the offered rate: a stack that falls
            // behind answers late or not at all on both, and the difference of two overloads means nothing
            boolean gwKeptUp = keptUp(viaGw.phase(), options.openRate());
            boolean directKeptUp = viaDirect != null && keptUp(viaDirect.phase(), options.openRate());
            m.put("gatewayKeptUp", gwKeptUp);
            m.put("directKeptUp", directKeptUp);
            if (!gwKeptUp || !directKeptUp) {
                say("[G5] " + (gwKeptUp ? "" : "the gateway path ") + (!gwKeptUp && !directKeptUp ? "and " : "") + (directKeptUp ? "" : "the direct path ")
                        + "did not take " + BenchReport.fmt(options.openRate()) + "/s (every report answered 201, at least 95 % of the rate):"
                        + " the p50 difference is not the gateway's cost, and G5 counts as missed");
            }
            report.row(new BenchReport.Row("G5", "<= 3 ms added by the gateway at p50, at " + BenchReport.fmt(options.openRate()) + "/s",
                    String.format("p50 %s ms via the gateway (%s/s accepted, %s)%s", BenchReport.fmt(gwP50), BenchReport.fmt(viaGw.phase().createdPerSecond()),
                            viaGw.phase().statuses(), gwKeptUp && directKeptUp ? "" : "; a path did not keep up with the rate, so the difference is not the gateway's cost"),
                    viaDirect == null ? "n/a" : String.format("p50 %s ms direct (%s/s accepted, %s)", BenchReport.fmt(dP50),
                            BenchReport.fmt(viaDirect.phase().createdPerSecond()), viaDirect.phase().statuses()),
                    "added " + BenchReport.fmt(added) + " ms",
                    Double.isNaN(added) ? BenchReport.Verdict.NOT_MEASURED : BenchReport.Verdict.of(added <= 3 && gwKeptUp && directKeptUp)));
        } else {
            report.row(BenchReport.notMeasured("G5", "<= 3 ms added by the gateway at p50 at 500/s", "phase g5 not run"));
        }

        // G1b: a burst past the admission control
        if (options.runs("g1b") && !stopped()) {
            phases.put("g1b", burst(gw, straight, tokens, direct, kafka, report, cpuByPhase));
        } else {
            report.row(BenchReport.notMeasured("G1b", "burst of 2,000/s for 30 s: none lost, excess 429 with Retry-After within 50 ms, no 5xx/time-out", "phase g1b not run"));
        }

        // G2: commit -> consumed, and Kafka's own end-to-end latency at the same rate and size
        int eventBytes = 700;
        if (options.runs("g2") && !stopped()) {
            say(String.format("%nG2, commit -> consumed: %.0f reports/s for %d s; own Kafka consumer on %s from its end",
                    options.eventRate(), options.eventDuration().toSeconds(), kafka));
            Map<String, Object> b = eventPhase(gw, kafka, cpuByPhase);
            eventBytes = (int) b.get("averageEventBytes") > 0 ? (int) b.get("averageEventBytes") : eventBytes;
            say(String.format("%nG2 baseline, Kafka's own end-to-end: raw producer -> raw consumer, %.0f records/s of %d bytes for %d s",
                    options.eventRate(), eventBytes, options.eventDuration().toSeconds()));
            Map<String, Object> raw = Baselines.kafkaEndToEnd(kafka, options.eventRate(), eventBytes, options.eventDuration());
            say("[G2 baseline] " + raw);
            b.put("kafkaEndToEnd", raw);
            phases.put("g2", b);
            Object hubP99 = ((Map<?, ?>) b.get("latencyFrom201ReceivedMs")).get("p99Ms");
            Object rawP99 = ((Map<?, ?>) raw.get("latencyFromDueMs")).get("p99Ms");
            double hub = hubP99 instanceof Number n ? n.doubleValue() : Double.NaN;
            double base = rawP99 instanceof Number n ? n.doubleValue() : Double.NaN;
            int missing = (int) b.get("missing");
            report.row(new BenchReport.Row("G2", "commit -> consumed p99 <= 50 ms at " + BenchReport.fmt(options.eventRate()) + " reports/s, none missing",
                    "p99 " + BenchReport.fmt(hub) + " ms (lower bound: consumed - 201 received), " + missing + " missing of " + b.get("accepted201"),
                    "Kafka alone p99 " + BenchReport.fmt(base) + " ms (" + eventBytes + "-byte records)", BenchReport.ratio(hub, base),
                    BenchReport.Verdict.of(hub <= 50 && missing == 0)));
        } else {
            report.row(BenchReport.notMeasured("G2", "commit -> consumed p99 <= 50 ms at 100/s, none missing", "phase g2 not run"));
        }

        // G9: shelter changes through the gateway, timed until visible in every public output
        if (options.runs("g9") && !stopped()) {
            say(String.format("%nG9, freshness: %.0f shelter changes/s for %d s (after a 10-s warm-up) through the gateway;"
                    + " CSV, GeoJSON and CAP polled every 100 ms, LINE from the fake LINE API's arrival times",
                    options.freshnessRate(), options.freshnessDuration().toSeconds()));
            // shelters are changed by staff: a partner token may not, so G9 has a staff token of its own
            TokenSource staff = options.grant() == TokenSource.Grant.STAFF_PASSWORD ? tokens : new TokenSource(keycloak, TokenSource.Grant.STAFF_PASSWORD);
            Machine.CpuSnapshot cpu0 = cpuSnapshot();
            FreshnessPhase.Result fr = FreshnessPhase.run(new FreshnessPhase.Endpoints(gateway, fakeLine, kafka), staff,
                    options.freshnessDuration(), options.freshnessRate(), System.out);
            Map<String, Object> g9 = new LinkedHashMap<>(fr.json());
            Machine.CpuSnapshot cpu1 = cpuSnapshot();
            g9.put("cpu", cpu1.since(cpu0));
            phases.put("g9", g9);
            report.section("G9 freshness", fr.outputs().values().stream().map(o -> "- `" + o.line() + "`").toArray(String[]::new));
            report.section("G9 freshness", "", "CPU share during G9, % of the machine: " + shares(cpu1.since(cpu0)));
            StringBuilder worst = new StringBuilder();
            double worstP99 = 0;
            int missing = 0;
            for (FreshnessPhase.Output o : fr.outputs().values()) {
                missing += o.missing();
                if (o.latency().count() > 0 && o.latency().p99Ms() >= worstP99) {
                    worstP99 = o.latency().p99Ms();
                }
                worst.append(worst.isEmpty() ? "" : "; ").append(o.name()).append(" p99 ")
                        .append(o.latency().count() == 0 ? "n/a" : BenchReport.fmt(o.latency().p99Ms()) + " ms")
                        .append(o.missing() > 0 ? " (" + o.missing() + " missing)" : "");
            }
            report.row(new BenchReport.Row("G9", "shelter change visible in CSV, GeoJSON, CAP, LINE <= 2 s p99 at "
                    + BenchReport.fmt(options.freshnessRate()) + " changes/s",
                    worst + "; " + fr.accepted() + " changes at " + BenchReport.fmt(fr.acceptedPerSecond()) + "/s",
                    fr.notOnKafka() == null ? "" : "accepted -> event on Kafka p99 " + BenchReport.fmt(fr.acceptedToKafka().p99Ms()) + " ms",
                    "", BenchReport.Verdict.of(fr.g9Met())));
        } else {
            report.row(BenchReport.notMeasured("G9", "shelter change visible in CSV, GeoJSON, CAP, LINE <= 2 s p99 at 20 changes/s",
                    "phase g9 not run (or ./kama bench freshness alone)"));
        }

        // Baselines: the components alone, on the same servers, now
        Map<String, Object> baselines = new LinkedHashMap<>();
        if (options.runs("baselines") && !stopped()) {
            say(String.format("%nBaselines: PostgreSQL report + outbox insert (%d connections, %d s), raw Kafka producer (%d s, %d-byte records), Nimbus RS256 verify",
                    options.pgConnections(), options.baselineDuration().toSeconds(), options.baselineDuration().toSeconds(), eventBytes));
            String[] pg = postgres.split(":");
            Map<String, Object> pgFigures = Baselines.postgres(pg[0], Integer.parseInt(pg[1]), "postgres", options.pgConnections(), options.baselineDuration());
            say("[baseline] PostgreSQL: " + pgFigures);
            baselines.put("postgresReportPlusOutbox", pgFigures);
            Map<String, Object> kp = Baselines.kafkaProducer(kafka, eventBytes, options.baselineDuration());
            say("[baseline] Kafka producer: " + kp);
            baselines.put("kafkaProducer", kp);
            int verifySeconds = (int) Math.max(2, options.baselineDuration().toSeconds() / 2);
            Map<String, Object> nv = Baselines.nimbusVerify(1000, verifySeconds, verifySeconds);
            say("[baseline] Nimbus verify: " + nv);
            baselines.put("nimbusVerify", nv);
            report.row(new BenchReport.Row("base PG", "(baseline) report + outbox rows per transaction",
                    pgFigures.get("transactionsPerSecond") + " TPS", "", "", BenchReport.Verdict.INFO));
            report.row(new BenchReport.Row("base Kafka", "(baseline) raw producer, acks=all",
                    kp.get("eventsPerSecond") + " events/s", "", "", BenchReport.Verdict.INFO));
            double g4 = ((Number) nv.get("servicesDecoderCpuMicrosEach")).doubleValue();
            double nimbusEach = ((Number) nv.get("cpuMicrosEach")).doubleValue();
            report.row(new BenchReport.Row("G4", "token validation <= 0.1 ms CPU per request (in-process, the services' decoder)",
                    BenchReport.fmt(g4) + " µs CPU", "Nimbus RS256 verify, uncached: " + BenchReport.fmt(nimbusEach) + " µs CPU",
                    BenchReport.ratio(g4, nimbusEach), g4 <= 100 ? BenchReport.Verdict.MET : BenchReport.Verdict.MISSED));
            // G7: the outbox publish path against a raw producer, on the stack's own PostgreSQL
            // (a scratch database) and Kafka (topics of their own)
            say(String.format("%n[G7] outbox relay vs raw Kafka producer, %,d events each after a warm-up pass of as many", options.outboxEvents()));
            try (com.zaxxer.hikari.HikariDataSource ds = outboxScratch(pg[0], Integer.parseInt(pg[1]))) {
                Map<String, Object> g7 = OutboxPublishBenchmark.measure(ds, kafka, options.outboxEvents(), options.outboxEvents(), 200);
                baselines.put("g7OutboxPublish", g7);
                double ratio = ((Number) g7.get("ratio")).doubleValue();
                report.row(new BenchReport.Row("G7", "outbox publish path >= 25 % of a raw Kafka producer's events/s",
                        g7.get("outboxEventsPerSecond") + " events/s (relay batch 200)",
                        "raw producer " + g7.get("rawProducerEventsPerSecond") + " events/s",
                        BenchReport.fmt(100 * ratio) + " %", ratio >= 0.25 ? BenchReport.Verdict.MET : BenchReport.Verdict.MISSED));
            }
            if (g1 != null && g1.phase().createdPerSecond() > 0) {
                double tps = ((Number) pgFigures.get("transactionsPerSecond")).doubleValue();
                report.section("Baselines", String.format("G1 through the gateway reached %s of the raw PostgreSQL report + outbox TPS (%s/s of %s TPS).",
                        BenchReport.ratio(g1.phase().createdPerSecond(), tps), BenchReport.fmt(g1.phase().createdPerSecond()), BenchReport.fmt(tps)));
            }
        }
        phases.put("baselines", baselines);

        // G7 (OutboxPublishBenchmark) and G9 (FreshnessPhase) are measured by their own classes;
        // when one is run in this benchmark its result goes here (extraRows), else the row says so
        extraRows(report, phases, kafka, gateway, baselines);

        // CPU per phase, machine after the stack stopped
        report.section("CPU share of every process, per measured phase",
                "Share of the whole machine (100 % = both cores busy) from `/proc/<pid>/stat` of the stack's processes"
                        + " (PostgreSQL with its backends); ms of CPU per accepted report where the phase accepted any.", "",
                "| phase | machine busy | share of the machine, % | ms of CPU per 201 |", "|---|---|---|---|");
        Map<String, Object> cpuJson = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : cpuByPhase.entrySet()) {
            Measured m = (Measured) e.getValue();
            Map<String, Object> cpu = m.cpu();
            cpuJson.put(e.getKey(), Map.of("cpu", cpu, "cpuMsPerAccepted201", m.cpuMsPerAccepted()));
            report.section("CPU share of every process, per measured phase",
                    "| " + e.getKey() + " | " + cpu.get("machineBusyPercent") + " % | " + BenchReport.cell(shares(cpu))
                            + " | " + BenchReport.cell(perReport(m.cpuMsPerAccepted())) + " |");
        }
        if (options.startsStack()) {
            Stack s = stack;
            if (s != null) {
                say("\nstopping the stack…");
                s.close();
                stack = null;
            }
        }
        Map<String, Object> idleAfter = Machine.idleSample(Duration.ofSeconds(5));
        machine.put("after", idleAfter);
        say("machine after the stack stopped: load average " + idleAfter.get("loadAverage") + ", CPU idle " + idleAfter.get("cpuIdlePercent") + " % over 5 s");

        report.context("started", startedAt.toString());
        report.context("finished", Instant.now().toString());
        report.context("commit", commit());
        report.context("command", "`" + command() + "`");
        report.context("machine", machine.get("cores") + " cores, " + machine.get("cpuModel") + ", " + machine.get("memTotal") + ", " + machine.get("jdk") + ", " + machine.get("os"));
        report.context("machine before the stack", "load average " + idleBefore.get("loadAverage") + ", CPU idle " + idleBefore.get("cpuIdlePercent") + " %");
        report.context("machine after the stack", "load average " + idleAfter.get("loadAverage") + ", CPU idle " + idleAfter.get("cpuIdlePercent") + " %");
        report.context("stack", options.startsStack() ? String.format("started by the benchmark, UP in %.1f s; services: %s", stackStartSeconds, machine.get("serviceJavaOptions"))
                : "already running at " + gateway);
        report.context("gateway admission", options.startsStack() ? "reports in flight capped at " + (options.inFlightCap() == 0 ? "none" : options.inFlightCap())
                + "; rate limits: reports " + limitSetting("KAMA_RATE_LIMIT_REPORTS") + ", partner " + limitSetting("KAMA_RATE_LIMIT_PARTNER") : "as the running stack was started");
        report.context("charts", "g1.png, g1b.png (201/s and p99 per second)");

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "report-path");
        result.put("startedAt", startedAt.toString());
        result.put("finishedAt", Instant.now().toString());
        result.put("machine", machine);
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("startedByBenchmark", options.startsStack());
        target.put("gateway", gateway);
        target.put("caseServiceDirect", direct);
        target.put("keycloak", keycloak);
        target.put("kafka", kafka);
        target.put("postgres", postgres);
        if (options.startsStack()) {
            target.put("stackStartSeconds", Latencies.round(stackStartSeconds));
        }
        target.put("tokensFetched", tokens.fetched());
        target.put("latticePasses", bodies.passes());
        result.put("stack", target);
        result.put("options", options.json());
        result.put("phases", phases);
        result.put("cpuByPhase", cpuJson);
        report.write(options.outDir(), result);
        say("\nSummary (issue 13 targets; two shared cores: see the CPU shares and the machine's load)");
        for (BenchReport.Row r : report.rows()) {
            say(String.format("  %-10s %-9s %s | baseline %s | ratio %s", r.id(), r.verdict().name(), r.measured(), r.baseline(), r.ratio()));
        }
        say("\nreport written to " + options.outDir().resolve("report.md") + " (with report.json and the charts)");
    }

    /**
     * Where other phases' results join this report: G7 (the outbox publish path against a raw
     * producer, {@code OutboxPublishBenchmark}) and G9 (freshness of the public feeds,
     * {@code FreshnessPhase}) are written as classes of their own. To run one here, call it in
     * this method and turn its result into a {@link BenchReport.Row} (and a JSON entry in
     * {@code phases}); until then each row says it was not measured in this run.
     */
    private void extraRows(BenchReport report, Map<String, Object> phases, String kafka, String gateway, Map<String, Object> baselines) {
        if (!options.runs("baselines")) {
            report.row(BenchReport.notMeasured("G7", "outbox publish path >= 25 % of a raw Kafka producer's events/s",
                    "not in this run (phase baselines; or ./kama bench outbox alone)"));
            report.row(BenchReport.notMeasured("G4", "token validation <= 0.1 ms CPU per request",
                    "not in this run (phase baselines; or ./kama bench tokens alone)"));
        }
        report.row(BenchReport.notMeasured("G8", "stack up <= 90 s fresh, <= 30 s restart, <= 4 GiB", "measured by the launcher (./kama run), not here"));
    }

    /** A fresh scratch database {@code kama_bench_outbox} on the stack's PostgreSQL, for G7. */
    private static com.zaxxer.hikari.HikariDataSource outboxScratch(String host, int port) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", "postgres", "");
             java.sql.Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS kama_bench_outbox");
            st.execute("CREATE DATABASE kama_bench_outbox");
        }
        com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource();
        ds.setJdbcUrl("jdbc:postgresql://" + host + ":" + port + "/kama_bench_outbox");
        ds.setUsername("postgres");
        ds.setMaximumPoolSize(4);
        return ds;
    }

    /** "gateway 8.0, case-service 5.1, …" largest first, from a {@link Machine.CpuSnapshot#since} map. */
    static String shares(Map<String, Object> cpu) {
        if (!(cpu.get("sharePercentOfMachine") instanceof Map<?, ?> share)) {
            return "n/a";
        }
        return share.entrySet().stream()
                .sorted((a, b) -> Double.compare(((Number) b.getValue()).doubleValue(), ((Number) a.getValue()).doubleValue()))
                .map(e -> e.getKey() + " " + BenchReport.fmt(((Number) e.getValue()).doubleValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** "stack 7.4 (case-service 1.9, …)" from {@link Measured#cpuMsPerAccepted()}, or "no 201". */
    static String perReport(Map<String, Object> ms) {
        if (ms.isEmpty()) {
            return "no 201";
        }
        Object total = ms.get("stack total (without the benchmark JVM)");
        return "stack " + total + " (" + ms.entrySet().stream().filter(e -> !e.getKey().startsWith("stack total"))
                .sorted((a, b) -> Double.compare(((Number) b.getValue()).doubleValue(), ((Number) a.getValue()).doubleValue()))
                .map(e -> e.getKey().replace(" (load generator, launcher, fake LINE)", "") + " " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ")) + ")";
    }

    /**
     * Whether an open loop kept up: every report due was sent and answered 201, and the 201s came
     * at 95 % of the rate or more (the window stretches to the last answer, so a stack that
     * lags behind lowers this figure).
     */
    static boolean keptUp(Load.Phase phase, double rate) {
        return phase.unsent() == 0 && !phase.samples().isEmpty() && phase.created() == phase.samples().size()
                && phase.createdPerSecond() >= 0.95 * rate;
    }

    /** A closed loop with a CPU snapshot taken when its warm-up ends; {@code atMeasureStart} runs then too. */
    private Measured closedLoop(Load load, String name, Duration warmUp, Duration measured, Runnable atMeasureStart) throws InterruptedException {
        java.util.concurrent.CompletableFuture<Machine.CpuSnapshot> before = new java.util.concurrent.CompletableFuture<>();
        Thread atStart = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(warmUp);
                before.complete(cpuSnapshot());
                atMeasureStart.run();
            } catch (InterruptedException e) {
                before.complete(cpuSnapshot());
            }
        });
        Load.Phase phase = load.closedLoop(name, options.clients(), warmUp, measured);
        Machine.CpuSnapshot after = cpuSnapshot();
        atStart.interrupt();
        atStart.join();
        return new Measured(phase, before.join(), after);
    }

    private Measured openLoop(Load load, String name, double rate, Duration duration, int maxInFlight, java.util.function.Consumer<Load.Sample> onAnswer)
            throws InterruptedException {
        Machine.CpuSnapshot before = cpuSnapshot();
        Load.Phase phase = load.openLoop(name, rate, duration, maxInFlight, onAnswer);
        return new Measured(phase, before, cpuSnapshot());
    }

    /** The warm-up's 201s per second in windows of 30 s, and whether the last two agree within 10 %. */
    private Map<String, Object> warmUpJson(Load.Phase phase, BenchReport report) {
        long[] bySecond = phase.warmUpCreatedBySecond();
        int window = (int) Math.min(30, Math.max(1, bySecond.length / 2));
        List<Double> rates = Timeline.windowRates(bySecond, window);
        boolean steady = Timeline.steady(rates, 0.10);
        String line = String.format("warm-up %d s through the gateway, 201/s per %d s: %s; %s", bySecond.length, window,
                rates.stream().map(BenchReport::fmt).toList(),
                steady ? "steady (last two windows within 10 %)" : "NOT steady (last two windows differ by more than 10 %, or too short a warm-up): measured figures may still be climbing");
        say("[G1 gateway] " + line);
        report.section("G1 warm-up", line);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", bySecond.length);
        m.put("windowSeconds", window);
        m.put("created201PerSecondByWindow", rates.stream().map(Latencies::round).toList());
        m.put("steady", steady);
        return m;
    }

    /** G1b: a burst at {@code --burst-rate} through the gateway; every 201's report must later be found. */
    private Map<String, Object> burst(Load gw, ReportSender straight, TokenSource tokens, String direct, String kafka,
                                      BenchReport report, Map<String, Object> cpuByPhase) throws Exception {
        say(String.format("%nG1b burst: %.0f reports/s due for %d s through the gateway (generator: at most %d in flight); every 201 checked on %s",
                options.burstRate(), options.burstDuration().toSeconds(), options.burstMaxInFlight(), kafka));
        Map<UUID, Load.Sample> accepted = new ConcurrentHashMap<>();
        Map<String, Object> m = new LinkedHashMap<>();
        try (EventWatcher watcher = new EventWatcher(kafka)) {
            Measured b = openLoop(gw, "G1b burst", options.burstRate(), options.burstDuration(), options.burstMaxInFlight(), s -> {
                if (s.result().created() && s.result().reportId() != null) {
                    accepted.put(s.result().reportId(), s);
                }
            });
            cpuByPhase.put("G1b burst", b);
            m.put("http", httpPhase(b.phase(), b.before(), b.after()));
            long deadline = System.nanoTime() + options.eventWait().toNanos();
            while (System.nanoTime() < deadline && accepted.keySet().stream().anyMatch(id -> watcher.seen(id) == null)) {
                Thread.sleep(100);
            }
            List<Load.Sample> noEvent = accepted.entrySet().stream().filter(e -> watcher.seen(e.getKey()) == null).map(Map.Entry::getValue).toList();
            // an event not seen is not yet a lost report: read the case straight from case-service
            long lost = 0;
            HttpClient http = HttpClient.newHttpClient();
            for (Load.Sample s : noEvent) {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(direct + "/cases/" + s.result().caseId()))
                        .header("Authorization", "Bearer " + tokens.current()).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) {
                    lost++;
                }
            }
            List<Load.Sample> samples = b.phase().samples();
            List<Load.Sample> refused = samples.stream().filter(s -> s.result().status() == 429).toList();
            long withRetryAfter = refused.stream().filter(s -> s.result().retryAfter()).count();
            long fiveXx = samples.stream().filter(s -> s.result().status() >= 500).count();
            long timeouts = samples.stream().filter(s -> s.result().status() == ReportSender.TIMEOUT).count();
            long ioErrors = samples.stream().filter(s -> s.result().status() == ReportSender.IO_ERROR).count();
            Latencies refusedService = Latencies.ofNanos(refused.stream().mapToLong(Load.Sample::serviceNanos).toArray());
            Latencies refusedFromDue = Latencies.ofNanos(refused.stream().mapToLong(Load.Sample::latencyNanos).toArray());
            say(String.format("[G1b burst] %d x 201, %d x 429 (%d with Retry-After), %d x 5xx, %d time-outs, %d io errors, not sent %d",
                    accepted.size(), refused.size(), withRetryAfter, fiveXx, timeouts, ioErrors, b.phase().unsent()));
            say("[G1b burst] 429 answer time (send -> answer): " + refusedService.line());
            say("[G1b burst] 429 from due time:                " + refusedFromDue.line());
            say(String.format("[G1b burst] accepted reports without their event on Kafka after %d s: %d; of those not readable from case-service: %d (lost)",
                    options.eventWait().toSeconds(), noEvent.size(), lost));
            Timeline t = Timeline.of(b.phase());
            Charts.write(t, String.format("G1b: burst of %.0f reports/s through the gateway", options.burstRate()), options.outDir().resolve("g1b.png"));
            m.put("rate", options.burstRate());
            m.put("accepted201", accepted.size());
            m.put("refused429", refused.size());
            m.put("refused429WithRetryAfter", withRetryAfter);
            m.put("answers5xx", fiveXx);
            m.put("timeouts", timeouts);
            m.put("ioErrors", ioErrors);
            m.put("unsent", b.phase().unsent());
            m.put("latency429ServiceMs", refusedService.json());
            m.put("latency429FromDueMs", refusedFromDue.json());
            m.put("acceptedWithoutEvent", noEvent.size());
            m.put("lost", lost);
            m.put("timeline", t.json());
            boolean met = lost == 0 && fiveXx == 0 && timeouts == 0 && withRetryAfter == refused.size()
                    && (refused.isEmpty() || refusedService.p99Ms() <= 50);
            report.row(new BenchReport.Row("G1b", "burst " + BenchReport.fmt(options.burstRate()) + "/s for " + options.burstDuration().toSeconds()
                    + " s: none lost; excess 429 + Retry-After within 50 ms; no 5xx, no time-out",
                    String.format("%d x 201 (%d lost), %d x 429 (%d with Retry-After; answer p50 %s / p99 %s / max %s ms), %d x 5xx, %d time-outs, %d io errors, %d not sent (generator at its in-flight cap)",
                            accepted.size(), lost, refused.size(), withRetryAfter, BenchReport.fmt(refusedService.p50Ms()), BenchReport.fmt(refusedService.p99Ms()),
                            BenchReport.fmt(refusedService.maxMs()), fiveXx, timeouts, ioErrors, b.phase().unsent()),
                    "", "", BenchReport.Verdict.of(met)));
        }
        return m;
    }

    /** The services' JVMs of the stack under test: component → pid. */
    private Map<String, Long> serviceJvms() {
        Map<String, Long> m = new java.util.TreeMap<>();
        Machine.stackProcesses(options.startsStack() ? dataDir : null).forEach((pid, name) -> {
            if (name.equals("gateway") || name.endsWith("-service")) {
                m.put(name, pid);
            }
        });
        return m;
    }

    /**
     * What the gateway of a stack started here gets on its command line: the in-flight cap of
     * {@code --in-flight-cap}, and the rate limits off unless this environment sets them
     * (system properties win over the variables the gateway's application.yml reads).
     */
    private String admissionProperties() {
        StringBuilder s = new StringBuilder(" -Dkama.gateway.rate-limits.reports-in-flight=" + options.inFlightCap());
        if (blank(System.getenv("KAMA_RATE_LIMIT_REPORTS"))) {
            s.append(" -Dkama.gateway.rate-limits.admission.limit=0");
        }
        if (blank(System.getenv("KAMA_RATE_LIMIT_PARTNER"))) {
            s.append(" -Dkama.gateway.rate-limits.partner.limit=0");
        }
        return s.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private boolean stopped() {
        return cleanedUp.get() || loads.stream().anyMatch(Load::stopped);
    }

    /** {@code git rev-parse HEAD} of the root, with a note when the work tree has changes. */
    private String commit() {
        String head = git("rev-parse", "HEAD");
        String dirty = git("status", "--porcelain", "--untracked-files=no");
        return head.isEmpty() ? "unknown (not a git checkout)" : head + (dirty.isEmpty() ? "" : " (with uncommitted changes)");
    }

    private String git(String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", options.root().toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The command as typed ({@code ./kama bench reports} passes it), else this JVM's. */
    private String command() {
        String typed = System.getProperty("kama.bench.command");
        if (!blank(typed)) {
            return typed;
        }
        return "java -Dkama.root=" + options.root() + " -cp 'benchmarks/target/benchmarks-*.jar:benchmarks/target/lib/*' "
                + ReportPathBenchmark.class.getName() + (args.length == 0 ? "" : " " + String.join(" ", args));
    }

    private Machine.CpuSnapshot cpuSnapshot() {
        return options.startsStack() ? Machine.CpuSnapshot.take(dataDir) : Machine.CpuSnapshot.take();
    }

    /** Starts a stack in a fresh temp dir (deleting the previous attempt's) and returns its ports. */
    private Ports startStack(String javaOptions) throws IOException {
        Path previous = dataDir;
        if (previous != null && !options.keepData()) {
            deleteTree(previous);
        }
        dataDir = Files.createTempDirectory("kama-bench-");
        Ports ports = LoopbackPorts.pick(new java.util.Random());
        say("starting the stack on free 127.0.0.1 ports below the ephemeral range, data in " + dataDir + " (services: " + javaOptions + ")");
        Stack s = Stack.create(new Stack.Config(options.root(), dataDir, ports, javaOptions, ReportPathBenchmark::say));
        stack = s;
        if (cleanedUp.get()) {
            throw new IllegalStateException("stopped");
        }
        s.start();
        return ports;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** Prints and returns the figures of an HTTP phase. */
    private Map<String, Object> httpPhase(Load.Phase phase, Machine.CpuSnapshot before, Machine.CpuSnapshot after) {
        Latencies created = phase.createdLatency();
        Latencies service = phase.createdServiceTime();
        Latencies other = phase.otherLatency();
        say(String.format("[%s] %.1f s window: %d reports accepted (201) = %.1f reports/s; %d of them joined a case opened earlier (merge)",
                phase.name(), phase.windowSeconds(), phase.created(), phase.createdPerSecond(), phase.mergedIntoEarlierCase()));
        say("[" + phase.name() + "] answers by status: " + phase.statuses() + (phase.unsent() > 0 ? "; not sent (generator gave up): " + phase.unsent() : ""));
        long rateLimited = rateLimited(phase);
        if (rateLimited > 0) {
            say("[" + phase.name() + "] " + rateLimited + " answers were 429: the gateway's admission control (reports in flight,"
                    + " --in-flight-cap) or a rate limit (KAMA_RATE_LIMIT_REPORTS, KAMA_RATE_LIMIT_PARTNER) refused them"
                    + (phase.name().startsWith("G1b") ? " (what G1b measures)" : "; outside G1b: the stack fell behind the load (docs/benchmarks.md)"));
        }
        say("[" + phase.name() + "] 201 latency:      " + created.line());
        if (service.count() > 0 && service.p99Ms() != created.p99Ms()) {
            say("[" + phase.name() + "] 201 service time: " + service.line() + "  (from the actual send, not the due time)");
        }
        if (other.count() > 0) {
            say("[" + phase.name() + "] non-201 latency:  " + other.line());
        }
        say("[" + phase.name() + "] " + after.line(before) + "; load average now " + Machine.loadAverage());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windowSeconds", Latencies.round(phase.windowSeconds()));
        m.put("accepted201", phase.created());
        m.put("accepted201PerSecond", Latencies.round(phase.createdPerSecond()));
        m.put("mergedIntoEarlierCase", phase.mergedIntoEarlierCase());
        m.put("statuses", phase.statuses());
        m.put("rateLimited429", rateLimited);
        m.put("unsent", phase.unsent());
        m.put("latency201Ms", created.json());
        m.put("serviceTime201Ms", service.json());
        m.put("latencyNon201Ms", other.json());
        m.put("cpu", after.since(before));
        m.put("loadAverageAfter", Machine.loadAverage());
        return m;
    }

    /** A rate limit of a stack started here: off unless this environment sets the variable (then its figure). */
    private static String limitSetting(String variable) {
        String value = System.getenv(variable);
        return blank(value) || value.startsWith("0") || value.startsWith("-") ? "off" : value + " (" + variable + ")";
    }

    /** Answers the gateway's rate limits refused (429). */
    private static long rateLimited(Load.Phase phase) {
        return phase.statuses().getOrDefault("429", 0L);
    }

    private Map<String, Object> eventPhase(Load load, String kafka, Map<String, Object> cpuByPhase) throws Exception {
        Map<UUID, Load.Sample> accepted = new ConcurrentHashMap<>();
        Machine.CpuSnapshot before;
        Load.Phase phase;
        Machine.CpuSnapshot after;
        Map<String, Object> m = new LinkedHashMap<>();
        try (EventWatcher watcher = new EventWatcher(kafka)) {
            before = cpuSnapshot();
            phase = load.openLoop("G2 events", options.eventRate(), options.eventDuration(), options.maxInFlight(), s -> {
                if (s.result().created() && s.result().reportId() != null) {
                    accepted.put(s.result().reportId(), s);
                }
            });
            after = cpuSnapshot();
            cpuByPhase.put("G2 events", new Measured(phase, before, after));
            // give the last events their chance: up to eventWait after the last 201
            long lastAnswer = accepted.values().stream().mapToLong(s -> s.result().doneNanos()).max().orElse(System.nanoTime());
            long deadline = lastAnswer + options.eventWait().toNanos();
            while (System.nanoTime() < deadline && accepted.keySet().stream().anyMatch(id -> watcher.seen(id) == null)) {
                Thread.sleep(50);
            }
            List<Long> fromAnswer = new ArrayList<>();
            List<Long> fromSend = new ArrayList<>();
            int missing = 0;
            int beforeAnswer = 0;
            Map<String, Long> matchedTypes = new java.util.TreeMap<>();
            for (Map.Entry<UUID, Load.Sample> e : accepted.entrySet()) {
                EventWatcher.Seen seen = watcher.seen(e.getKey());
                ReportSender.Result r = e.getValue().result();
                if (seen == null || seen.consumedNanos() - r.doneNanos() > options.eventWait().toNanos()) {
                    missing++;
                    continue;
                }
                matchedTypes.merge(seen.type(), 1L, Long::sum);
                fromAnswer.add(seen.consumedNanos() - r.doneNanos());
                fromSend.add(seen.consumedNanos() - r.sentNanos());
                if (seen.consumedNanos() < r.doneNanos()) {
                    beforeAnswer++;
                }
            }
            Latencies lower = Latencies.ofNanos(fromAnswer.stream().mapToLong(Long::longValue).toArray());
            Latencies upper = Latencies.ofNanos(fromSend.stream().mapToLong(Long::longValue).toArray());
            Map<String, Object> http = httpPhase(phase, before, after);
            say(String.format("[G2 events] %d accepted reports; events consumed for %d (%s), missing after %d s: %d",
                    accepted.size(), fromAnswer.size(), matchedTypes, options.eventWait().toSeconds(), missing));
            say("[G2 events] consumed - 201 received (lower bound of commit -> consumed): " + lower.line());
            say("[G2 events] consumed - request sent   (upper bound):                     " + upper.line());
            if (beforeAnswer > 0) {
                say("[G2 events] " + beforeAnswer + " events reached the consumer before the 201 reached the client (they count as the histogram's lowest value, 1 µs, in the lower bound)");
            }
            m.put("rate", options.eventRate());
            m.put("accepted201", accepted.size());
            m.put("eventsMatched", fromAnswer.size());
            m.put("eventsMatchedByType", matchedTypes);
            m.put("missing", missing);
            m.put("consumedBefore201Received", beforeAnswer);
            m.put("latencyFrom201ReceivedMs", lower.json());
            m.put("latencyFromRequestSentMs", upper.json());
            m.put("eventsSeenByType", watcher.countsByType());
            m.put("averageEventBytes", watcher.averageBytes());
            m.put("http", http);
        }
        return m;
    }

    /** Stops the load and the stack this benchmark started and deletes its data; runs once. */
    private void cleanUp() {
        if (!cleanedUp.compareAndSet(false, true)) {
            return;
        }
        loads.forEach(Load::stop);
        Stack s = stack;
        if (s != null) {
            say("stopping the stack…");
            s.close();
            say("stack stopped.");
        }
        Path d = dataDir;
        if (d != null) {
            if (options.keepData()) {
                say("data and logs kept in " + d);
            } else {
                deleteTree(d);
            }
        }
    }

    /** Deletes {@code dir} and everything in it, best effort (also for {@link FreshnessPhase}). */
    static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
