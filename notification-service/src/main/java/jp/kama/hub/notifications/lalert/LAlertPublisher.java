package jp.kama.hub.notifications.lalert;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.kama.hub.notifications.channel.lalert.LAlertProperties;
import jp.kama.hub.notifications.delivery.PublicationBatches;
import jp.kama.hub.notifications.feed.ShelterStates;
import jp.kama.hub.notifications.feed.ShelterStates.ShelterState;
import jp.kama.hub.notifications.template.Districts;
import jp.kama.hub.notifications.template.Language;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Plans the L-Alert documents of evacuation information and shelter status, inside the inbox
 * transaction of the event that carries them (so with the CAP entry and the LINE, e-mail and SMS
 * batches of the same event, each once): numbers the document's revision in its series, writes
 * it ({@link LAlertDocuments}) and leaves it as one {@code LALERT} batch ({@link PublicationBatches}).
 * Nothing is planned while no L-Alert receiver is configured.
 *
 * <p>Series: one per district for 避難情報 (each change of a district replaces that district's
 * previous document), one for the city's 避難所情報 (each revision lists every shelter open now,
 * and the one closing). A drill's evacuation information and sample shelters never go to L-Alert:
 * L-Alert feeds television and national services.
 */
@Component
public class LAlertPublisher {

    static final String CHANNEL = "LALERT";
    /** The delivery log's recipient of every L-Alert document. */
    static final String RECEIVER = "l-alert";
    static final String MUNICIPALITY = "402273";

    private final JdbcClient jdbc;
    private final PublicationBatches batches;
    private final ShelterStates shelters;
    private final LAlertDocuments.Sender sender;
    private final Clock clock;

    LAlertPublisher(JdbcClient jdbc, PublicationBatches batches, ShelterStates shelters, LAlertProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.shelters = shelters;
        this.sender = new LAlertDocuments.Sender(props.senderId(), props.officeName(), props.areaName());
        this.clock = clock;
    }

    /** The series of a district's 避難情報. */
    static String evacuationSeries(String district) {
        return MUNICIPALITY + "-evacuation-" + district.toLowerCase(java.util.Locale.ROOT);
    }

    static final String SHELTER_SERIES = MUNICIPALITY + "-shelter";

    /** 避難情報 of {@code district} changed to {@code level} (null: lifted); must run in a transaction. */
    public int evacuation(UUID eventId, Instant decidedAt, String district, Integer level, Integer previousLevel,
                          String disasterName, Instant asOf) {
        if (!batches.enabled(CHANNEL) || (level == null && previousLevel == null)) {
            return 0;
        }
        var e = new LAlertDocuments.Evacuation(Districts.name(district, Language.JA), level, previousLevel, disasterName, asOf);
        LAlertDocuments.Envelope env = envelope(eventId, evacuationSeries(district), asOf);
        return batches.plan(eventId, decidedAt, "EVACUATION_LEVEL", CHANNEL, RECEIVER, LAlertDocuments.headline(sender, e),
                LAlertDocuments.evacuation(sender, env, e));
    }

    /**
     * {@code changed}'s status changed (already stored in {@link ShelterStates}); must run in a
     * transaction. The document lists every non-sample shelter open now, and {@code changed} if
     * it is closing.
     */
    public int shelterStatusChanged(UUID eventId, Instant decidedAt, ShelterState changed, String headline) {
        if (!batches.enabled(CHANNEL) || changed.sample()) {
            return 0;
        }
        List<LAlertDocuments.Shelter> listed = shelters.all().stream()
                .filter(s -> !s.sample() && (!"CLOSED".equals(s.status()) || s.shelterId().equals(changed.shelterId())))
                .map(LAlertPublisher::shelter)
                .toList();
        LAlertDocuments.Envelope env = envelope(eventId, SHELTER_SERIES, changed.asOf());
        return batches.plan(eventId, decidedAt, "SHELTER_STATUS", CHANNEL, RECEIVER, headline,
                LAlertDocuments.shelters(sender, env, headline, listed));
    }

    private static LAlertDocuments.Shelter shelter(ShelterState s) {
        Map<String, Object> snap = s.snapshot();
        return new LAlertDocuments.Shelter(s.name(), (String) snap.get("nameKana"), (String) snap.get("address"),
                Boolean.TRUE.equals(snap.get("designatedShelter")), !"CLOSED".equals(s.status()), s.lAlertStatus(),
                s.capacity(), s.occupancy(), s.asOf());
    }

    /** The next revision of {@code series}: counted in the caller's transaction, so an event redelivered after a rollback reuses it. */
    private LAlertDocuments.Envelope envelope(UUID eventId, String series, Instant reported) {
        Instant now = clock.instant();
        var next = jdbc.sql("""
                insert into lalert_document (document_id, revision, first_created_at) values (:id, 1, :now)
                on conflict (document_id) do update set revision = lalert_document.revision + 1
                returning revision, first_created_at""")
                .param("id", series).param("now", java.sql.Timestamp.from(now))
                .query((rs, i) -> new Object[] {rs.getInt(1), rs.getTimestamp(2).toInstant()})
                .single();
        return new LAlertDocuments.Envelope(PublicationBatches.batchId(eventId, CHANNEL), series, (Integer) next[0],
                (Instant) next[1], now, reported);
    }
}
