package jp.kama.hub.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the figures were measured on, and where the CPU went while they were measured. On two
 * shared cores the figures mean little without both: whole-machine busy % comes from
 * {@code /proc/stat}, each component's share from {@code /proc/<pid>/stat} (user + system
 * ticks) of the processes that belong to it, recognised by their command line. Anything
 * else on the machine (other builds, other tests) shows up as "rest of the machine".
 */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> context(boolean stackStartedHere, String serviceJavaOptions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpuModel", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        m.put("memTotal", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("loadAverageAtStart", read(Path.of("/proc/loadavg")).trim());
        m.put("stackStartedByBenchmark", stackStartedHere);
        if (serviceJavaOptions != null) {
            m.put("serviceJavaOptions", serviceJavaOptions);
        }
        return m;
    }

    /** The 1, 5 and 15 minute load averages: above 2 on two cores, processes queued for CPU. */
    static String loadAverage() {
        String[] f = read(Path.of("/proc/loadavg")).trim().split("\\s+");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "unknown";
    }

    /** USER_HZ: the unit of /proc/stat and /proc/PID/stat times (100 on every Linux build the JDK runs on). */
    static final int TICKS_PER_SECOND = 100;

    /**
     * Process id → component of the hub's processes: without {@code dataDir}, every one on the
     * machine; with it, only the stack this JVM started there (its child processes, plus
     * PostgreSQL, which pg_ctl detaches: found by its data directory, with its backends).
     */
    static Map<Long, String> stackProcesses(Path dataDir) {
        Set<Long> onlyPids = null;
        if (dataDir != null) {
            Set<Long> pids = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
            String marker = dataDir.toString();
            for (ProcessHandle h : ProcessHandle.allProcesses().toList()) {
                if (commandLine(h.pid()).contains(marker)) {
                    pids.add(h.pid());
                    h.descendants().forEach(d -> pids.add(d.pid()));
                }
            }
            onlyPids = pids;
        }
        return processes(onlyPids);
    }

    /**
     * The machine's state when nothing of the benchmark runs (before the stack starts, after it
     * stopped): load averages and the CPU idle share over {@code window}.
     */
    static Map<String, Object> idleSample(java.time.Duration window) {
        long[] a = machineTicks();
        try {
            Thread.sleep(window);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long[] b = machineTicks();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loadAverage", loadAverage());
        long total = b[1] - a[1];
        m.put("cpuIdlePercent", total <= 0 ? null : Latencies.round(100.0 - 100.0 * (b[0] - a[0]) / total));
        m.put("overSeconds", window.toSeconds());
        return m;
    }

    /** A snapshot of CPU ticks, whole machine and per component. */
    record CpuSnapshot(long nanos, long machineBusy, long machineTotal, Map<String, Long> byComponent) {

        /** Every process of the hub on the machine (a stack started by {@code ./kama run}). */
        static CpuSnapshot take() {
            return take(null);
        }

        /**
         * Only the stack this JVM started in {@code dataDir}: its child processes, plus
         * PostgreSQL, which pg_ctl detaches (it is found by its data directory) with its backends.
         */
        static CpuSnapshot take(Path dataDir) {
            long[] machine = machineTicks();
            Map<String, Long> by = new LinkedHashMap<>();
            for (Map.Entry<Long, String> p : stackProcesses(dataDir).entrySet()) {
                by.merge(p.getValue(), processTicks(p.getKey()), Long::sum);
            }
            return new CpuSnapshot(System.nanoTime(), machine[0], machine[1], by);
        }

        /**
         * Milliseconds of CPU (user + system) each component used between two snapshots
         * ({@code /proc} counts in USER_HZ ticks, 100 per second on Linux).
         */
        Map<String, Double> cpuMs(CpuSnapshot before) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : byComponent.entrySet()) {
                long d = e.getValue() - before.byComponent.getOrDefault(e.getKey(), 0L);
                if (d > 0) {
                    m.put(e.getKey(), d * 1000.0 / TICKS_PER_SECOND);
                }
            }
            return m;
        }

        /**
         * CPU use between two snapshots: the machine's busy share (100 % = every core busy), and
         * each component's share of the machine's capacity, in the same unit.
         */
        Map<String, Object> since(CpuSnapshot before) {
            Map<String, Object> m = new LinkedHashMap<>();
            long total = machineTotal - before.machineTotal;
            if (total <= 0) {
                return m;
            }
            long busy = machineBusy - before.machineBusy;
            m.put("machineBusyPercent", Latencies.round(100.0 * busy / total));
            Map<String, Object> share = new LinkedHashMap<>();
            long accounted = 0;
            for (Map.Entry<String, Long> e : byComponent.entrySet()) {
                long d = e.getValue() - before.byComponent.getOrDefault(e.getKey(), 0L);
                if (d > 0) {
                    share.put(e.getKey(), Latencies.round(100.0 * d / total));
                    accounted += d;
                }
            }
            share.put("rest of the machine", Latencies.round(100.0 * Math.max(0, busy - accounted) / total));
            m.put("sharePercentOfMachine", share);
            m.put("seconds", Latencies.round((nanos - before.nanos) / 1e9));
            return m;
        }

        String line(CpuSnapshot before) {
            Map<String, Object> m = since(before);
            if (m.isEmpty()) {
                return "CPU: n/a";
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> share = (Map<String, Object>) m.get("sharePercentOfMachine");
            return "CPU " + m.get("machineBusyPercent") + " % of both cores busy; shares: "
                    + share.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " %").collect(Collectors.joining(", "));
        }
    }

    /** Busy and total ticks of the whole machine from the first line of /proc/stat. */
    private static long[] machineTicks() {
        String line = read(Path.of("/proc/stat")).lines().findFirst().orElse("");
        String[] f = line.trim().split("\\s+");
        if (f.length < 8 || !f[0].equals("cpu")) {
            return new long[] {0, 0};
        }
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }

    /** Process id → component name, for the processes of the hub (all, or only {@code onlyPids}). */
    static Map<Long, String> processes(Set<Long> onlyPids) {
        Map<Long, String> out = new LinkedHashMap<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : ds) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (onlyPids != null && !onlyPids.contains(pid) && pid != self) {
                    continue;
                }
                String component = pid == self ? "benchmark JVM (load generator, launcher, fake LINE)" : component(commandLine(pid));
                if (component != null) {
                    out.put(pid, component);
                }
            }
        } catch (IOException e) {
            // not Linux: no shares
        }
        return out;
    }

    static String component(String commandLine) {
        if (commandLine.isEmpty()) {
            return null;
        }
        if (commandLine.contains("jp.kama.hub.infra.kafka.KafkaBroker")) {
            return "kafka";
        }
        for (String service : List.of("case-service", "disaster-service", "notification-service", "identity-service", "gateway")) {
            if (commandLine.matches("(?s).*-jar (\\S*/)?" + service + "(-[^/ ]*)?\\.jar.*")) {
                return service;
            }
        }
        if (commandLine.contains("keycloak") || commandLine.contains("io.quarkus")) {
            return "keycloak";
        }
        if (commandLine.startsWith("postgres") || commandLine.matches("(?s)^\\S*/bin/postgres.*")) {
            return "postgresql";
        }
        return null;
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static long processTicks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return 0;
        }
        String[] f = stat.substring(close + 2).split(" ");
        // after "pid (comm) ": state is f[0]; utime and stime are fields 14 and 15 of the whole line
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static String firstValue(Path file, String key) {
        return read(file).lines().filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst().orElse("unknown");
    }

    private static String read(Path file) {
        try {
            try (var in = Files.newInputStream(file)) { // /proc sizes are not to be trusted
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return "";
        }
    }
}
