package jp.kama.hub.notifications.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import jp.kama.hub.notifications.conversation.Conversation.Outcome;
import jp.kama.hub.notifications.conversation.Conversation.State;
import jp.kama.hub.notifications.conversation.Conversation.Step;
import jp.kama.hub.notifications.template.Language;
import org.junit.jupiter.api.Test;

class ConversationTests {

    final Conversation conversation = new Conversation(Duration.ofMinutes(30));
    final Instant now = Instant.parse("2026-09-01T03:00:00Z");

    Outcome step(State s, Conversation.Input in) {
        return conversation.next(s, in, Language.JA, now);
    }

    State toDescription() {
        State s = step(null, new Conversation.Text("通報")).state();
        s = step(s, new Conversation.Postback("category", "FLOODING")).state();
        s = step(s, new Conversation.Location(33.56, 130.69, "嘉麻市岩崎")).state();
        return step(s, new Conversation.Image("4711")).state();
    }

    @Test
    void aReportIsCategoryThenLocationThenPhotoThenDescription() {
        Outcome start = step(null, new Conversation.Text(" 通報 "));
        assertThat(start.state().step()).isEqualTo(Step.CATEGORY);
        assertThat(start.replies().getFirst().quickReplies()).extracting(Conversation.QuickReply::data)
                .contains("category=LANDSLIDE", "category=RESCUE_NEEDED", "action=cancel").hasSizeLessThanOrEqualTo(13);
        assertThat(start.state().expiresAt()).isEqualTo(now.plus(Duration.ofMinutes(30)));

        Outcome located = step(step(start.state(), new Conversation.Postback("category", "FLOODING")).state(),
                new Conversation.Location(33.56, 130.69, "嘉麻市岩崎"));
        assertThat(located.state().step()).isEqualTo(Step.PHOTO);
        assertThat(located.replies().getFirst().quickReplies()).extracting(Conversation.QuickReply::kind)
                .contains("camera", "cameraRoll", "postback");

        State described = toDescription();
        assertThat(described.step()).isEqualTo(Step.DESCRIPTION);
        assertThat(described.photoMessageId()).isEqualTo("4711");
        Outcome sent = step(described, new Conversation.Text("床上まで水が来ています\u0000 🙏"));
        assertThat(sent.state().step()).isEqualTo(Step.SUBMITTING);
        assertThat(sent.state().description()).as("NUL dropped, emoji kept").isEqualTo("床上まで水が来ています 🙏");
        assertThat(sent.state().idempotencyKey()).as("one key for the whole conversation").isEqualTo(described.idempotencyKey());
        assertThat(located.state().idempotencyKey()).isEqualTo(start.state().idempotencyKey());
        assertThat(sent.state()).extracting(State::category, State::latitude, State::address)
                .containsExactly("FLOODING", 33.56, "嘉麻市岩崎");
    }

    @Test
    void noPhotoIsAnAnswerToo() {
        State s = step(null, new Conversation.Postback("action", "report")).state();
        s = step(s, new Conversation.Postback("category", "OTHER")).state();
        s = step(s, new Conversation.Location(33.56, 130.69, null)).state();
        Outcome o = step(s, new Conversation.Postback("photo", "none"));
        assertThat(o.state().step()).isEqualTo(Step.DESCRIPTION);
        assertThat(o.state().photoMessageId()).isNull();
    }

    @Test
    void theWrongAnswerRepeatsTheQuestionAndChangesNothing() {
        State atCategory = step(null, new Conversation.Text("通報")).state();
        Outcome wrong = step(atCategory, new Conversation.Text("土砂崩れです"));
        assertThat(wrong.state()).isEqualTo(atCategory);
        assertThat(wrong.replies().getFirst().text()).contains("わかりませんでした", "何が起きていますか");
        assertThat(step(atCategory, new Conversation.Postback("category", "METEOR")).state()).isEqualTo(atCategory);
        State atLocation = step(atCategory, new Conversation.Postback("category", "FLOODING")).state();
        assertThat(step(atLocation, new Conversation.Other("sticker")).state()).isEqualTo(atLocation);
        assertThat(step(toDescription(), new Conversation.Text(" \u0000 ")).state().step()).as("a blank description").isEqualTo(Step.DESCRIPTION);
    }

    @Test
    void cancelEndsItAtAnyStepButNotOnceItIsBeingSent() {
        assertThat(step(toDescription(), new Conversation.Text("やめる")).state()).isNull();
        assertThat(step(toDescription(), new Conversation.Postback("action", "cancel")).state()).isNull();
        State sending = step(toDescription(), new Conversation.Text("説明")).state();
        Outcome late = step(sending, new Conversation.Text("cancel"));
        assertThat(late.state()).isEqualTo(sending);
        assertThat(late.replies().getFirst().text()).contains("送っているところ");
    }

    @Test
    void withoutAConversationTheUserIsToldHowToStart() {
        Outcome o = step(null, new Conversation.Text("こんにちは"));
        assertThat(o.state()).isNull();
        assertThat(o.replies().getFirst().text()).contains("「通報」");
        assertThat(o.replies().getFirst().quickReplies()).extracting(Conversation.QuickReply::data).containsExactly("action=report");
    }

    @Test
    void theChosenLanguageIsUsedFromTheNextReplyOn() {
        Outcome en = step(null, new Conversation.Postback("lang", "en"));
        assertThat(en.language()).isEqualTo(Language.EN);
        assertThat(en.replies().getFirst().text()).contains("English");
        State started = conversation.next(null, new Conversation.Text("report"), Language.EN, now).state();
        assertThat(Conversation.question(started).text()).contains("What happened?");
        State easy = conversation.next(started, new Conversation.Postback("lang", "ja-easy"), Language.EN, now).state();
        assertThat(easy.language()).isEqualTo(Language.JA_EASY);
        assertThat(Conversation.question(easy).text()).contains("なにが ありましたか");
        assertThat(step(null, new Conversation.Postback("lang", "fr")).language()).isNull();
    }

    @Test
    void theAcceptedMessageCarriesTheReferenceOfEveryProgressMessage() {
        java.util.UUID caseId = java.util.UUID.fromString("1a2b3c4d-0000-4000-8000-000000000001");
        assertThat(Conversation.accepted(Language.JA, "LANDSLIDE", caseId)).contains("土砂崩れ", "受付番号 1a2b3c4d");
        assertThat(Conversation.accepted(Language.EN, "LANDSLIDE", caseId)).contains("landslide", "reference 1a2b3c4d");
    }

    @Test
    void aMyNumberTypedIntoTheDescriptionIsNotKept() {
        State sent = step(toDescription(), new Conversation.Text("家の前が冠水 連絡先 1234 5678 9018")).state();
        assertThat(sent.description()).doesNotContain("9018").contains(jp.kama.hub.platform.web.privacy.MyNumbers.REDACTED);
    }
}
