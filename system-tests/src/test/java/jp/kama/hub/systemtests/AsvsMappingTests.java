package jp.kama.hub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * docs/security.md's section "OWASP ASVS 5.0 level 2" maps every requirement listed in
 * {@code docs/asvs/asvs-5.0-l2.tsv} (OWASP ASVS 5.0.0, levels 1 and 2 of V2, V4–V10, V14, V16) to
 * evidence. This keeps the mapping true to the repository: every id has exactly one row with the
 * level of the list; every row's evidence starts with {@code test:}, {@code DOC:}, {@code N/A:} or
 * {@code GAP:}; a {@code test:} row names at least one test class; every test class a row names in
 * backquotes ({@code `SomeIT`} or {@code `SomeTests.someMethod`}) exists under some module's
 * {@code src/test/java}, with the method where one is named; and every file a {@code DOC:} row names
 * exists. Whether a test really shows what its row says is for review, not for this test.
 */
class AsvsMappingTests {

    static final Path ROOT = Path.of(System.getProperty("kama.root", "..")).toAbsolutePath().normalize();
    static final Path LIST = ROOT.resolve("docs/asvs/asvs-5.0-l2.tsv");
    static final Path SECURITY = ROOT.resolve("docs/security.md");
    static final String SECTION = "## OWASP ASVS 5.0 level 2";
    static final Set<String> CHAPTERS = Set.of("2", "4", "5", "6", "7", "8", "9", "10", "14", "16");
    static final Set<String> SKIPPED = Set.of("target", "node_modules");
    static final List<String> KINDS = List.of("test:", "DOC:", "N/A:", "GAP:");

