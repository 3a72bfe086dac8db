package jp.kama.hub.notifications.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jp.kama.hub.notifications.template.CaseProgressMessages;
import jp.kama.hub.platform.web.privacy.MyNumbers;
import jp.kama.hub.notifications.template.Language;

/**
 * The damage-report conversation on LINE as a state machine, free of LINE, Spring and the
 * database: one user's {@link State} and one {@link Input} give the next state and the replies.
 * Steps: CATEGORY (quick reply) → LOCATION (LINE's location message) → PHOTO (an image, or
 * 写真なし) → DESCRIPTION (text) → SUBMITTING (case-service takes it; {@code LineConversations}
 * sends it). 「やめる」 cancels at any step; an idle conversation expires ({@link #expired}). A My
 * Number typed into the description or the address is replaced before the conversation is stored
 * ({@link MyNumbers}, as every service does with request bodies).
 */
public final class Conversation {

    /** Where a conversation stands; {@code step} null means there is none. */
    public enum Step { CATEGORY, LOCATION, PHOTO, DESCRIPTION, SUBMITTING }

    /** One user's conversation as stored; a field is null until its step is done. */
    public record State(Step step, Language language, String category, Double latitude, Double longitude, String address,
                        String photoMessageId, String description, UUID idempotencyKey, Instant startedAt,
                        Instant expiresAt) {

        State with(Step next, Instant now, Duration idle) {
            return new State(next, language, category, latitude, longitude, address, photoMessageId, description,
                    idempotencyKey, startedAt, now.plus(idle));
        }
    }

    /** What the user did, as the conversation understands it. */
    public sealed interface Input {
    }

    /** A text message. */
    public record Text(String text) implements Input {
    }

    /** A postback from a quick reply, {@code key=value}. */
    public record Postback(String key, String value) implements Input {
    }

    /** A location message. */
    public record Location(double latitude, double longitude, String address) implements Input {
    }

    /** An image message; its content is downloaded from LINE when the report is sent. */
    public record Image(String messageId) implements Input {
    }

    /** Anything else (a sticker, a video, ...). */
    public record Other(String type) implements Input {
    }

    /** A quick-reply button: a postback ({@code data}), or LINE's location, camera or camera-roll action. */
    public record QuickReply(String label, String kind, String data) {

        static QuickReply postback(String label, String data) {
            return new QuickReply(label, "postback", data);
        }

        static QuickReply action(String label, String kind) {
            return new QuickReply(label, kind, null);
        }
    }

    /** One message to the user, with its quick replies. */
    public record Reply(String text, List<QuickReply> quickReplies) {
    }

    /**
     * What follows an input: {@code state} is the conversation to store (null: none any more),
     * {@code replies} what to answer, {@code language} a language the user chose (else null).
     */
    public record Outcome(State state, List<Reply> replies, Language language) {
    }

    /** Longest description case-service takes. */
    static final int MAX_DESCRIPTION = 2000;

    private final Duration idle;

    public Conversation(Duration idle) {
        this.idle = idle;
    }

    /** The answer to a follow: a welcome and the language choice. */
    public static Reply welcome() {
        return new Reply("""
                嘉麻市の防災情報をお届けします。言語を選んでください。
                Kama City disaster information. Choose your language.
                ことばを えらんで ください。""", languageChoice());
    }

    private static List<QuickReply> languageChoice() {
        return List.of(QuickReply.postback("日本語", "lang=ja"), QuickReply.postback("English", "lang=en"),
                QuickReply.postback("やさしい にほんご", "lang=ja-easy"));
    }

    /** The next state and replies for {@code input}; {@code current} is null when the user has no conversation. */
    public Outcome next(State current, Input input, Language language, Instant now) {
        Language lang = current != null ? current.language() : language;
        if (input instanceof Postback(String key, String value) && key.equals("lang")) {
            Language chosen = languageOf(value);
            if (chosen == null) {
                return new Outcome(current, List.of(new Reply(Texts.unknown(lang), languageChoice())), null);
            }
            List<Reply> replies = new ArrayList<>(List.of(new Reply(Texts.languageSet(chosen), List.of())));
            State kept = current == null ? null : new State(current.step(), chosen, current.category(), current.latitude(),
                    current.longitude(), current.address(), current.photoMessageId(), current.description(),
                    current.idempotencyKey(), current.startedAt(), current.expiresAt());
            if (kept != null && kept.step() != Step.SUBMITTING) {
                replies.add(question(kept));
            }
            return new Outcome(kept, replies, chosen);
        }
        if (isCancel(input)) {
            if (current == null || current.step() == Step.SUBMITTING) {
                return new Outcome(current, List.of(new Reply(current == null ? Texts.howToReport(lang) : Texts.alreadySending(lang),
                        List.of())), null);
            }
            return new Outcome(null, List.of(new Reply(Texts.cancelled(lang), List.of())), null);
        }
        if (current == null) {
            if (isStart(input)) {
                State s = new State(Step.CATEGORY, lang, null, null, null, null, null, null, UUID.randomUUID(), now,
                        now.plus(idle));
                return new Outcome(s, List.of(question(s)), null);
            }
            return new Outcome(null, List.of(new Reply(Texts.howToReport(lang), List.of(
                    QuickReply.postback(Texts.reportButton(lang), "action=report")))), null);
        }
        State c = current;
        return switch (c.step()) {
            case CATEGORY -> input instanceof Postback(String key, String value) && key.equals("category")
                    && CaseProgressMessages.CATEGORIES.contains(value)
                    ? advance(new State(Step.LOCATION, lang, value, null, null, null, null, null, c.idempotencyKey(),
                            c.startedAt(), now.plus(idle)))
                    : again(c);
            case LOCATION -> input instanceof Location(double lat, double lon, String address)
                    ? advance(new State(Step.PHOTO, lang, c.category(), lat, lon, trim(MyNumbers.redact(address), 200), null, null,
                            c.idempotencyKey(), c.startedAt(), now.plus(idle)))
                    : again(c);
            case PHOTO -> {
                if (input instanceof Image(String messageId)) {
                    yield advance(new State(Step.DESCRIPTION, lang, c.category(), c.latitude(), c.longitude(), c.address(),
                            messageId, null, c.idempotencyKey(), c.startedAt(), now.plus(idle)));
                }
                if (input instanceof Postback(String key, String value) && key.equals("photo") && value.equals("none")) {
                    yield advance(c.with(Step.DESCRIPTION, now, idle));
                }
                yield again(c);
            }
            case DESCRIPTION -> {
                String text = input instanceof Text(String t) ? clean(t) : "";
                if (text.isBlank()) {
                    yield again(c);
                }
                State sending = new State(Step.SUBMITTING, lang, c.category(), c.latitude(), c.longitude(), c.address(),
                        c.photoMessageId(), trim(MyNumbers.redact(text), MAX_DESCRIPTION), c.idempotencyKey(), c.startedAt(),
                        now.plus(idle));
                yield new Outcome(sending, List.of(new Reply(Texts.sending(lang), List.of())), null);
            }
            case SUBMITTING -> new Outcome(c, List.of(new Reply(Texts.alreadySending(lang), List.of())), null);
        };
    }

