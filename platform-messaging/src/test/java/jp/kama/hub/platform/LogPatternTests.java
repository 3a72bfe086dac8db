package jp.kama.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * One log format everywhere: the request id is printed the same way by every service (platform-web's
 * servlet defaults), every consumer (these defaults) and the gateway, and no service overrides it.
 * Reads the sibling modules' files from the checkout (tests run in the module directory).
 */
class LogPatternTests {

    static final String PATTERN = "[%X{requestId:--}] ";
    static final Path ROOT = Path.of("..");

    static Object correlation(Path yaml) throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(yaml.toString(), new FileSystemResource(yaml));
        return sources.stream().map(s -> s.getProperty("logging.pattern.correlation")).filter(v -> v != null).findFirst().orElse(null);
    }

    @Test
    void thePlatformTheServicesAndTheGatewayPrintTheRequestIdTheSameWay() throws IOException {
        assertThat(correlation(Path.of("src/main/resources/kama-platform-defaults.yml"))).isEqualTo(PATTERN);
        assertThat(correlation(ROOT.resolve("platform-web/src/main/resources/kama-web-servlet-defaults.yml"))).isEqualTo(PATTERN);
        assertThat(correlation(ROOT.resolve("gateway/src/main/resources/application.yml"))).isEqualTo(PATTERN);
    }

    @Test
    void noServiceOverridesTheLogPattern() throws IOException {
        for (String service : List.of("case-service", "disaster-service", "notification-service", "identity-service")) {
            Path resources = ROOT.resolve(service).resolve("src/main/resources");
            try (Stream<Path> files = Files.walk(resources)) {
                List<Path> configs = files.filter(f -> f.getFileName().toString().matches("application.*\\.(yml|yaml|properties)|logback.*\\.xml"))
                        .toList();
                assertThat(configs).as("%s has its configuration", service).isNotEmpty();
                for (Path f : configs) {
                    assertThat(f.getFileName().toString()).as(f.toString()).doesNotStartWith("logback");
                    if (f.toString().endsWith(".properties")) {
                        assertThat(Files.readString(f)).as(f.toString()).doesNotContain("logging.pattern").doesNotContain("logging.config");
                        continue;
                    }
                    for (PropertySource<?> source : new YamlPropertySourceLoader().load(f.toString(), new FileSystemResource(f))) {
                        assertThat(((EnumerablePropertySource<?>) source).getPropertyNames()).as(f.toString())
                                .noneMatch(n -> n.startsWith("logging.pattern") || n.equals("logging.config"));
                    }
                }
            }
        }
    }
}
