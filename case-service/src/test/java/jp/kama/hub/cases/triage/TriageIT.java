package jp.kama.hub.cases.triage;

import static jp.kama.hub.cases.Callers.asRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jp.kama.hub.cases.CaseServiceIT;
import jp.kama.hub.cases.ReportMother;
import jp.kama.hub.contracts.events.CaseEvents;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/** Triage and recovery over HTTP against real PostgreSQL and Kafka: states, versions, history, events. */
class TriageIT extends CaseServiceIT {

    private ResultActions move(String caseId, String ifMatch, String body) throws Exception {
        var request = asRole(post("/cases/" + caseId + "/transitions"), "staff-7", "disaster-staff")
                .contentType(MediaType.APPLICATION_JSON).content(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return mvc.perform(request);
    }

    private String newCase(String citizen) throws Exception {
        return submit(citizen, ReportMother.reportAtNewPlace("ROAD_DAMAGE")).get("caseId").asString();
    }

    @Test
    void walksACaseFromTriageToClosureRecordingActorNoteAndAnEventPerStep() throws Exception {
        String caseId = newCase("citizen-triage-1");

        move(caseId, "\"0\"", "{\"to\":\"TRIAGED\",\"severity\":2,\"department\":\"road\",\"note\":\"県道の片側が崩落\"}")
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.status").value("TRIAGED"))
                .andExpect(jsonPath("$.severity").value(2))
                .andExpect(jsonPath("$.department").value("road"))
                .andExpect(jsonPath("$.dueAt").exists());
        move(caseId, "\"1\"", "{\"to\":\"ASSIGNED\",\"assignee\":\"道路維持班\"}").andExpect(status().isOk());
        move(caseId, "\"2\"", "{\"to\":\"IN_PROGRESS\"}").andExpect(status().isOk());
        mvc.perform(asRole(post("/cases/" + caseId + "/work-log"), "staff-8", "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"土のう設置、片側通行\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.kind").value("WORK_LOG"))
                .andExpect(jsonPath("$.actor").value("staff-8"));
        move(caseId, "\"3\"", "{\"to\":\"RECOVERED\"}").andExpect(status().isOk());
        move(caseId, "\"4\"", "{\"to\":\"CLOSED\",\"note\":\"復旧確認済み\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CLOSED"))
                .andExpect(jsonPath("$.dueAt").doesNotExist());

        JsonNode triaged = awaitEvent(caseId, CaseEvents.TRIAGED).get("data");
        assertThat(triaged.get("status").asString()).isEqualTo("TRIAGED");
        assertThat(triaged.get("previousStatus").asString()).isEqualTo("REPORTED");
        assertThat(triaged.get("severity").asInt()).isEqualTo(2);
        assertThat(triaged.get("department").asString()).isEqualTo("road");
        assertThat(triaged.get("reporterSubjects").get(0).asString()).isEqualTo("citizen-triage-1");
        awaitEvent(caseId, CaseEvents.ASSIGNED);
        assertThat(awaitEvent(caseId, CaseEvents.WORK_STARTED).get("data").get("status").asString()).isEqualTo("IN_PROGRESS");
        awaitEvent(caseId, CaseEvents.RECOVERED);
        JsonNode closed = awaitEvent(caseId, CaseEvents.CLOSED);
        assertThat(closed.get("data").get("previousStatus").asString()).isEqualTo("RECOVERED");
        assertThat(closed.toString()).as("no personal data or free text in events").doesNotContain("嘉麻 太郎", "復旧確認済み");

        JsonNode history = json.readTree(mvc.perform(asRole(get("/cases/" + caseId + "/history"), "staff-9", "disaster-staff"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(history).hasSize(6);
        assertThat(history.get(0).get("actor").asString()).isEqualTo("staff-7");
        assertThat(history.get(0).get("note").asString()).isEqualTo("県道の片側が崩落");
        assertThat(history.get(0).get("toStatus").asString()).isEqualTo("TRIAGED");
        assertThat(history.get(3).get("kind").asString()).isEqualTo("WORK_LOG");
    }

    @Test
    void illegalTransitionIs409NamingCurrentStateAndAllowedOnes() throws Exception {
        String caseId = newCase("citizen-triage-2");
        move(caseId, "\"0\"", "{\"to\":\"IN_PROGRESS\"}")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.currentStatus").value("REPORTED"))
                .andExpect(jsonPath("$.currentVersion").value(0))
                .andExpect(jsonPath("$.allowedTransitions").value(org.hamcrest.Matchers.containsInAnyOrder("TRIAGED", "REJECTED", "DUPLICATE")));
        assertThat(readCase(caseId).get("status").asString()).isEqualTo("REPORTED");
    }

    @Test
    void staleVersionIs409WithTheCurrentStateAndNothingChanges() throws Exception {
        String caseId = newCase("citizen-triage-3");
        move(caseId, "\"0\"", "{\"to\":\"TRIAGED\",\"severity\":3,\"department\":\"river\"}").andExpect(status().isOk());

        move(caseId, "\"0\"", "{\"to\":\"REJECTED\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.currentStatus").value("TRIAGED"))
                .andExpect(jsonPath("$.currentVersion").value(1));
        assertThat(readCase(caseId).get("status").asString()).isEqualTo("TRIAGED");
    }

    @Test
    void twoStaffTriagingTheSameCaseAtOnceOneWinsTheOtherGets409WithTheCurrentState() throws Exception {
        String caseId = newCase("citizen-triage-4");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<MockHttpServletResponse>> both = new ArrayList<>();
        for (String dept : new String[] {"road", "water"}) {
            both.add(() -> {
                start.await();
                return move(caseId, "\"0\"", "{\"to\":\"TRIAGED\",\"severity\":1,\"department\":\"" + dept + "\"}")
                        .andReturn().getResponse();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<MockHttpServletResponse>> futures = new ArrayList<>();
            for (Callable<MockHttpServletResponse> c : both) {
                futures.add(pool.submit(c));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            MockHttpServletResponse loser = null;
            for (Future<MockHttpServletResponse> f : futures) {
                MockHttpServletResponse r = f.get();
                statuses.add(r.getStatus());
                if (r.getStatus() == 409) {
                    loser = r;
                }
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            JsonNode problem = json.readTree(loser.getContentAsString());
            assertThat(problem.get("currentStatus").asString()).isEqualTo("TRIAGED");
            assertThat(problem.get("currentVersion").asLong()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from case_history where case_id = :id and kind = 'TRANSITION'")
                .param("id", UUID.fromString(caseId)).query(Long.class).single()).isEqualTo(1);
        assertThat(readCase(caseId).get("version").asLong()).isEqualTo(1);
    }

    @Test
    void transitionWithoutIfMatchIs400NamingTheHeader() throws Exception {
        String caseId = newCase("citizen-triage-5");
        move(caseId, null, "{\"to\":\"REJECTED\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("If-Match"));
    }

    @Test
    void triageWithoutSeverityIs422NamingTheFieldAndNothingChanges() throws Exception {
        String caseId = newCase("citizen-triage-6");
        move(caseId, "\"0\"", "{\"to\":\"TRIAGED\",\"department\":\"road\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("severity"));
        move(caseId, "\"0\"", "{\"to\":\"TRIAGED\",\"severity\":7,\"department\":\"road\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("severity"));
        assertThat(readCase(caseId).get("version").asLong()).isZero();
    }

    @Test
    void markingADuplicateNamesTheOtherCaseInTheEvent() throws Exception {
        String original = newCase("citizen-triage-7");
        String copy = newCase("citizen-triage-8");
        move(copy, "\"0\"", "{\"to\":\"DUPLICATE\",\"duplicateOf\":\"" + original + "\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.duplicateOf").value(original));
        JsonNode data = awaitEvent(copy, CaseEvents.MARKED_DUPLICATE).get("data");
        assertThat(data.get("relatedCaseId").asString()).isEqualTo(original);
        assertThat(data.get("status").asString()).isEqualTo("DUPLICATE");
    }
}
