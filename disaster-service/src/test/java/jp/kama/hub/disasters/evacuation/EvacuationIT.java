package jp.kama.hub.disasters.evacuation;

import static jp.kama.hub.disasters.Callers.asRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import jp.kama.hub.contracts.events.DisasterEvents;
import jp.kama.hub.contracts.events.EvacuationEvents;
import jp.kama.hub.disasters.DisasterServiceIT;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/**
 * Disasters and evacuation information on real PostgreSQL: the two-person rule, the 2021
 * names, lifting, and the events in the outbox. Each test uses its own district and lifts
 * what it issued, so tests do not see each other's levels.
 */
class EvacuationIT extends DisasterServiceIT {

    static final String STAFF_A = "staff-a";
    static final String STAFF_B = "staff-b";

    String declare(String name) throws Exception {
        JsonNode d = body(mvc.perform(asRole(post("/disasters"), STAFF_A, "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\",\"kind\":\"FLOOD\"}"))
                .andExpect(status().isCreated()));
        return d.get("disasterId").asString();
    }

    ResultActions draft(String who, String disasterId, String district, String level) throws Exception {
        return mvc.perform(asRole(post("/evacuation/drafts"), who, "disaster-staff").contentType(MediaType.APPLICATION_JSON)
                .content("{\"disasterId\":\"" + disasterId + "\",\"district\":\"" + district + "\",\"level\":" + level
                        + ",\"message\":\"河川が氾濫するおそれがあります\"}"));
    }

    ResultActions approve(String who, String draftId) throws Exception {
        return mvc.perform(asRole(post("/evacuation/drafts/" + draftId + "/approve"), who, "disaster-staff"));
    }

    long levelEvents() {
        return jdbc.sql("select count(*) from outbox_event where event_type = :t").param("t", EvacuationEvents.LEVEL_CHANGED)
                .query(Long.class).single();
    }

    List<JsonNode> levelChanges(String district) {
        return events(district, EvacuationEvents.LEVEL_CHANGED, "evacuation-level-changed.v1");
    }

