package jp.kama.hub.cases;

import static jp.kama.hub.cases.Callers.asRole;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jp.kama.hub.contracts.events.CaseEvents;
import jp.kama.hub.testsupport.EventContracts;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the integration tests that share one Spring context, one PostgreSQL database and
 * the per-JVM Kafka broker. Tests place their reports at places of their own
 * ({@link ReportMother#newPlace()}) so that duplicate detection never joins them by accident.
 */
@SpringBootTest(properties = "kama.cases.overdue.scan-interval=1h")
@AutoConfigureMockMvc
public abstract class CaseServiceIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "case_service_it");
    }

    private static KafkaTestClient kafka;
    private static KafkaTestClient.TopicWatch caseTopic;

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected JsonMapper json;

    /** One watch of the case topic for the whole test JVM (the broker outlives the test classes). */
    protected static synchronized KafkaTestClient.TopicWatch caseTopic() {
        if (caseTopic == null) {
            kafka = new KafkaTestClient(TestInfrastructure.kafka());
            caseTopic = kafka.watch(CaseEvents.TOPIC);
        }
        return caseTopic;
    }

    /** Waits for the case's event of this type, checks it against the schema of its type, returns its envelope. */
    protected JsonNode awaitEvent(String caseId, String type) {
        ConsumerRecord<String, byte[]> r = caseTopic().await(rec -> caseId.equals(rec.key())
                && new String(rec.value(), StandardCharsets.UTF_8).contains("\"type\":\"" + type + "\""), Duration.ofSeconds(30));
        EventContracts.assertMatchesContract(r.value());
        return json.readTree(r.value());
    }

    /** Posts a report as a citizen and returns the answer. */
    protected JsonNode submit(String subject, String body, String... roles) throws Exception {
        String[] r = roles.length == 0 ? new String[] {"citizen"} : roles;
        String out = mvc.perform(asRole(post("/reports"), subject, r).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(out);
    }

    protected JsonNode readCase(String caseId) throws Exception {
        return json.readTree(mvc.perform(asRole(get("/cases/" + caseId), "staff-reader", "disaster-staff"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }
}
