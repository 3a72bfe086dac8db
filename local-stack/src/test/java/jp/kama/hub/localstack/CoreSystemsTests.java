package jp.kama.hub.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.kama.hub.corestub.CoreSystemsStub;
import org.junit.jupiter.api.Test;

/** The core systems' stub in the launcher: started, tracked for close(), reported, and handed to disaster-service. */
class CoreSystemsTests {

    @Test
    void theStubRunsInTheLauncherAndDisasterServiceIsToldWhere() throws Exception {
        List<AutoCloseable> tracked = new ArrayList<>();
        List<String> progress = new ArrayList<>();
        Ports ports = Ports.free();
        CoreSystemsStub stub = CoreSystems.start(ports, tracked::add, (c, d) -> progress.add(c + " " + d));
        try {
            assertThat(tracked).containsExactly(stub);
            assertThat(progress).singleElement().asString().startsWith("core systems stub http://127.0.0.1:");
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/residents/999900000101")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);

            Map<String, Map<String, String>> envs = Stack.serviceEnvironments(ports, Path.of("/tmp/kama-data/dev-card"), Map.of());
            CoreSystems.wire(envs, stub);
            assertThat(envs.get("disaster-service")).containsEntry("KAMA_CORE_RESIDENT_URL", stub.baseUrl());
            assertThat(envs.get("case-service")).doesNotContainKey("KAMA_CORE_RESIDENT_URL");
        } finally {
            stub.close();
        }
    }
}
