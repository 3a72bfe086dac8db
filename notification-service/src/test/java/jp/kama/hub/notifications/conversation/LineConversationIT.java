package jp.kama.hub.notifications.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jp.kama.hub.infra.line.FakeLineServer.RecordedCall;
import jp.kama.hub.infra.line.LineWebhooks;
import jp.kama.hub.notifications.NotificationTestBase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The LINE conversation at notification-service's HTTP boundary: webhook bodies as LINE sends
 * them (infra's {@link LineWebhooks}), signed with the channel secret or forged, the replies read
 * from the fake LINE API. Here case-service is not configured, so a finished conversation waits
 * in step SUBMITTING; sending it to case-service, the report's number and its progress in the
 * chat are {@code OneReportEndToEndIT}'s (the whole stack).
 */
class LineConversationIT extends NotificationTestBase {

    int webhook(Map<String, Object> event, String secret) throws Exception {
        String body = LineWebhooks.body(List.of(event));
        return mvc.perform(post("/line/webhook").contentType("application/json")
                        .header("X-Line-Signature", LineWebhooks.signature(secret, body))
                        .content(body.getBytes(StandardCharsets.UTF_8)))
                .andReturn().getResponse().getStatus();
    }

    int webhook(Map<String, Object> event) throws Exception {
        return webhook(event, CHANNEL_SECRET);
    }

    static List<RecordedCall> repliesTo(Map<String, Object> event) {
        return line.calls().stream().filter(c -> c.path().equals("/v2/bot/message/reply")
                && c.body().contains("\"replyToken\":\"" + event.get("replyToken") + "\"")).toList();
    }

    String step(String user) {
        return jdbc.sql("select step from line_conversation where line_user_id = :u").param("u", user)
                .query(String.class).optional().orElse(null);
    }

    @Test
    void followThenAReportUpToSendingEachStepAnsweredInTheChat() throws Exception {
        String user = LineWebhooks.newUserId();
        var follow = LineWebhooks.follow(user, LineWebhooks.newEventId());
        assertThat(webhook(follow)).isEqualTo(200);
        assertThat(repliesTo(follow)).singleElement().satisfies(r -> assertThat(r.body()).contains("言語を選んでください", "lang=en"));

        var english = LineWebhooks.postback(user, LineWebhooks.newEventId(), "lang=en");
        webhook(english);
        assertThat(repliesTo(english).getFirst().body()).contains("in English");
        assertThat(jdbc.sql("select language from subscription where line_user_id = :u").param("u", user).query(String.class).single())
                .isEqualTo("en");

        var start = LineWebhooks.text(user, LineWebhooks.newEventId(), "report");
        webhook(start);
        assertThat(repliesTo(start).getFirst().body()).contains("What happened?", "category=LANDSLIDE", "\"type\":\"postback\"");
        assertThat(step(user)).isEqualTo("CATEGORY");

        var category = LineWebhooks.postback(user, LineWebhooks.newEventId(), "category=FLOODING");
        webhook(category);
        assertThat(repliesTo(category).getFirst().body()).contains("Send the place", "\"type\":\"location\"");

        var place = LineWebhooks.location(user, LineWebhooks.newEventId(), 33.5636, 130.6889, "福岡県嘉麻市岩崎1180");
        webhook(place);
        assertThat(repliesTo(place).getFirst().body()).contains("\"type\":\"camera\"", "\"type\":\"cameraRoll\"", "photo=none");

        var photo = LineWebhooks.image(user, LineWebhooks.newEventId(), LineWebhooks.messageId());
        webhook(photo);
        assertThat(step(user)).isEqualTo("DESCRIPTION");

        var description = LineWebhooks.text(user, LineWebhooks.newEventId(), "The water is up to the floor 🙏 \u0000");
        webhook(description);
        assertThat(repliesTo(description).getFirst().body()).contains("reference number follows");
        var stored = jdbc.sql("""
                select step, category, latitude, longitude, address, photo_message_id, description, language
                from line_conversation where line_user_id = :u""").param("u", user).query().singleRow();
        assertThat(stored).containsEntry("step", "SUBMITTING").containsEntry("category", "FLOODING")
                .containsEntry("latitude", 33.5636).containsEntry("address", "福岡県嘉麻市岩崎1180")
                .containsEntry("photo_message_id", ((Map<?, ?>) photo.get("message")).get("id"))
                .containsEntry("description", "The water is up to the floor 🙏").containsEntry("language", "en");
    }

    @Test
    void aRedeliveredEventChangesNothingAndIsNotAnsweredTwice() throws Exception {
        String user = LineWebhooks.newUserId();
        var start = LineWebhooks.text(user, LineWebhooks.newEventId(), "通報");
        webhook(start);
        var category = LineWebhooks.postback(user, LineWebhooks.newEventId(), "category=LANDSLIDE");
        webhook(category);
        assertThat(step(user)).isEqualTo("LOCATION");
        int calls = line.calls().size();

        // LINE sends the start again (its answer was lost): it must not start the conversation over
        assertThat(webhook(LineWebhooks.redelivered(start))).isEqualTo(200);
        assertThat(step(user)).isEqualTo("LOCATION");
        assertThat(line.calls()).as("no reply to a redelivered event").hasSize(calls);
    }

    @Test
    void aForgedSignatureIs401AndChangesNothing() throws Exception {
        String user = LineWebhooks.newUserId();
        var start = LineWebhooks.text(user, LineWebhooks.newEventId(), "通報");
        assertThat(webhook(start, "not-the-channel-secret")).isEqualTo(401);
        assertThat(webhook(LineWebhooks.follow(user, LineWebhooks.newEventId()), "not-the-channel-secret")).isEqualTo(401);
        assertThat(step(user)).isNull();
        assertThat(jdbc.sql("select count(*) from line_report where line_user_id = :u").param("u", user).query(Long.class).single())
                .as("the reports' link to the chat").isZero();
        assertThat(jdbc.sql("select count(*) from subscription where line_user_id = :u").param("u", user).query(Long.class).single()).isZero();
        assertThat(line.calls()).as("nothing answered").isEmpty();
        // the same event, signed, is handled: the forged call did not use up its id
        assertThat(webhook(start)).isEqualTo(200);
        assertThat(step(user)).isEqualTo("CATEGORY");
    }

    @Test
    void aHalfFinishedConversationExpiresWithAMessage() throws Exception {
        String user = LineWebhooks.newUserId();
        webhook(LineWebhooks.text(user, LineWebhooks.newEventId(), "通報"));
        webhook(LineWebhooks.postback(user, LineWebhooks.newEventId(), "category=FALLEN_TREE"));
        jdbc.sql("update line_conversation set expires_at = now() - interval '1 second' where line_user_id = :u").param("u", user).update();

        Awaitility.await().atMost(PATIENCE).until(() -> step(user) == null);
        Awaitility.await().atMost(PATIENCE).until(() -> pushesTo(user, "時間が過ぎた").size() == 1);
        var next = LineWebhooks.postback(user, LineWebhooks.newEventId(), "category=FALLEN_TREE");
        webhook(next);
        assertThat(step(user)).as("a stale quick reply starts nothing").isNull();
        assertThat(repliesTo(next).getFirst().body()).contains("「通報」");
    }

    @Test
    void anUnfollowForgetsTheUserAndTheirUnfinishedConversation() throws Exception {
        String user = LineWebhooks.newUserId();
        webhook(LineWebhooks.follow(user, LineWebhooks.newEventId()));
        webhook(LineWebhooks.text(user, LineWebhooks.newEventId(), "通報"));
        assertThat(step(user)).isEqualTo("CATEGORY");
        // an earlier report of theirs, whose progress would go to this chat
        jdbc.sql("insert into line_report values (gen_random_uuid(), gen_random_uuid(), :u, :s, now())")
                .param("u", user).param("s", "line:" + user).update();
        webhook(java.util.Map.of("type", "unfollow", "webhookEventId", LineWebhooks.newEventId(), "timestamp", 1L,
                "mode", "active", "source", java.util.Map.of("type", "user", "userId", user)));
        assertThat(step(user)).isNull();
        assertThat(jdbc.sql("select count(*) from line_report where line_user_id = :u").param("u", user).query(Long.class).single())
                .as("the reports' link to the chat").isZero();
        assertThat(jdbc.sql("select count(*) from subscription where line_user_id = :u").param("u", user).query(Long.class).single())
                .isZero();
    }
}
