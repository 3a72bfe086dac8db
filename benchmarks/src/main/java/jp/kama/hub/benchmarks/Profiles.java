package jp.kama.hub.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording in each service JVM for one measured phase, started and dumped with
 * {@code jcmd} (the JVMs are this user's, so the attach API works; nothing is added to their
 * command line), and the top methods by execution samples of each (the method on top of the
 * sampled stack, i.e. where the CPU was when sampled: JFR's "hot methods" view).
 *
 * <p>Attaching to a JVM on a busy machine can take many seconds, so the recordings are started
 * in parallel before the phase's warm-up and only the samples taken inside the measured window
 * are counted ({@link #topMethods(Path, int, Instant, Instant)}).
 */
final class Profiles {

    static final String RECORDING = "kama-bench";

    /** One method and how many execution samples had it on top. */
    record Hot(String method, long samples, double percent) {
    }

    private final Map<String, Long> pids;
    private final Path dir;
    private final String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();

    /** {@code pids}: component name → pid of each JVM to record. */
    Profiles(Map<String, Long> pids, Path dir) {
        this.pids = pids;
        this.dir = dir;
    }

    /** Starts a recording (settings {@code profile}: execution samples every 10 ms) in every JVM at once; returns the failures by JVM. */
    Map<String, String> start() throws InterruptedException {
        Map<String, String> failed = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        pids.forEach((name, pid) -> threads.add(Thread.ofVirtual().start(() -> {
            String error = jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=profile");
            if (error != null) {
                failed.put(name, error);
            }
        })));
        for (Thread t : threads) {
            t.join();
        }
        return failed;
    }

    /** Dumps and stops every recording, all JVMs at once; returns component → the .jfr file written. */
    Map<String, Path> stop() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Map<String, Path> files = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        pids.forEach((name, pid) -> threads.add(Thread.ofVirtual().start(() -> {
            Path file = dir.resolve(name + ".jfr").toAbsolutePath();
            if (jcmd(pid, "JFR.dump", "name=" + RECORDING, "filename=" + file) == null && Files.isRegularFile(file)) {
                files.put(name, file);
            }
            jcmd(pid, "JFR.stop", "name=" + RECORDING);
        })));
        for (Thread t : threads) {
            t.join();
        }
        return new java.util.TreeMap<>(files);
    }

    /** The {@code limit} methods most often on top of {@code jdk.ExecutionSample} stacks. */
    static List<Hot> topMethods(Path jfr, int limit, Instant from, Instant to) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        long total = 0;
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!"jdk.ExecutionSample".equals(e.getEventType().getName()) || e.getStackTrace() == null
                        || e.getStackTrace().getFrames().isEmpty() || e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                    continue;
                }
                RecordedFrame top = e.getStackTrace().getFrames().getFirst();
                counts.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
                total++;
            }
        }
        long all = total;
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .map(e -> new Hot(e.getKey(), e.getValue(), Latencies.round(100.0 * e.getValue() / all)))
                .toList();
    }

    /** Runs jcmd against {@code pid}; null when it succeeded, else what went wrong. */
    private String jcmd(long pid, String... command) {
        List<String> cmd = new ArrayList<>(List.of(jcmd, Long.toString(pid)));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes(); // ends when jcmd exits
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "jcmd did not finish in 180 s";
            }
            String text = new String(out, java.nio.charset.StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 && !text.contains("Exception") ? null : "jcmd exit " + p.exitValue() + ": " + text.lines().reduce((a, b) -> b).orElse("");
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
