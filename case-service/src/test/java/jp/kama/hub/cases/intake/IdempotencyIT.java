package jp.kama.hub.cases.intake;

import static jp.kama.hub.cases.Callers.asRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jp.kama.hub.cases.CaseServiceIT;
import jp.kama.hub.cases.ReportMother;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** Idempotency-Key: a retried POST gets the first answer and never makes a second report. */
class IdempotencyIT extends CaseServiceIT {

    private ResultActions postReport(String subject, String key, String body) throws Exception {
        return mvc.perform(asRole(post("/reports"), subject, "citizen").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private long reportsOf(String subject) {
        return jdbc.sql("select count(*) from report where reporter_subject = :s").param("s", subject).query(Long.class).single();
    }

    @Test
    void retryWithTheSameKeyAndBodyReturnsTheFirstAnswerAndStoresOneReport() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = ReportMother.reportAtNewPlace("LANDSLIDE");

        String first = postReport("citizen-idem-1", key, body).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        // the same report again, as a client library would re-send it, whitespace and all
        String again = postReport("citizen-idem-1", key, body.replace("\n", " ")).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();

        assertThat(json.readTree(again)).isEqualTo(json.readTree(first));
        assertThat(reportsOf("citizen-idem-1")).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422NamingTheHeader() throws Exception {
        String key = UUID.randomUUID().toString();
        postReport("citizen-idem-2", key, ReportMother.reportAtNewPlace("FLOODING")).andExpect(status().isCreated());

        postReport("citizen-idem-2", key, ReportMother.reportAtNewPlace("FLOODING"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        assertThat(reportsOf("citizen-idem-2")).isEqualTo(1);
    }

    @Test
    void aKeyHoldingAMyNumberOrAPhoneNumberWorksButIsNotStoredAsSent() throws Exception {
        for (String key : List.of("123456789018", "090-1234-5678")) {
            String body = ReportMother.reportAtNewPlace("OTHER");
            String first = postReport("citizen-idem-7", key, body).andExpect(status().isCreated())
                    .andReturn().getResponse().getContentAsString();
            String again = postReport("citizen-idem-7", key, body).andExpect(status().isCreated())
                    .andReturn().getResponse().getContentAsString();
            assertThat(json.readTree(again)).as("the retry still finds the first answer").isEqualTo(json.readTree(first));
        }
        assertThat(reportsOf("citizen-idem-7")).isEqualTo(2);
        List<String> stored = jdbc.sql("select key from idempotency_key where caller = 'citizen-idem-7'").query(String.class).list();
        assertThat(stored).hasSize(2).allSatisfy(k -> assertThat(k).startsWith("hmac:v1:")
                .doesNotContain("123456789018").doesNotContain("1234-5678").doesNotContain("5678"));
    }

    @Test
    void anotherCallersKeyIsTheirOwn() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = ReportMother.reportAtNewPlace("OTHER");
        postReport("citizen-idem-3", key, body).andExpect(status().isCreated());
        postReport("citizen-idem-4", key, body).andExpect(status().isCreated());
        assertThat(reportsOf("citizen-idem-3")).isEqualTo(1);
        assertThat(reportsOf("citizen-idem-4")).isEqualTo(1);
    }

    @Test
    void retriesArrivingTogetherStoreOneReport() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = ReportMother.reportAtNewPlace("RESCUE_NEEDED");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return postReport("citizen-idem-5", key, body).andExpect(status().isCreated())
                            .andReturn().getResponse().getContentAsString();
                }));
            }
            start.countDown();
            List<String> reportIds = new ArrayList<>();
            for (Future<String> f : answers) {
                reportIds.add(json.readTree(f.get()).get("reportId").asString());
            }
            assertThat(reportIds).containsOnly(reportIds.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(reportsOf("citizen-idem-5")).isEqualTo(1);
    }

    @Test
    void malformedKeyIs400NamingTheHeader() throws Exception {
        postReport("citizen-idem-6", "no spaces allowed", ReportMother.reportAtNewPlace("OTHER"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
    }
}
