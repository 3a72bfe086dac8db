package jp.kama.hub.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.Yaml;

/**
 * Every operation of every OpenAPI document under {@code openapi/} on the class path (the
 * contracts jar), found by listing that directory, so that an operation or a contract added later
 * is picked up without editing a test. Which caller may call an operation at the gateway comes
 * from the contract too: an operation whose {@code security} (its own, or the document's) allows
 * no requirement ({@code security: []}) or a requirement other than the bearer token (Open311's
 * {@code open311ApiKey}) is open at the gateway; every other one needs a valid token there.
 */
public final class ContractOperations {

    /** Paths that keep their family through the gateway; all others are under {@code /api}. */
    private static final Set<String> KEEP_THEIR_PATH = Set.of("/public/", "/open311/", "/feeds/", "/line/");
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");
    /** Contracts of systems the hub calls, not of the hub: not reachable through the gateway. */
    private static final Set<String> NOT_THROUGH_THE_GATEWAY = Set.of("core-resident-api.yaml");

    public record Operation(String contract, String method, String specPath, String operationId,
            boolean openAtTheGateway) {

        /** The path with every {@code {parameter}} filled in, as the service sees it. */
        public String servicePath() {
            return specPath.replaceAll("\\{[^}]+}", "p-1");
        }

        public String gatewayPath() {
            return KEEP_THEIR_PATH.stream().anyMatch(specPath::startsWith) ? servicePath() : "/api" + servicePath();
        }

        @Override
        public String toString() {
            return method + " " + specPath + " (" + contract + ")";
        }
    }

    private ContractOperations() {
    }

    /** The contracts of the hub's own services, by file name. */
    public static List<String> contracts() {
        URL dir = ContractOperations.class.getResource("/openapi/");
        if (dir == null) {
            throw new IllegalStateException("openapi/ is not on the test class path (contracts jar)");
        }
        Set<String> names = new TreeSet<>();
        try {
            if (dir.getProtocol().equals("jar")) {
                FileSystem jar;
                try {
                    jar = FileSystems.newFileSystem(dir.toURI(), Map.of());
                } catch (java.nio.file.FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(dir.toURI());
                }
                list(jar.getPath("/openapi"), names);
            } else {
                list(Path.of(dir.toURI()), names);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        names.removeAll(NOT_THROUGH_THE_GATEWAY);
        return List.copyOf(names);
    }

    private static void list(Path dir, Set<String> names) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.yaml")) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
    }

    public static List<Operation> all() {
        List<Operation> operations = new ArrayList<>();
        for (String contract : contracts()) {
            operations.addAll(of(contract));
        }
        return operations;
    }

    @SuppressWarnings("unchecked")
    public static List<Operation> of(String contract) {
        Map<String, Object> spec = read(contract);
        Object documentSecurity = spec.get("security");
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) spec.get("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (HTTP_METHODS.contains(method)) {
                Map<String, Object> operation = (Map<String, Object>) value;
                Object security = operation.containsKey("security") ? operation.get("security") : documentSecurity;
                operations.add(new Operation(contract, method.toUpperCase(), path,
                        (String) operation.get("operationId"), openWithoutBearerToken(security)));
            }
        }));
        return operations;
    }

    /** True if some alternative of {@code security} is empty or is not the bearer token. */
    @SuppressWarnings("unchecked")
    private static boolean openWithoutBearerToken(Object security) {
        if (security == null) {
            return true;
        }
        List<Map<String, Object>> alternatives = (List<Map<String, Object>>) security;
        return alternatives.isEmpty()
                || alternatives.stream().anyMatch(a -> a.isEmpty() || !a.containsKey("keycloak"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String contract) {
        try (InputStream in = ContractOperations.class.getResourceAsStream("/openapi/" + contract)) {
            if (in == null) {
                throw new IllegalStateException("openapi/" + contract + " not on the class path");
            }
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
