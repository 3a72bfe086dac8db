package jp.kama.hub.disasters;

import static jp.kama.hub.disasters.Callers.asRole;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import jp.kama.hub.corestub.CoreSystemsStub;
import jp.kama.hub.testsupport.EventContracts;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of every integration test of disaster-service: one Spring context on real PostgreSQL
 * and Kafka, shared by all test classes of the module (same configuration, so Spring's
 * context cache reuses it). Tests use their own shelters and disasters, never shared state.
 */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class DisasterServiceIT {

    /** The standard core systems' stub (resident record), on a free port, for the module's one context. */
    protected static final CoreSystemsStub CORE_SYSTEMS = CoreSystemsStub.start(0);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "disaster_service_it");
        registry.add("kama.core.resident.url", CORE_SYSTEMS::baseUrl);
        registry.add("kama.core.resident.open-wait", () -> "2s");
        // certificate applications waiting for the core system are retried within seconds in tests
        registry.add("kama.certificates.retry-poll", () -> "500ms");
        registry.add("kama.certificates.retry-initial-backoff", () -> "1s");
        registry.add("kama.certificates.retry-max-backoff", () -> "2s");
    }

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected JsonMapper json;

    /** Imports shelters as disaster staff and expects 200. */
    protected void importShelters(ShelterCsv csv) throws Exception {
        mvc.perform(asRole(post("/shelters/import"), "staff-1", "disaster-staff")
                        .contentType("text/csv").content(csv.utf8WithBom()))
                .andExpect(status().isOk());
    }

    /**
     * The events recorded in the outbox for this key and type, oldest first, each checked
     * against its schema in contracts (these are the bytes the relay publishes).
     */
    protected List<JsonNode> events(String key, String type, String schema) {
        List<byte[]> payloads = jdbc.sql("select payload from outbox_event where message_key = :k and event_type = :t order by seq")
                .param("k", key).param("t", type).query(byte[].class).list();
        org.assertj.core.api.Assertions.assertThat(EventContracts.schemaNameOf(type)).isEqualTo(schema);
        payloads.forEach(EventContracts::assertMatchesContract);
        return payloads.stream().map(p -> json.readTree(p).get("data")).toList();
    }

    protected JsonNode body(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }
}
