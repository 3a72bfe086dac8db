package jp.kama.hub.notifications.template;

/** What one recipient reads: a short subject (e-mail subject, first line elsewhere) and the body. */
public record Message(String subject, String body) {

    /** Subject and body in one text, for channels without a subject line (LINE, SMS). */
    public String asText() {
        return subject + "\n" + body;
    }
}
