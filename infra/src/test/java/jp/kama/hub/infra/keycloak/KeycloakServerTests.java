package jp.kama.hub.infra.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The kc.sh command lines: built once with the build-time options, then started optimized on loopback. */
class KeycloakServerTests {

    private static final Path HOME = Path.of("/tmp/kc-home");

    private final KeycloakServer.Options options = KeycloakServer.Options.builder()
            .installDir(HOME).port(18180).managementPort(19000)
            .dbUrl("jdbc:postgresql://127.0.0.1:15432/keycloak").dbUsername("postgres")
            .build();

    @Test
    void buildCarriesTheBuildTimeOptions() {
        List<String> build = KeycloakServer.buildCommand(HOME);

        assertThat(build).startsWith(HOME.resolve("bin/kc.sh").toString(), "build")
                .contains("--db=postgres", "--health-enabled=true", "--http-management-health-enabled=false");
    }

    @Test
    void startIsOptimizedWithTheRuntimeOptionsOfALoopbackDevelopmentServer() {
        List<String> start = KeycloakServer.command(HOME, options);

        assertThat(start).startsWith(HOME.resolve("bin/kc.sh").toString(), "start", "--optimized")
                .doesNotContain("start-dev")
                .contains("--http-enabled=true", "--http-host=127.0.0.1", "--http-port=18180",
                        "--hostname-strict=false", "--cache=local",
                        "--http-management-host=127.0.0.1", "--http-management-port=19000",
                        "--import-realm", "--db-url=jdbc:postgresql://127.0.0.1:15432/keycloak", "--db-username=postgres");
        // build-time options on the start line would be ignored with a warning: they belong to the build
        assertThat(start).noneMatch(a -> KeycloakServer.buildOptions().contains(a));
    }
}
