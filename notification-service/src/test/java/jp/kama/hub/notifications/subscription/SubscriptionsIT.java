package jp.kama.hub.notifications.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jp.kama.hub.notifications.NotificationTestBase;
import jp.kama.hub.notifications.StandaloneService;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Citizens manage their own subscription; LINE follow/unfollow (signed webhook) subscribes and unsubscribes. */
class SubscriptionsIT extends NotificationTestBase {

    static final String USER = "U" + "ab".repeat(16);

    static String signature(String body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    static String hook(String type) {
        return "{\"destination\":\"Ubot\",\"events\":[{\"type\":\"" + type + "\",\"timestamp\":1,"
                + "\"source\":{\"type\":\"user\",\"userId\":\"" + USER + "\"}}]}";
    }

    long lineSubscriptions() {
        return jdbc.sql("select count(*) from subscription where line_user_id = :u").param("u", USER).query(Long.class).single();
    }

    @Test
    void aCitizenSubscribesReadsChangesAndDeletesOnlyTheirOwnSubscription() throws Exception {
        mvc.perform(put("/subscriptions/me").with(citizen("alice")).contentType("application/json")
                        .content("{\"districts\":[\"KAHO\",\"USUI\"],\"topics\":[\"EVACUATION\",\"OWN_REPORTS\"],\"language\":\"ja-easy\",\"email\":\"alice@example.jp\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.districts[0]").value("KAHO"))
                .andExpect(jsonPath("$.language").value("ja-easy"));
        mvc.perform(get("/subscriptions/me").with(citizen("alice"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value("alice@example.jp"));
        mvc.perform(get("/subscriptions/me").with(citizen("bob"))).andExpect(status().isNotFound());

        mvc.perform(delete("/subscriptions/me").with(citizen("alice"))).andExpect(status().isNoContent());
        mvc.perform(get("/subscriptions/me").with(citizen("alice"))).andExpect(status().isNotFound());
    }

    @Test
    void rejectsABadSubscriptionNamingTheFieldsAndStoresNothing() throws Exception {
        mvc.perform(put("/subscriptions/me").with(citizen("carol")).contentType("application/json")
                        .content("{\"districts\":[\"TOKYO\"],\"topics\":[\"SHELTER\"],\"language\":\"ja\",\"email\":\"c@example.jp\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(org.hamcrest.Matchers.startsWith("districts")));
        mvc.perform(put("/subscriptions/me").with(citizen("carol")).contentType("application/json")
                        .content("{\"districts\":[\"YAMADA\"],\"topics\":[\"SHELTER\"],\"language\":\"ja\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("lineUserId"));
        mvc.perform(put("/subscriptions/me").with(citizen("carol")).contentType("application/json")
                        .content("{\"districts\":[\"YAMADA\"],\"topics\":[\"SHELTER\"],\"language\":\"ja\",\"phone\":\"call me\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("phone"));
        assertThat(jdbc.sql("select count(*) from subscription where subject = 'carol'").query(Long.class).single()).isZero();
    }

    @Test
    void acceptsEmailAndSmsWhileThoseChannelsAreEnabled() throws Exception {
        mvc.perform(put("/subscriptions/me").with(citizen("erin")).contentType("application/json")
                        .content("{\"districts\":[\"USUI\"],\"topics\":[\"SHELTER\"],\"language\":\"en\","
                                + "\"email\":\"erin@example.jp\",\"phone\":\"+819012345678\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value("erin@example.jp"))
                .andExpect(jsonPath("$.phone").value("+819012345678"));
    }

    @Test
    void refusesEmailOrSmsWith422NamingTheFieldWhileThatChannelIsOffInTheDeployment() throws Exception {
        // a second notification-service with neither SMTP host nor SMS gateway configured (its own database and topics)
        try (ConfigurableApplicationContext off = new StandaloneService("notification_channels_off", "channels-off", line.baseUrl())
                .with("kama.mail.host", "").with("kama.sms.url", "").start()) {
            MockMvc offMvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) off).apply(springSecurity()).build();
            String base = "\"districts\":[\"KAHO\"],\"topics\":[\"EVACUATION\"],\"language\":\"ja\"";

            offMvc.perform(put("/subscriptions/me").with(citizen("dan")).contentType("application/json")
                            .content("{" + base + ",\"email\":\"dan@example.jp\"}"))
                    .andExpect(status().is(422))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("email"))
                    .andExpect(jsonPath("$.errors[0].message").value("channel EMAIL is not enabled in this deployment"));
            offMvc.perform(put("/subscriptions/me").with(citizen("dan")).contentType("application/json")
                            .content("{" + base + ",\"lineUserId\":\"" + USER + "\",\"phone\":\"+819012345678\"}"))
                    .andExpect(status().is(422))
                    .andExpect(jsonPath("$.errors[0].field").value("phone"))
                    .andExpect(jsonPath("$.errors[0].message").value("channel SMS is not enabled in this deployment"));
            offMvc.perform(get("/subscriptions/me").with(citizen("dan"))).andExpect(status().isNotFound());

            offMvc.perform(put("/subscriptions/me").with(citizen("dan")).contentType("application/json")
                            .content("{" + base + ",\"lineUserId\":\"" + USER + "\"}"))
                    .andExpect(status().isOk());
        }
    }

    @Test
    void onlyCitizensHaveASubscription() throws Exception {
        mvc.perform(get("/subscriptions/me")).andExpect(status().isUnauthorized());
        mvc.perform(get("/subscriptions/me").with(staff("staff-a"))).andExpect(status().isForbidden());
    }

    @Test
    void aLineFollowSubscribesAndAnUnfollowForgetsTheUser() throws Exception {
        mvc.perform(post("/line/webhook").contentType("application/json")
                        .header("X-Line-Signature", signature(hook("follow"), CHANNEL_SECRET)).content(hook("follow")))
                .andExpect(status().isOk());
        assertThat(lineSubscriptions()).isEqualTo(1);

        mvc.perform(post("/line/webhook").contentType("application/json")
                        .header("X-Line-Signature", signature(hook("unfollow"), CHANNEL_SECRET)).content(hook("unfollow")))
                .andExpect(status().isOk());
        assertThat(lineSubscriptions()).isZero();
    }

    @Test
    void refusesAWebhookWithoutTheChannelsSignature() throws Exception {
        mvc.perform(post("/line/webhook").contentType("application/json")
                        .header("X-Line-Signature", signature(hook("follow"), "not-the-secret")).content(hook("follow")))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/line/webhook").contentType("application/json").content(hook("follow")))
                .andExpect(status().isUnauthorized());
        assertThat(lineSubscriptions()).isZero();
    }
}
