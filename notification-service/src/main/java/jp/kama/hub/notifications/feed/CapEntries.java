package jp.kama.hub.notifications.feed;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The entries of the CAP feed, newest first; each becomes one CAP 1.2 {@code alert}. Alerts
 * about one thing form a thread ({@code EVACUATION:<district>}, {@code SHELTER:<shelterId>},
 * {@code ALERT:<alertId>}): an alert that follows alerts of its thread that have not expired is
 * an {@code Update} whose {@code <references>} name all of them (Google Public Alerts rejects an
 * Update without references, and one that only references expired alerts); otherwise it is an
 * {@code Alert}. {@code <expires>} is {@code sent} plus the validity of its kind
 * ({@link FeedProperties.Validity}).
 */
@Repository
public class CapEntries {

    /**
     * One CAP alert's worth of facts. Values of the CAP enumerations (category, responseType,
     * urgency, severity, certainty) are stored as CAP spells them; {@code msgType} is what the
     * producer meant, and the thread decides between Alert and Update when it is stored.
     * {@code exercise}: the alert of a drill (訓練), CAP {@code <status>Exercise</status>}.
     */
    public record CapEntry(UUID id, String kind, String msgType, String event, String category, String responseType,
                           String urgency, String severity, String certainty, String headline, String description,
                           String instruction, String areaDesc, Double latitude, Double longitude, Instant sent,
                           boolean exercise) {

        /** A real alert (CAP status Actual). */
        public CapEntry(UUID id, String kind, String msgType, String event, String category, String responseType,
                        String urgency, String severity, String certainty, String headline, String description,
                        String instruction, String areaDesc, Double latitude, Double longitude, Instant sent) {
            this(id, kind, msgType, event, category, responseType, urgency, severity, certainty, headline, description,
                    instruction, areaDesc, latitude, longitude, sent, false);
        }

        /** The CAP {@code <status>} value. */
        public String status() {
            return exercise ? "Exercise" : "Actual";
        }
    }

    /** An entry as the feed publishes it: the facts, its thread, when it expires and what it references. */
    public record PublishedAlert(CapEntry entry, String thread, Instant expires, String references) {
    }

    private final JdbcClient jdbc;
    private final FeedProperties props;

    CapEntries(JdbcClient jdbc, FeedProperties props) {
        this.jdbc = jdbc;
        this.props = props;
    }

    /** An entry that stands alone (its own thread). */
    public void add(CapEntry e) {
        add(e, e.kind() + ":" + e.id());
    }

    /** An entry of {@code thread}; stored once per id (a redelivered event adds nothing). */
    public void add(CapEntry e, String thread) {
        Instant expires = e.sent().plus(props.cap().validity().of(e.kind()));
        List<String> live = jdbc.sql("""
                        select id, sent from cap_entry
                        where thread = :thread and id <> :id and sent <= :sent and expires > :sent
                        order by sent, id""")
                .param("thread", thread).param("id", e.id()).param("sent", Timestamp.from(e.sent()))
                .query((rs, i) -> reference(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()))
                .list();
        String msgType = live.isEmpty() ? "Alert" : "Update";
        jdbc.sql("""
                insert into cap_entry (id, kind, msg_type, event, category, response_type, urgency, severity, certainty,
                                       headline, description, instruction, area_desc, latitude, longitude, sent,
                                       thread, expires, refs, status)
                values (:id, :kind, :msgType, :event, :category, :responseType, :urgency, :severity, :certainty,
                        :headline, :description, :instruction, :area, :lat, :lon, :sent, :thread, :expires, :refs, :status)
                on conflict (id) do nothing""")
                .param("id", e.id()).param("kind", e.kind()).param("msgType", msgType).param("event", e.event())
                .param("category", e.category()).param("responseType", e.responseType()).param("urgency", e.urgency())
                .param("severity", e.severity()).param("certainty", e.certainty()).param("headline", e.headline())
                .param("description", e.description()).param("instruction", e.instruction()).param("area", e.areaDesc())
                .param("lat", e.latitude()).param("lon", e.longitude()).param("sent", Timestamp.from(e.sent()))
                .param("thread", thread).param("expires", Timestamp.from(expires))
                .param("refs", live.isEmpty() ? null : String.join(" ", live)).param("status", e.status())
                .update();
    }

    /**
     * Re-issues the newest alert of each thread still in force that expires before
     * {@code horizon}: an evacuation level not lifted, a shelter opening while the shelter is
     * open. The copy is sent at {@code now}, references the alert it renews and expires one
     * validity later. Its id is derived from the renewed alert's, so instances renewing at the
     * same time store it once.
     *
     * @return how many alerts were renewed
     */
    public int renewInForce(Instant now, Instant horizon) {
        List<PublishedAlert> due = jdbc.sql("""
                        with newest as (
                            select distinct on (thread) * from cap_entry order by thread, sent desc, id desc)
                        select %s from newest
                        where expires <= :horizon
                          and ((kind = 'EVACUATION' and response_type <> 'AllClear')
                            or (kind = 'SHELTER_OPENED' and exists (select 1 from shelter_state s
                                 where 'SHELTER:' || s.shelter_id = newest.thread and s.status <> 'CLOSED')))""".formatted(COLUMNS))
                .param("horizon", Timestamp.from(horizon))
                .query(CapEntries::map).list();
        for (PublishedAlert a : due) {
            CapEntry e = a.entry();
            UUID id = UUID.nameUUIDFromBytes(("renewal of " + e.id()).getBytes(StandardCharsets.UTF_8));
            add(new CapEntry(id, e.kind(), "Update", e.event(), e.category(), e.responseType(), e.urgency(), e.severity(),
                    e.certainty(), e.headline(), e.description(), e.instruction(), e.areaDesc(), e.latitude(),
                    e.longitude(), now, e.exercise()), a.thread());
        }
        return due.size();
    }

    public List<PublishedAlert> newest(int limit) {
        return jdbc.sql("select " + COLUMNS + " from cap_entry order by sent desc, id limit :limit")
                .param("limit", limit)
                .query(CapEntries::map)
                .list();
    }

    public Optional<PublishedAlert> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from cap_entry where id = :id").param("id", id).query(CapEntries::map).optional();
    }

    /** A CAP reference: {@code sender,identifier,sent} of an earlier alert. */
    static String reference(UUID id, Instant sent) {
        return FeedWriters.SENDER + "," + FeedWriters.identifier(id) + "," + FeedWriters.capTime(sent);
    }

    private static final String COLUMNS = """
            id, kind, msg_type, event, category, response_type, urgency, severity, certainty, headline,
            description, instruction, area_desc, latitude, longitude, sent, thread, expires, refs, status""";

    private static PublishedAlert map(ResultSet rs, int row) throws SQLException {
        CapEntry e = new CapEntry(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("msg_type"),
                rs.getString("event"), rs.getString("category"), rs.getString("response_type"), rs.getString("urgency"),
                rs.getString("severity"), rs.getString("certainty"), rs.getString("headline"), rs.getString("description"),
                rs.getString("instruction"), rs.getString("area_desc"), (Double) rs.getObject("latitude"),
                (Double) rs.getObject("longitude"), rs.getTimestamp("sent").toInstant(), "Exercise".equals(rs.getString("status")));
        return new PublishedAlert(e, rs.getString("thread"), rs.getTimestamp("expires").toInstant(), rs.getString("refs"));
    }
}