    private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+\\.\\d+\\.\\d+)\\s*\\|(.*)\\|\\s*$");
    private static final Pattern TEST_NAME = Pattern.compile(
            "`(?:[a-z][a-z0-9_]*\\.)*([A-Z][A-Za-z0-9]*(?:Tests|Test|IT))(?:\\.([a-z][A-Za-z0-9_]*))?`");
    private static final Pattern DOC_FILE = Pattern.compile("`([A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*\\.(?:md|tsv|json|yaml|yml))`");

    record Row(String id, String level, String what, String evidence, String line) {
        String kind() {
            return KINDS.stream().filter(evidence::startsWith).findFirst().orElse("?");
        }
    }

    @Test
    void theListHoldsOnlyLevelOneAndTwoRequirementsOfTheMappedChapters() {
        Map<String, String> list = requirements();
        assertThat(list).hasSizeGreaterThan(100);
        assertThat(list).allSatisfy((id, level) -> {
            assertThat(id.substring(0, id.indexOf('.'))).as(id).isIn(CHAPTERS);
            assertThat(level).as(id).isIn("1", "2");
        });
        assertThat(list.keySet().stream().map(id -> id.substring(0, id.indexOf('.'))).collect(Collectors.toSet()))
                .as("every chapter has requirements in the list").isEqualTo(CHAPTERS);
    }

    @Test
    void everyRequirementOfTheListHasExactlyOneRowWithItsLevel() {
        Map<String, String> list = requirements();
        List<Row> rows = rows();
        Map<String, Long> count = rows.stream().collect(Collectors.groupingBy(Row::id, TreeMap::new, Collectors.counting()));
        List<String> wrong = new ArrayList<>();
        list.keySet().stream().filter(id -> !count.containsKey(id)).forEach(id -> wrong.add(id + ": no row in " + SECTION));
        count.forEach((id, n) -> {
            if (n > 1) {
                wrong.add(id + ": " + n + " rows");
            }
            if (!list.containsKey(id)) {
                wrong.add(id + ": a row, but not in " + ROOT.relativize(LIST));
            }
        });
        rows.stream().filter(r -> list.containsKey(r.id()) && !list.get(r.id()).equals(r.level()))
                .forEach(r -> wrong.add(r.id() + ": level " + r.level() + ", the list says " + list.get(r.id())));
        assertThat(wrong).as("requirement rows of docs/security.md").isEmpty();
    }

    @Test
    void everyRowIsATestADocumentANotApplicableOrAGap() {
        List<String> wrong = new ArrayList<>();
        for (Row row : rows()) {
            if (row.kind().equals("?")) {
                wrong.add(row.id() + ": the evidence starts with none of " + KINDS + ": " + row.evidence());
            } else if (row.kind().equals("test:") && !TEST_NAME.matcher(row.evidence()).find()) {
                wrong.add(row.id() + ": a test row that names no test class in backquotes");
            } else if (row.kind().equals("DOC:") && !DOC_FILE.matcher(row.evidence()).find()) {
                wrong.add(row.id() + ": a DOC row that names no file in backquotes");
            } else if (row.evidence().substring(row.kind().length()).isBlank()) {
                wrong.add(row.id() + ": " + row.kind() + " without a word more");
            }
        }
        assertThat(wrong).isEmpty();
        Map<String, Long> kinds = rows().stream().collect(Collectors.groupingBy(Row::kind, LinkedHashMap::new, Collectors.counting()));
        System.out.println("ASVS 5.0 level 2 mapping: " + kinds);
    }

    @Test
    void everyTestClassAndMethodARowNamesExists() {
        Map<String, List<Path>> tests = testClasses();
        List<String> wrong = new ArrayList<>();
        for (Row row : rows()) {
            Matcher m = TEST_NAME.matcher(row.line());
            while (m.find()) {
                String type = m.group(1);
                String method = m.group(2);
                List<Path> files = tests.getOrDefault(type, List.of());
                if (files.isEmpty()) {
                    wrong.add(row.id() + ": no test class " + type + " under any module's src/test/java");
                } else if (method != null && files.stream().noneMatch(f -> read(f).contains(" " + method + "("))) {
                    wrong.add(row.id() + ": " + type + " has no method " + method);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyFileADocumentRowNamesExists() {
        List<String> wrong = new ArrayList<>();
        for (Row row : rows()) {
            if (!row.kind().equals("DOC:")) {
                continue;
            }
            Matcher m = DOC_FILE.matcher(row.evidence());
            while (m.find()) {
                if (!Files.isRegularFile(ROOT.resolve(m.group(1)))) {
                    wrong.add(row.id() + ": no file " + m.group(1));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** id → level, in the list's order. */
    static Map<String, String> requirements() {
        Map<String, String> list = new LinkedHashMap<>();
        List<String> lines = lines(LIST);
        boolean header = true;
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (header) {
                assertThat(cells).as("the list's header").startsWith("id", "level", "requirement");
                header = false;
                continue;
            }
            assertThat(cells).as(line).hasSize(3);
            assertThat(cells[0]).as(line).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(cells[2]).as(line).isNotBlank();
            assertThat(list.put(cells[0], cells[1])).as("%s listed twice", cells[0]).isNull();
        }
        return list;
    }

    static List<Row> rows() {
        List<String> lines = lines(SECURITY);
        int start = lines.indexOf(SECTION);
        assertThat(start).as("docs/security.md has the section " + SECTION).isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                String[] cells = m.group(2).split("\\|", -1);
                assertThat(cells).as("a row has id, level, what the hub does and evidence: " + line).hasSize(3);
                rows.add(new Row(m.group(1), cells[0].strip(), cells[1].strip(), cells[2].strip(), line));
            }
        }
        return rows;
    }

    /** Simple class name → its files under every module's src/test/java (build output and data skipped). */
    static Map<String, List<Path>> testClasses() {
        Map<String, List<Path>> classes = new TreeMap<>();
        try {
            Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(ROOT) && (name.startsWith(".") || SKIPPED.contains(name))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String path = ROOT.relativize(file).toString().replace('\\', '/');
                    if (path.endsWith(".java") && path.matches("([^/]+/)+src/test/java/.+")) {
                        classes.computeIfAbsent(file.getFileName().toString().replaceAll("\\.java$", ""), k -> new ArrayList<>())
                                .add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classes;
    }

    private static List<String> lines(Path file) {
        return read(file).lines().toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
