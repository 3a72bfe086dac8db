package jp.kama.hub.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording in each service JVM for one measured phase, started and dumped with
 * {@code jcmd} (the JVMs are this user's, so the attach API works; nothing is added to their
 * command line), and the top methods by execution samples of each (the method on top of the
 * sampled stack, i.e. where the CPU was when sampled: JFR's "hot methods" view).
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

    /** Starts a recording (settings {@code profile}: execution samples every 10 ms) in every JVM; returns the ones that failed. */
    List<String> start() {
        List<String> failed = new ArrayList<>();
        pids.forEach((name, pid) -> {
            if (!jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=profile")) {
                failed.add(name);
            }
        });
        return failed;
    }

    /** Dumps and stops every recording; returns component → the .jfr file written. */
    Map<String, Path> stop() throws IOException {
        Files.createDirectories(dir);
        Map<String, Path> files = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            Path file = dir.resolve(name + ".jfr").toAbsolutePath();
            if (jcmd(pid, "JFR.dump", "name=" + RECORDING, "filename=" + file) && Files.isRegularFile(file)) {
                files.put(name, file);
            }
            jcmd(pid, "JFR.stop", "name=" + RECORDING);
        });
        return files;
    }

    /** The {@code limit} methods most often on top of {@code jdk.ExecutionSample} stacks. */
    static List<Hot> topMethods(Path jfr, int limit) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        long total = 0;
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!"jdk.ExecutionSample".equals(e.getEventType().getName()) || e.getStackTrace() == null
                        || e.getStackTrace().getFrames().isEmpty()) {
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

    private boolean jcmd(long pid, String... command) {
        List<String> cmd = new ArrayList<>(List.of(jcmd, Long.toString(pid)));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