    /** The message a user gets when an idle conversation is dropped. */
    public static String expired(Language language) {
        return Texts.expired(language);
    }

    /** The message of an accepted report: its reference (the case's, as in every progress message). */
    public static String accepted(Language language, String category, UUID caseId) {
        return Texts.accepted(language, CaseProgressMessages.categoryName(category, language),
                CaseProgressMessages.reference(caseId.toString()));
    }

    /** The first line of the "received" message (the delivery log's subject). */
    public static String acceptedSubject(Language language) {
        return Texts.acceptedSubject(language);
    }

    /** The message when case-service refused the location (outside the city): the conversation asks for it again. */
    public static Reply locationRefused(State s) {
        return new Reply(Texts.outsideCity(s.language()), question(s.with(Step.LOCATION, s.startedAt(), Duration.ZERO)).quickReplies());
    }

    /** The message when case-service refused the report for good. */
    public static String refused(Language language) {
        return Texts.refused(language);
    }

    /** The message when the report was taken but its photo was not (not JPEG/PNG, too large, gone from LINE). */
    public static String photoNotTaken(Language language) {
        return Texts.photoNotTaken(language);
    }

    private Outcome advance(State s) {
        return new Outcome(s, List.of(question(s)), null);
    }

    private static Outcome again(State s) {
        return new Outcome(s, List.of(new Reply(Texts.notUnderstood(s.language()) + "\n" + question(s).text(),
                question(s).quickReplies())), null);
    }

    /** The question of a step, with its quick replies. */
    static Reply question(State s) {
        Language l = s.language();
        QuickReply cancel = QuickReply.postback(Texts.cancelButton(l), "action=cancel");
        return switch (s.step()) {
            case CATEGORY -> {
                List<QuickReply> q = new ArrayList<>();
                for (String c : CaseProgressMessages.CATEGORIES) {
                    q.add(QuickReply.postback(CaseProgressMessages.categoryName(c, l), "category=" + c));
                }
                q.add(cancel);
                yield new Reply(Texts.askCategory(l), q);
            }
            case LOCATION -> new Reply(Texts.askLocation(l), List.of(QuickReply.action(Texts.locationButton(l), "location"), cancel));
            case PHOTO -> new Reply(Texts.askPhoto(l), List.of(QuickReply.action(Texts.cameraButton(l), "camera"),
                    QuickReply.action(Texts.cameraRollButton(l), "cameraRoll"), QuickReply.postback(Texts.noPhotoButton(l), "photo=none"),
                    cancel));
            case DESCRIPTION -> new Reply(Texts.askDescription(l), List.of(cancel));
            case SUBMITTING -> new Reply(Texts.sending(l), List.of());
        };
    }

    static boolean isStart(Input input) {
        if (input instanceof Postback(String key, String value)) {
            return key.equals("action") && value.equals("report");
        }
        if (input instanceof Text(String t)) {
            String s = t.strip().toLowerCase(Locale.ROOT);
            return s.equals("通報") || s.equals("つうほう") || s.equals("report") || s.equals("被害通報");
        }
        return false;
    }

    static boolean isCancel(Input input) {
        if (input instanceof Postback(String key, String value)) {
            return key.equals("action") && value.equals("cancel");
        }
        if (input instanceof Text(String t)) {
            String s = t.strip().toLowerCase(Locale.ROOT);
            return s.equals("やめる") || s.equals("キャンセル") || s.equals("cancel") || s.equals("とりけし");
        }
        return false;
    }

    static Language languageOf(String code) {
        for (Language l : Language.values()) {
            if (l.code().equals(code)) {
                return l;
            }
        }
        return null;
    }

    /** Text as case-service and PostgreSQL take it: no NUL or other C0 control character except tab and line breaks. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(c -> c >= 0x20 || c == '\t' || c == '\n' || c == '\r').forEach(b::appendCodePoint);
        return b.toString().strip();
    }

    private static String trim(String s, int max) {
        if (s == null) {
            return null;
        }
        String c = clean(s);
        return c.codePointCount(0, c.length()) <= max ? c : c.substring(0, c.offsetByCodePoints(0, max));
    }
}
