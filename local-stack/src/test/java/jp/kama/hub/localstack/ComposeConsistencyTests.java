package jp.kama.hub.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run on a machine without a Docker engine, so this keeps it honest:
 * the same services, the same ports, and the same configuration names as the local stack, and
 * every variable it sets is one the service actually reads.
 */
class ComposeConsistencyTests {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Map<String, Map<String, String>> STACK_ENV = Stack.serviceEnvironments(Ports.defaults());

    @SuppressWarnings("unchecked")
    static Map<String, Object> composeServices() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> s = (Map<String, Object>) composeServices().get(name);
        assertThat(s).as("docker-compose.yml has service %s", name).isNotNull();
        return s;
    }

    @Test
    void composeRunsTheSameTopologyAsTheLocalStack() throws IOException {
        assertThat(composeServices().keySet()).containsExactlyInAnyOrder("postgres", "kafka", "keycloak", "fake-line",
                "case-service", "disaster-service", "notification-service", "identity-service", "gateway");
        assertThat(STACK_ENV.keySet()).containsExactlyInAnyOrder("case-service", "disaster-service",
                "notification-service", "identity-service", "gateway");
    }

    @ParameterizedTest
    @ValueSource(strings = {"case-service", "disaster-service", "notification-service", "identity-service", "gateway"})
    @SuppressWarnings("unchecked")
    void serviceHasTheSamePortAndConfigurationNames(String name) throws IOException {
        Map<String, Object> s = service(name);
        Map<String, Object> env = (Map<String, Object>) s.get("environment");
        String port = STACK_ENV.get(name).get("SERVER_PORT");

        assertThat(env.keySet()).as("%s: compose sets the variables the local stack sets", name)
                .containsExactlyInAnyOrderElementsOf(STACK_ENV.get(name).keySet());
        assertThat(String.valueOf(env.get("SERVER_PORT"))).isEqualTo(port);
        assertThat((List<String>) s.get("ports")).containsExactly("127.0.0.1:" + port + ":" + port);
        assertThat(((Map<String, Object>) ((Map<String, Object>) s.get("build")).get("args")).get("MODULE")).isEqualTo(name);

        String config = readConfig(name);
        for (String variable : env.keySet()) {
            assertThat(config).as("%s reads %s (application.yml, or the platform defaults it inherits)", name, variable)
                    .contains("${" + variable + ":");
        }
        assertThat(config).as("%s: the default port in application.yml is the documented one", name)
                .contains("${SERVER_PORT:" + port + "}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void infrastructureUsesTheDocumentedPortsAndTheRealmFileInTheRepository() throws IOException {
        Ports p = Ports.defaults();
        assertThat((List<String>) service("postgres").get("ports")).containsExactly("127.0.0.1:" + p.postgres() + ":5432");
        assertThat((List<String>) service("kafka").get("ports")).containsExactly("127.0.0.1:" + p.kafka() + ":" + p.kafka());
        assertThat((List<String>) service("keycloak").get("ports")).containsExactly("127.0.0.1:" + p.keycloak() + ":" + p.keycloak());
        assertThat((List<String>) service("keycloak").get("volumes"))
                .containsExactly("./keycloak/kama-realm.json:/opt/keycloak/data/import/kama-realm.json:ro");
        assertThat(ROOT.resolve("keycloak/kama-realm.json")).exists();
        String init = Files.readString(ROOT.resolve("docker/postgres/init-databases.sql"));
        Stack.DATABASES.forEach(db -> assertThat(init).contains("create database " + db + ";"));
    }

    /** The service's own application.yml, plus the defaults of each platform starter it builds on. */
    static String readConfig(String module) throws IOException {
        String config = Files.readString(ROOT.resolve(module).resolve("src/main/resources/application.yml"));
        String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
        for (String[] starter : new String[][] {
                {"platform-messaging", "kama-platform-defaults.yml"},
                {"platform-web", "kama-web-servlet-defaults.yml"},
                {"platform-security", "kama-security-servlet-defaults.yml"}}) {
            if (pom.contains("<artifactId>" + starter[0] + "</artifactId>")) {
                config += Files.readString(ROOT.resolve(starter[0] + "/src/main/resources/" + starter[1]));
            }
        }
        return config;
    }
}