    @Test
    void aDraftTakesEffectOnlyWhenASecondStaffMemberApprovesIt() throws Exception {
        String disasterId = declare("令和8年9月 大雨 (test)");
        assertThat(events(disasterId, DisasterEvents.DECLARED, "disaster-declared.v1")).hasSize(1);
        int before = levelChanges("KAHO").size();

        String draftId = body(draft(STAFF_A, disasterId, "KAHO", "4").andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.levelName").value("避難指示"))).get("draftId").asString();
        assertThat(levelChanges("KAHO")).as("nothing published while pending").hasSize(before);
        mvc.perform(get("/public/evacuation")).andExpect(jsonPath("$.districts[?(@.district=='KAHO')].level").isEmpty());

        approve(STAFF_A, draftId).andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Two-person rule")));
        assertThat(levelChanges("KAHO")).as("self-approval publishes nothing").hasSize(before);

        approve(STAFF_B, draftId).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPLIED"))
                .andExpect(jsonPath("$.decidedBy").value(STAFF_B));
        JsonNode issued = levelChanges("KAHO").getLast();
        assertThat(issued.get("level").asInt()).isEqualTo(4);
        assertThat(issued.get("levelName").asString()).isEqualTo("避難指示");
        assertThat(issued.get("previousLevel").isNull()).isTrue();
        assertThat(issued.get("district").asString()).isEqualTo("KAHO");
        assertThat(issued.get("districtName").asString()).isEqualTo("嘉穂");
        assertThat(issued.get("disasterId").asString()).isEqualTo(disasterId);
        assertThat(issued.get("draftedBy").asString()).isEqualTo(STAFF_A);
        assertThat(issued.get("approvedBy").asString()).isEqualTo(STAFF_B);
        assertThat(issued.get("message").asString()).isEqualTo("河川が氾濫するおそれがあります");
        mvc.perform(get("/public/evacuation"))
                .andExpect(jsonPath("$.districts[?(@.district=='KAHO')].levelName").value("避難指示"));

        approve(STAFF_B, draftId).andExpect(status().isConflict());

        // raise to 5, then lift, each approved by the other member
        String five = body(draft(STAFF_B, disasterId, "KAHO", "5").andExpect(status().isCreated())).get("draftId").asString();
        approve(STAFF_A, five).andExpect(status().isOk());
        String lift = body(draft(STAFF_A, disasterId, "KAHO", "null").andExpect(status().isCreated())).get("draftId").asString();
        approve(STAFF_B, lift).andExpect(status().isOk());
        List<JsonNode> all = levelChanges("KAHO");
        JsonNode raised = all.get(all.size() - 2);
        assertThat(raised.get("levelName").asString()).isEqualTo("緊急安全確保");
        assertThat(raised.get("previousLevel").asInt()).isEqualTo(4);
        JsonNode lifted = all.getLast();
        assertThat(lifted.get("level").isNull()).isTrue();
        assertThat(lifted.get("levelName").isNull()).isTrue();
        assertThat(lifted.get("previousLevel").asInt()).isEqualTo(5);
    }

    @Test
    void aDisasterEndsOnlyAfterItsEvacuationInformationIsLifted() throws Exception {
        String disasterId = declare("令和8年 地震 (test)");
        String draftId = body(draft(STAFF_A, disasterId, "USUI", "3").andExpect(status().isCreated())).get("draftId").asString();
        approve(STAFF_B, draftId).andExpect(status().isOk());

        mvc.perform(asRole(post("/disasters/" + disasterId + "/end"), STAFF_A, "disaster-staff")).andExpect(status().isConflict());
        assertThat(events(disasterId, DisasterEvents.ENDED, "disaster-ended.v1")).isEmpty();

        String lift = body(draft(STAFF_B, disasterId, "USUI", "null").andExpect(status().isCreated())).get("draftId").asString();
        approve(STAFF_A, lift).andExpect(status().isOk());
        mvc.perform(asRole(post("/disasters/" + disasterId + "/end"), STAFF_A, "disaster-staff"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.active").value(false));
        assertThat(events(disasterId, DisasterEvents.ENDED, "disaster-ended.v1")).hasSize(1);

        // nothing more can be issued under an ended disaster
        draft(STAFF_A, disasterId, "USUI", "4").andExpect(status().isConflict());
    }

    @Test
    void refusesDraftsThatChangeNothingOrAreMalformed() throws Exception {
        String disasterId = declare("令和8年 台風 (test)");
        draft(STAFF_A, disasterId, "YAMADA", "null").andExpect(status().isConflict());
        long before = levelEvents();
        draft(STAFF_A, disasterId, "YAMADA", "2").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("level"));
        draft(STAFF_A, disasterId, "NAKAMA", "4").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("district"));
        draft(STAFF_A, "00000000-0000-0000-0000-000000000000", "YAMADA", "4").andExpect(status().isNotFound());
        assertThat(levelEvents()).isEqualTo(before);
    }

    @Test
    void aRejectedDraftPublishesNothing() throws Exception {
        String disasterId = declare("令和8年 土砂災害 (test)");
        long before = levelEvents();
        String draftId = body(draft(STAFF_A, disasterId, "INATSUKI", "3")).get("draftId").asString();
        mvc.perform(asRole(post("/evacuation/drafts/" + draftId + "/reject"), STAFF_B, "disaster-staff"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REJECTED"));
        approve(STAFF_B, draftId).andExpect(status().isConflict());
        assertThat(levelEvents()).isEqualTo(before);
    }

    @Test
    void aDraftAwaitingASecondApproverRecordsAnApprovalRequestedEventWithoutTheDraftersName() throws Exception {
        String disasterId = declare("令和8年 承認待ち (test)");
        String draftId = body(draft(STAFF_A, disasterId, "YAMADA", "4").andExpect(status().isCreated())).get("draftId").asString();

        List<JsonNode> requested = events("YAMADA", "jp.kama.evacuation.approval-requested.v1", "evacuation-approval-requested.v1")
                .stream().filter(d -> d.get("draftId").asString().equals(draftId)).toList();
        assertThat(requested).singleElement().satisfies(d -> {
            assertThat(d.get("disasterId").asString()).isEqualTo(disasterId);
            assertThat(d.get("district").asString()).isEqualTo("YAMADA");
            assertThat(d.get("districtName").asString()).isEqualTo("山田");
            assertThat(d.get("level").asInt()).isEqualTo(4);
            assertThat(d.get("levelName").asString()).isEqualTo("避難指示");
            assertThat(d.has("draftedBy")).as("the drafter is not named in the event").isFalse();
            assertThat(d.toString()).doesNotContain(STAFF_A);
        });

        mvc.perform(asRole(post("/evacuation/drafts/" + draftId + "/reject"), STAFF_B, "disaster-staff")).andExpect(status().isOk());
        assertThat(events("YAMADA", "jp.kama.evacuation.approval-requested.v1", "evacuation-approval-requested.v1").stream()
                .filter(d -> d.get("draftId").asString().equals(draftId))).as("deciding asks nobody again").hasSize(1);
    }

    @Test
    void anExerciseIsMarkedOnTheDisasterAndOnEveryEvacuationEventUnderIt() throws Exception {
        JsonNode d = body(mvc.perform(asRole(post("/disasters"), STAFF_A, "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"【訓練】大雨 (test)\",\"kind\":\"FLOOD\",\"exercise\":true}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.exercise").value(true)));
        String exerciseId = d.get("disasterId").asString();
        mvc.perform(asRole(get("/disasters/" + exerciseId), STAFF_B, "disaster-staff"))
                .andExpect(jsonPath("$.exercise").value(true));
        assertThat(events(exerciseId, DisasterEvents.DECLARED, "disaster-declared.v1").getLast().get("exercise").asBoolean())
                .isTrue();

        String real = declare("令和8年 実災害 (test)");
        mvc.perform(asRole(get("/disasters/" + real), STAFF_B, "disaster-staff"))
                .andExpect(jsonPath("$.exercise").value(false));
        assertThat(events(real, DisasterEvents.DECLARED, "disaster-declared.v1").getLast().get("exercise").asBoolean())
                .as("absent = false, written false").isFalse();

        String issue = body(draft(STAFF_A, exerciseId, "INATSUKI", "3").andExpect(status().isCreated())).get("draftId").asString();
        approve(STAFF_B, issue).andExpect(status().isOk());
        assertThat(levelChanges("INATSUKI").getLast().get("exercise").asBoolean()).isTrue();
        mvc.perform(asRole(delete("/disasters/" + exerciseId), STAFF_A, "disaster-staff"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("lift")));
        String lift = body(draft(STAFF_B, exerciseId, "INATSUKI", "null").andExpect(status().isCreated())).get("draftId").asString();
        approve(STAFF_A, lift).andExpect(status().isOk());
        assertThat(levelChanges("INATSUKI").getLast().get("exercise").asBoolean()).as("the lift too").isTrue();

        String realIssue = body(draft(STAFF_A, real, "INATSUKI", "3").andExpect(status().isCreated())).get("draftId").asString();
        approve(STAFF_B, realIssue).andExpect(status().isOk());
        assertThat(levelChanges("INATSUKI").getLast().get("exercise").asBoolean()).isFalse();
        String realLift = body(draft(STAFF_B, real, "INATSUKI", "null").andExpect(status().isCreated())).get("draftId").asString();
        approve(STAFF_A, realLift).andExpect(status().isOk());

        // clearing: only the exercise is deleted, by disaster staff, with its drafts
        mvc.perform(asRole(delete("/disasters/" + real), STAFF_A, "disaster-staff")).andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(asRole(delete("/disasters/" + exerciseId), "shelter-1", "shelter-staff")).andExpect(status().isForbidden());
        mvc.perform(asRole(delete("/disasters/" + exerciseId), STAFF_A, "disaster-staff")).andExpect(status().isNoContent());
        mvc.perform(asRole(get("/disasters/" + exerciseId), STAFF_A, "disaster-staff")).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from evacuation_draft where disaster_id = :id")
                .param("id", java.util.UUID.fromString(exerciseId)).query(Long.class).single()).isZero();
        mvc.perform(asRole(get("/disasters/" + real), STAFF_A, "disaster-staff")).andExpect(status().isOk());
        mvc.perform(asRole(delete("/disasters/" + exerciseId), STAFF_A, "disaster-staff")).andExpect(status().isNotFound());
    }

    @Test
    void onlyDisasterStaffDraftOrApprove() throws Exception {
        mvc.perform(asRole(post("/evacuation/drafts"), "shelter-1", "shelter-staff").contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andExpect(status().isForbidden());
        mvc.perform(asRole(post("/disasters"), "citizen-1", "citizen").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\",\"kind\":\"FLOOD\"}")).andExpect(status().isForbidden());
        mvc.perform(asRole(get("/districts"), "shelter-1", "shelter-staff")).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(4))
                .andExpect(jsonPath("$[0].district").value("YAMADA"))
                .andExpect(jsonPath("$[0].districtName").value("山田"));
    }
}
