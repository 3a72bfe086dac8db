package jp.kama.hub.notifications.subscription;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.kama.hub.contracts.district.District;
import jp.kama.hub.platform.web.privacy.FieldCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Subscriptions in notification-service's own database; contact data is stored here only. */
@Repository
public class Subscriptions {

    /** One subscriber. {@code subject} is the token subject, or {@code line:<userId>} for a LINE follower. */
    record Subscription(String subject, List<String> districts, List<String> topics, String language, String lineUserId,
                        String email, String phone, Instant updatedAt) {

        /** Contact data never appears in logs: this is what a log line may show. */
        @Override
        public String toString() {
            return "Subscription[districts=" + districts + ", topics=" + topics + ", language=" + language + "]";
        }
    }

    private final JdbcClient jdbc;
    /** E-mail and phone are stored encrypted (AES-GCM): docs/security.md, "Canary scan". */
    private final FieldCipher contacts;

    Subscriptions(JdbcClient jdbc, @Value("${kama.notifications.contact-key}") String contactKey) {
        this.jdbc = jdbc;
        this.contacts = new FieldCipher(contactKey);
    }

    Subscription save(Subscription s) {
        jdbc.sql("""
                insert into subscription (id, subject, districts, topics, language, line_user_id, email, phone, updated_at)
                values (:id, :subject, :districts, :topics, :language, :line, :email, :phone, :at)
                on conflict (subject) do update set districts = excluded.districts, topics = excluded.topics,
                    language = excluded.language, line_user_id = excluded.line_user_id, email = excluded.email,
                    phone = excluded.phone, updated_at = excluded.updated_at""")
                .param("id", UUID.randomUUID()).param("subject", s.subject())
                .param("districts", s.districts().toArray(String[]::new)).param("topics", s.topics().toArray(String[]::new))
                .param("language", s.language()).param("line", s.lineUserId()).param("email", contacts.encrypt(s.email(), "email"))
                .param("phone", contacts.encrypt(s.phone(), "phone")).param("at", Timestamp.from(s.updatedAt()))
                .update();
        return s;
    }

    Optional<Subscription> find(String subject) {
        return jdbc.sql("""
                select subject, districts, topics, language, line_user_id, email, phone, updated_at
                from subscription where subject = :subject""")
                .param("subject", subject)
                .query((rs, i) -> new Subscription(rs.getString(1), Arrays.asList((String[]) rs.getArray(2).getArray()),
                        Arrays.asList((String[]) rs.getArray(3).getArray()), rs.getString(4), rs.getString(5),
                        contacts.decrypt(rs.getString(6), "email"), contacts.decrypt(rs.getString(7), "phone"),
                        rs.getTimestamp(8).toInstant()))
                .optional();
    }

    void delete(String subject) {
        jdbc.sql("delete from subscription where subject = :subject").param("subject", subject).update();
    }

    /**
     * A LINE user followed the account: unless the id is known already, it gets a subscription
     * to evacuation and shelter news for all four districts in Japanese. One transaction.
     */
    @Transactional
    public void followedOnLine(String lineUserId, Instant at) {
        if (!lineUserKnown(lineUserId)) {
            save(new Subscription("line:" + lineUserId, District.codes(), List.of("EVACUATION", "SHELTER"), "ja",
                    lineUserId, null, null, at));
        }
    }

    /** A LINE user unfollowed: forget the id everywhere; a LINE-only subscription goes entirely. One transaction. */
    @Transactional
    public void forgetLineUser(String lineUserId) {
        jdbc.sql("delete from subscription where subject = :subject").param("subject", "line:" + lineUserId).update();
        jdbc.sql("update subscription set line_user_id = null where line_user_id = :id").param("id", lineUserId).update();
    }

    boolean lineUserKnown(String lineUserId) {
        return jdbc.sql("select count(*) from subscription where line_user_id = :id").param("id", lineUserId)
                .query(Long.class).single() > 0;
    }

    /** The language a LINE user reads in: that of the subscription holding the id (their own first); "ja" when none. */
    public String lineLanguage(String lineUserId) {
        return holding(lineUserId, "language").orElse("ja");
    }

    /** A LINE user chose a language (in the chat): every subscription holding the id reads in it. */
    public void setLineLanguage(String lineUserId, String language, Instant at) {
        jdbc.sql("update subscription set language = :lang, updated_at = :at where line_user_id = :id")
                .param("lang", language).param("at", Timestamp.from(at)).param("id", lineUserId).update();
    }

    /**
     * The subscription that hears about the reports a LINE user makes in the chat (topic
     * OWN_REPORTS added): the one holding the id, the user's own {@code line:<id>} first. Empty
     * when no subscription holds the id any more (the user unfollowed while the report was on its
     * way): the id is not stored again. Must run in the caller's transaction.
     *
     * @return its subject
     */
    public Optional<String> ownReportsForLineUser(String lineUserId, Instant at) {
        Optional<String> held = holding(lineUserId, "subject");
        if (held.isPresent()) {
            jdbc.sql("""
                    update subscription set topics = array_append(topics, 'OWN_REPORTS'), updated_at = :at
                    where subject = :s and not ('OWN_REPORTS' = any(topics))""")
                    .param("s", held.get()).param("at", Timestamp.from(at)).update();
        }
        return held;
    }

    /** {@code column} of the subscription holding a LINE id: the user's own {@code line:<id>} first, else the newest. */
    private Optional<String> holding(String lineUserId, String column) {
        return jdbc.sql("""
                select %s from subscription where line_user_id = :id
                order by (subject = 'line:' || :id) desc, updated_at desc limit 1""".formatted(column))
                .param("id", lineUserId).query(String.class).optional();
    }
}
