package jp.kama.hub.infra.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Keycloak server distribution ({@code org.keycloak:keycloak-quarkus-dist:<version>:zip})
 * from the local Maven repository: where it is, and unpacking it once into an install directory.
 */
public final class KeycloakDistribution {

    /** System property: the path of the distribution zip, overriding the Maven repository lookup. */
    public static final String DIST_PROPERTY = "kama.keycloak.dist";

    /** Written into the install directory as the last step of a complete unpack. */
    public static final String MARKER_FILE = ".kama-unpacked";

    private static final Logger log = LoggerFactory.getLogger(KeycloakDistribution.class);
    private static final String INFRA_PROPERTIES = "/kama-infra.properties";
    private static final String TEMP_INFIX = ".unpacking-";
    private static volatile String version;

    private KeycloakDistribution() {
    }

    /** The Keycloak version infra was built against ({@code keycloak.version} in {@code /kama-infra.properties}). */
    public static String version() {
        String v = version;
        if (v == null) {
            v = readVersion();
            version = v;
        }
        return v;
    }

    private static String readVersion() {
        Properties p = new Properties();
        try (InputStream in = KeycloakDistribution.class.getResourceAsStream(INFRA_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + INFRA_PROPERTIES + " is missing");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = p.getProperty("keycloak.version", "").trim();
        if (v.isEmpty() || v.contains("${") || v.contains("@")) {
            throw new IllegalStateException("keycloak.version in " + INFRA_PROPERTIES + " was not filtered by Maven: '"
                    + v + "' (under spring-boot-starter-parent resource filtering only replaces @keycloak.version@)");
        }
        return v;
    }

    /**
     * The distribution zip: system property {@value #DIST_PROPERTY} if set, otherwise
     * {@code org/keycloak/keycloak-quarkus-dist/<version>/keycloak-quarkus-dist-<version>.zip}
     * under {@code ${maven.repo.local}} or {@code ~/.m2/repository}.
     *
     * @throws IllegalStateException if the zip does not exist, saying how to get it
     */
    public static Path locateZip(String version) {
        String explicit = System.getProperty(DIST_PROPERTY);
        Path zip;
        if (explicit != null && !explicit.isBlank()) {
            zip = Path.of(explicit);
        } else {
            String repoProp = System.getProperty("maven.repo.local");
            Path repo = repoProp != null && !repoProp.isBlank()
                    ? Path.of(repoProp)
                    : Path.of(System.getProperty("user.home"), ".m2", "repository");
            zip = repo.resolve("org/keycloak/keycloak-quarkus-dist/" + version
                    + "/keycloak-quarkus-dist-" + version + ".zip");
        }
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("The Keycloak server distribution is missing: " + zip.toAbsolutePath()
                    + (explicit != null && !explicit.isBlank() ? " (from -D" + DIST_PROPERTY + ")" : "")
                    + ". Get it into the local Maven repository by building infra"
                    + " (./mvnw -pl infra -am install -DskipTests) or with ./mvnw -pl infra dependency:resolve"
                    + " (or, without the project: ./mvnw dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:"
                    + version + ":zip -Dtransitive=false), or point -D" + DIST_PROPERTY + " at the zip.");
        }
        return zip;
    }

    /** True if {@code installDir} holds a complete unpack (its marker file exists). */
    public static boolean isUnpacked(Path installDir) {
        return Files.isRegularFile(installDir.resolve(MARKER_FILE));
    }

    /**
     * Unpacks {@code zip} so that {@code installDir} is the Keycloak home ({@code bin/kc.sh},
     * {@code lib/}, ...), unless that was done before. The zip's top-level
     * {@code keycloak-<version>/} folder is stripped.
     *
     * <p>The zip goes into a temporary sibling directory first; the marker file is written
     * there last and the directory is then renamed atomically to {@code installDir}, so a
     * killed unpack never leaves a half directory behind (its leftover temporary directory is
     * removed by the next call).
     *
     * @return {@code installDir}, absolute
     */
    public static Path ensureUnpacked(Path zip, Path installDir) {
        Path target = installDir.toAbsolutePath().normalize();
        if (isUnpacked(target)) {
            return target;
        }
        try {
            if (Files.exists(target)) {
                if (!isEmptyDirectory(target)) {
                    throw new IllegalStateException(target + " exists but holds no complete Keycloak unpack (no "
                            + MARKER_FILE + "); delete it and start again");
                }
                Files.delete(target);
            }
            Path parent = target.getParent();
            Files.createDirectories(parent);
            String prefix = "." + target.getFileName() + TEMP_INFIX;
            removeStaleTempDirs(parent, prefix);
            Path tmp = Files.createTempDirectory(parent, prefix + ProcessHandle.current().pid() + "-");
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            long t0 = System.nanoTime();
            try {
                int files = unzip(zip, tmp);
                Files.writeString(tmp.resolve(MARKER_FILE), "zip=" + zip.toAbsolutePath() + "\nfiles=" + files
                        + "\nunpacked=" + Instant.now() + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    throw e;
                } catch (FileSystemException e) {
                    // another process unpacked into the same directory at the same time and won
                    if (!isUnpacked(target)) {
                        throw e;
                    }
                    log.info("Keycloak was unpacked into {} concurrently by another process", target);
                }
                log.info("unpacked {} ({} files) into {} in {} ms", zip.getFileName(), files, target,
                        (System.nanoTime() - t0) / 1_000_000);
            } finally {
                if (Files.exists(tmp)) {
                    deleteRecursively(tmp);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + zip + " into " + target + ": " + e.getMessage(), e);
        }
    }

    private static int unzip(Path zip, Path dest) throws IOException {
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            String strip = commonTopLevelFolder(zf);
            int files = 0;
            byte[] buffer = new byte[64 * 1024];
            Enumeration<? extends ZipEntry> entries = zf.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (strip != null) {
                    name = name.substring(strip.length());
                }
                if (name.isEmpty()) {
                    continue;
                }
                Path out = dest.resolve(name).normalize();
                if (!out.startsWith(dest)) {
                    throw new IOException("zip entry escapes the target directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zf.getInputStream(e);
                     var os = Files.newOutputStream(out)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        os.write(buffer, 0, n);
                    }
                }
                // java.util.zip does not expose the Unix mode stored in the zip; the launch
                // scripts are what must stay executable
                if (name.endsWith(".sh")) {
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                files++;
            }
            return files;
        }
    }

    /** "keycloak-26.7.3/" if every entry lives under that one folder, else null. */
    private static String commonTopLevelFolder(ZipFile zf) {
        String top = null;
        Enumeration<? extends ZipEntry> entries = zf.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            int slash = name.indexOf('/');
            if (slash <= 0) {
                return null;
            }
            String first = name.substring(0, slash + 1);
            if (top == null) {
                top = first;
            } else if (!top.equals(first)) {
                return null;
            }
        }
        return top;
    }

    /** Removes temporary unpack directories of processes that no longer run (a killed unpack). */
    private static void removeStaleTempDirs(Path parent, String prefix) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : ds) {
                String rest = p.getFileName().toString().substring(prefix.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                log.info("removing the leftover of an interrupted unpack: {}", p);
                deleteRecursively(p);
            }
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
