package jp.kama.hub.contracts.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event payload types are generated from the JSON Schemas (jsonschema2pojo, see the POM), so a
 * consumer can only read what the contract has: reading a field that is not in the schema does not
 * compile. Shown here by compiling two small consumers against the generated classes.
 */
class GeneratedEventTypesTests {

    @TempDir
    Path out;

    @Test
    void aConsumerReadingAFieldOfTheContractCompiles() {
        assertThat(compile("""
                class Reader {
                    static String read(jp.kama.hub.contracts.events.ShelterStatusChangedV1 s) {
                        return s.getShelterId() + s.getStatus().value() + s.getDistrict().japaneseName();
                    }
                }""")).isEmpty();
    }

    @Test
    void aConsumerReadingAFieldThatIsNotInTheContractDoesNotCompile() {
        assertThat(compile("""
                class Reader {
                    static String read(jp.kama.hub.contracts.events.ShelterStatusChangedV1 s) {
                        return s.getShelterId() + s.getReporterPhone();
                    }
                }""")).singleElement().asString().contains("cannot find symbol", "getReporterPhone()");
    }

    @Test
    void aCaseConsumerReadingFieldsOfTheContractCompiles() {
        assertThat(compile("""
                class Reader {
                    static String read(jp.kama.hub.contracts.events.CaseLifecycleV1 c, jp.kama.hub.contracts.events.CaseReportedV1 r) {
                        return c.getCaseId() + c.getStatus().value() + c.getReporterSubjects().size()
                                + r.getCategory().value() + r.getLocation().getLatitude() + r.getDistrict().japaneseName();
                    }
                }""")).isEmpty();
    }

    @Test
    void aCaseConsumerReadingAFieldThatIsNotInTheContractDoesNotCompile() {
        // the reporters' contact stays in case-service; no case event carries it
        assertThat(compile("""
                class Reader {
                    static String read(jp.kama.hub.contracts.events.CaseLifecycleV1 c) {
                        return c.getCaseId() + c.getReporterEmail();
                    }
                }""")).singleElement().asString().contains("cannot find symbol", "getReporterEmail()");
        assertThat(compile("""
                class Reader {
                    static String read(jp.kama.hub.contracts.events.CaseReportedV1 r) {
                        return r.getCaseId() + r.getDescription();
                    }
                }""")).singleElement().asString().contains("cannot find symbol", "getDescription()");
    }

    @Test
    void aCaseConsumerUsingAStatusThatIsNotInTheContractDoesNotCompile() {
        assertThat(compile("""
                class Reader {
                    static boolean read(jp.kama.hub.contracts.events.CaseLifecycleV1 c) {
                        return c.getStatus() == jp.kama.hub.contracts.events.CaseStatusV1.ARCHIVED;
                    }
                }""")).singleElement().asString().contains("cannot find symbol", "ARCHIVED");
    }

    private List<String> compile(String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Reader.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("-proc:none", "-classpath", System.getProperty("java.class.path"),
                "-d", out.toString());
        javac.getTask(new StringWriter(), null, diagnostics, options, null, List.of(file)).call();
        List<String> errors = new ArrayList<>();
        diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                .forEach(d -> errors.add(d.getMessage(null) + " " + source.lines().skip(d.getLineNumber() - 1).findFirst().orElse("")));
        assertThat(Files.exists(out)).isTrue();
        return errors;
    }
}
