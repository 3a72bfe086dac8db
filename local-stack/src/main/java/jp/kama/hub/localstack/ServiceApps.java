package jp.kama.hub.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The service jars as the stack runs them: each Spring Boot jar extracted once into
 * {@code <data>/app/<service>/} ({@code java -Djarmode=tools -jar x.jar extract}: the
 * application jar plus {@code lib/}), because the JVM's class-data sharing only archives classes
 * loaded from plain jars on the class path, not from jars nested in a fat jar.
 *
 * <p>Class-data sharing (AppCDS) in three steps, none of them on the way to "All UP":
 * <ol>
 *   <li>a start without an archive records the classes it loads
 *       ({@code -XX:DumpLoadedClassList}, written as they load, nothing at exit);</li>
 *   <li>once the whole stack is UP, {@link #dumpMissingArchives} writes a static archive per
 *       service from that list ({@code -Xshare:dump}, one service at a time, at the lowest CPU
 *       priority), so nothing is written at JVM exit and the stop stays quick;</li>
 *   <li>later starts map the archive ({@code -XX:SharedArchiveFile}) and skip most of class
 *       loading and verification: measured in docs/performance.md.</li>
 * </ol>
 * A jar that changed (size or time) is extracted again and its list and archive are dropped; an
 * archive the JVM cannot use (other JDK, other options) is ignored by the JVM, which then starts
 * as without one.
 */
final class ServiceApps {

    static final String ARCHIVE = "app.jsa";
    static final String CLASS_LIST = "classes.lst";
    private static final String SOURCE_STAMP = ".source";

    private final Path javaBin;
    private final Path dir;
    private final List<String> javaOptions;
    private volatile Process dumping;
    private volatile boolean stopped;

    ServiceApps(Path java, Path dir, List<String> javaOptions) {
        this.javaBin = java;
        this.dir = dir;
        this.javaOptions = List.copyOf(javaOptions);
    }

    /**
     * The extracted application jar of {@code service}, extracting {@code jar} first if it was
     * not extracted yet or has changed since. A module rebuilt while the stack runs cannot pull
     * classes out from under a running service: the service runs the extracted copy.
     */
    Path prepare(String service, Path jar) {
        Path home = dir.resolve(service);
        Path appJar = home.resolve(service + ".jar");
        try {
            String stamp = jar.toAbsolutePath() + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis()
                    + " " + javaBin + "\n";
            Path stampFile = home.resolve(SOURCE_STAMP);
            if (Files.isRegularFile(appJar) && Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)) {
                return appJar;
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempDirectory(dir, "." + service + "-");
            Path copy = tmp.resolve("source.jar");
            // copy first: mvn package may replace the jar while it is being extracted
            Files.copy(jar, copy);
            Process p = new ProcessBuilder(javaBin.toString(), "-Djarmode=tools", "-jar", copy.toString(), "extract",
                    "--destination", tmp.resolve("x").toString(), "--application-filename", service + ".jar")
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("extract.log").toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("could not extract " + jar + ": " + Files.readString(tmp.resolve("extract.log")));
            }
            deleteRecursively(home);
            Files.move(tmp.resolve("x"), home);
            Files.writeString(home.resolve(SOURCE_STAMP), stamp);
            deleteRecursively(tmp);
            return appJar;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + service + " in " + home, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while extracting " + jar, e);
        }
    }

    /** The JVM options for class-data sharing: use the archive if there is one, else record the class list. */
    List<String> classDataOptions(String service) {
        Path home = dir.resolve(service);
        if (Files.isRegularFile(home.resolve(ARCHIVE))) {
            return List.of("-XX:SharedArchiveFile=" + home.resolve(ARCHIVE));
        }
        return List.of("-XX:DumpLoadedClassList=" + home.resolve(CLASS_LIST));
    }

    /**
     * Writes the archive of every service that has a class list and no archive, one after the
     * other at the lowest CPU priority. Called once the stack is UP; {@link #stop()} ends it.
     *
     * @return how many archives it wrote
     */
    int dumpMissingArchives(Map<String, Path> appJars, Consumer<String> progress) {
        int written = 0;
        for (var e : appJars.entrySet()) {
            Path home = dir.resolve(e.getKey());
            Path list = home.resolve(CLASS_LIST);
            Path archive = home.resolve(ARCHIVE);
            if (stopped || Files.isRegularFile(archive) || !Files.isRegularFile(list)) {
                continue;
            }
            Path tmp = home.resolve(ARCHIVE + ".tmp");
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
                cmd.addAll(List.of("/usr/bin/nice", "-n", "19"));
            }
            cmd.add(javaBin.toString());
            cmd.addAll(javaOptions);
            cmd.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + tmp,
                    "-cp", e.getValue().toString()));
            try {
                Files.deleteIfExists(tmp);
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(home.resolve("cds-dump.log").toFile()).start();
                dumping = p;
                if (stopped) {
                    p.destroyForcibly();
                }
                boolean ok = p.waitFor() == 0 && !stopped;
                dumping = null;
                if (ok && Files.isRegularFile(tmp)) {
                    Files.move(tmp, archive, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    Files.deleteIfExists(list);
                    written++;
                } else {
                    Files.deleteIfExists(tmp);
                    if (!stopped) {
                        progress.accept("class-data archive of " + e.getKey() + " not written (see " + home.resolve("cds-dump.log") + ")");
                    }
                }
            } catch (IOException ex) {
                progress.accept("class-data archive of " + e.getKey() + " not written: " + ex.getMessage());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return written;
            }
        }
        return written;
    }

    /** Ends a dump under way (the stack is stopping); its half-written file is removed by the next run. */
    void stop() {
        stopped = true;
        Process p = dumping;
        if (p != null) {
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
