package jp.kama.hub.notifications.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import jp.kama.hub.notifications.NotificationTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A CAP alert is published (feed and broadcast) only after a second disaster-staff member approves it. */
class TwoPersonRuleIT extends NotificationTestBase {

    static final String DRAFT = """
            {"headline":"土砂災害の危険","description":"稲築地区の山沿いで土砂災害の危険が高まっています。",
             "instruction":"崖から離れてください。","districts":["INATSUKI"],"severity":"Severe","urgency":"Immediate"}""";

    String draft(String by) throws Exception {
        String body = mvc.perform(post("/alerts").with(staff(by)).contentType("application/json").content(DRAFT))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    String feed() throws Exception {
        return mvc.perform(get("/feeds/cap.atom")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void refusesSelfApprovalAndPublishesOnASecondStaffMembersApproval() throws Exception {
        lineSubscribers(3, "INATSUKI", "ja");
        String id = draft("staff-a");
        assertThat(feed()).doesNotContain("土砂災害の危険");

        mvc.perform(post("/alerts/" + id + "/approval").with(staff("staff-a")))
                .andExpect(status().isForbidden())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Two-person rule")));
        assertThat(feed()).doesNotContain("土砂災害の危険");

        mvc.perform(post("/alerts/" + id + "/approval").with(staff("staff-b")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PUBLISHED"))
                .andExpect(jsonPath("$.approvedBy").value("staff-b"));
        assertThat(feed()).contains("土砂災害の危険", "崖から離れてください。");
        Awaitility.await().atMost(PATIENCE).until(() -> line.multicastRecipients().size() == 3);
        assertThat(line.acceptedCalls().stream().filter(c -> c.path().endsWith("/multicast")).findFirst().orElseThrow().body())
                .contains("【嘉麻市からの緊急のお知らせ】土砂災害の危険");

        mvc.perform(post("/alerts/" + id + "/approval").with(staff("staff-c")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("alert " + id + " is already published"));
    }

    @Test
    void aDraftTellsTheApproversOnceThatSomeoneOtherThanTheDrafterMustApproveWithoutNamingTheDrafter() throws Exception {
        String id = draft("staff-drafter-7");

        Awaitility.await().atMost(PATIENCE).until(() -> !pushesTo(STAFF_GROUP, id).isEmpty());
        awaitNothingPending();

        assertThat(pushesTo(STAFF_GROUP, id)).singleElement().satisfies(push -> {
            assertThat(push.status()).isEqualTo(200);
            assertThat(push.body()).contains("承認", "土砂災害の危険", "稲築", "approval", "other than");
            assertThat(push.body()).as("staff usernames stay out of notices").doesNotContain("staff-drafter-7");
        });
        assertThat(line.calls()).as("nothing reaches citizens before the approval")
                .noneMatch(c -> c.path().endsWith("/multicast") && c.body().contains("土砂災害の危険"));
    }

    @Test
    void approvingAnAlertThatDoesNotExistIsAProblemNotFound() throws Exception {
        String missing = "6f1c2a4e-0000-4000-8000-000000000000";
        mvc.perform(post("/alerts/" + missing + "/approval").with(staff("staff-b")))
                .andExpect(status().isNotFound())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value("no alert " + missing));
    }

    @Test
    void onlyDisasterStaffDraftAndBadDraftsNameTheirFields() throws Exception {
        mvc.perform(post("/alerts").with(citizen("c")).contentType("application/json").content(DRAFT))
                .andExpect(status().isForbidden());
        mvc.perform(post("/alerts").with(staff("staff-a")).contentType("application/json")
                        .content("{\"headline\":\"\",\"description\":\"x\",\"districts\":[],\"severity\":\"Severe\",\"urgency\":\"Immediate\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItems("headline", "districts")));
    }
}
