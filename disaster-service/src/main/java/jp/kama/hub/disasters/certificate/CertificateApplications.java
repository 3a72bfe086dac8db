package jp.kama.hub.disasters.certificate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.kama.hub.disasters.declaration.Disaster;
import jp.kama.hub.disasters.declaration.Disasters;
import jp.kama.hub.disasters.errors.ConflictException;
import jp.kama.hub.disasters.errors.InvalidInputException;
import jp.kama.hub.disasters.errors.NotFoundException;
import jp.kama.hub.disasters.resident.ResidentLookup;
import jp.kama.hub.disasters.resident.ResidentRecord;
import jp.kama.hub.disasters.resident.ResidentRecords;
import jp.kama.hub.platform.web.image.ImageSanitizer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The 罹災証明書 workflow: a citizen applies (after a card login), the application is matched to
 * the resident record (at once, or later by {@link MatchRetry} when the core system did not
 * answer), staff schedule and record the survey, which issues the certificate; the citizen may
 * ask for a re-survey, and the new certificate supersedes the old. Each fact is published as a
 * {@link CertificateEvents} record inside the transaction that stores it (the ledger listens).
 *
 * <p>The core system is never called inside a transaction that another request could wait
 * for: a new application is stored first (committed, so it survives a crash), then matched; the
 * retry locks only the one row it works on ({@code FOR UPDATE SKIP LOCKED}).
 */
@Service
public class CertificateApplications {

    /** Who asks: the token subject, and whether they are disaster staff (else a citizen, who sees only their own). */
    public record Caller(String subject, boolean staff) {
    }

    /** A new application, or the first one again for a repeated Idempotency-Key. */
    public record Applied(Application application, boolean replay) {
    }

    static final int MAX_PHOTOS = 10;
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final Logger log = LoggerFactory.getLogger(CertificateApplications.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Disasters disasters;
    private final ResidentRecords residents;
    private final ApplicationEventPublisher events;
    private final CertificateProperties props;
    private final CertificateNumbers numbers;
    private final Clock clock;

    CertificateApplications(JdbcClient jdbc, TransactionTemplate tx, Disasters disasters, ResidentRecords residents,
                            ApplicationEventPublisher events, CertificateProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.disasters = disasters;
        this.residents = residents;
        this.events = events;
        this.props = props;
        this.numbers = new CertificateNumbers(props.numberKey());
        this.clock = clock;
    }

    // ---------------------------------------------------------------- the citizen applies

    /**
     * Stores the application (committed before the core system is asked), then matches it. A
     * slow or down core system leaves it {@code WAITING_FOR_CORE_SYSTEM} for the retry.
     */
    public Applied apply(String subject, String personRef, Application.Form form, @Nullable String idempotencyKey) {
        disasters.get(form.disasterId()); // 404 for an unknown disaster
        String hash = hash(form);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        UUID stored = tx.execute(s -> {
            int inserted = jdbc.sql("""
                    insert into certificate_application (id, disaster_id, applicant_subject, applicant_person_ref, idempotency_key, request_hash,
                        name_kanji, name_kana, birth_date, dwelling_address, case_id, description, status, received_at,
                        next_match_at)
                    values (:id, :disaster, :subject, :personRef, :key, :hash, :kanji, :kana, :birth, :address, :caseId, :description,
                        'RECEIVED', :now, :next)
                    on conflict (applicant_subject, idempotency_key) do nothing""")
                    .param("id", id).param("disaster", form.disasterId()).param("subject", subject).param("personRef", personRef)
                    .param("key", idempotencyKey).param("hash", hash).param("kanji", form.nameKanji())
                    .param("kana", form.nameKana()).param("birth", form.birthDate()).param("address", form.dwellingAddress())
                    .param("caseId", form.caseId()).param("description", form.description())
                    .param("now", Timestamp.from(now))
                    // a crash before the match below leaves it to the retry
                    .param("next", Timestamp.from(now.plus(props.retryInitialBackoff()))).update();
            if (inserted == 1) {
                return id;
            }
            var first = jdbc.sql("select id, request_hash from certificate_application where applicant_subject = :s and idempotency_key = :k")
                    .param("s", subject).param("k", idempotencyKey)
                    .query((rs, n) -> new Object[] {rs.getObject("id", UUID.class), rs.getString("request_hash")}).single();
            if (!hash.equals(first[1])) {
                throw new InvalidInputException(false, "This Idempotency-Key was used for another application.",
                        List.of(new InvalidInputException.Issue("Idempotency-Key", "was used with another body")));
            }
            return (UUID) first[0];
        });
        if (!id.equals(stored)) {
            return new Applied(find(stored).orElseThrow(), true);
        }
        ResidentLookup answer = ask(find(stored).orElseThrow());
        tx.executeWithoutResult(s -> load(stored, true)
                .filter(a -> a.status() == ApplicationStatus.RECEIVED)
                .ifPresent(a -> settle(a, answer)));
        return new Applied(find(stored).orElseThrow(), false);
    }

    /**
     * One application due for another match attempt, if any is free (another instance's rows are
     * skipped): locked, matched and committed. Called by {@link MatchRetry}.
     *
     * @return whether there was one
     */
    boolean retryOne() {
        Boolean done = tx.execute(s -> {
            Optional<Application> due = jdbc.sql("""
                    select * from certificate_application
                    where status in ('RECEIVED', 'WAITING_FOR_CORE_SYSTEM') and next_match_at <= :now
                    order by next_match_at limit 1 for update skip locked""")
                    .param("now", Timestamp.from(clock.instant())).query(CertificateApplications::map).optional();
            due.ifPresent(a -> settle(a, ask(a)));
            return due.isPresent();
        });
        return Boolean.TRUE.equals(done);
    }

    private ResidentLookup ask(Application a) {
        try {
            return residents.search(a.nameKanji(), a.birthDate(), a.dwellingAddress(), "certificate:" + a.id());
        } catch (IllegalArgumentException refused) {
            // the core system refused the question itself (4xx): no point in asking again
            return new ResidentLookup.Matches(List.of());
        }
    }

    /** Records what the resident record said; inside a transaction, the row locked. */
    private void settle(Application a, ResidentLookup answer) {
        Instant now = clock.instant();
        switch (answer) {
            case ResidentLookup.Unavailable u -> {
                int attempts = a.matchAttempts() + 1;
                jdbc.sql("""
                        update certificate_application set status = 'WAITING_FOR_CORE_SYSTEM', match_attempts = :n,
                            next_match_at = :next, last_match_problem = :problem where id = :id""")
                        .param("n", attempts).param("next", Timestamp.from(now.plus(props.backoff(attempts))))
                        .param("problem", u.reason().name()).param("id", a.id()).update();
                log.info("certificate application {} waits for the resident record system ({}), attempt {}", a.id(),
                        u.reason(), attempts);
            }
            case ResidentLookup.Matches m -> {
                List<ResidentRecord> current = m.residents().stream().filter(ResidentRecord::inForce).toList();
                if (current.size() == 1) {
                    matched(a, current.getFirst(), now);
                } else {
                    notMatched(a, m.residents().isEmpty() ? "no resident record with this name, birth date and address"
                            : current.isEmpty() ? "the resident record is no longer current (moved out, deceased)"
                            : "several resident records match", now);
                }
            }
            case ResidentLookup.Found f -> {
                if (f.resident().inForce()) {
                    matched(a, f.resident(), now);
                } else {
                    notMatched(a, "the resident record is no longer current", now);
                }
            }
            case ResidentLookup.NotFound n -> notMatched(a, "no resident record", now);
        }
    }

    private void matched(Application a, ResidentRecord r, Instant now) {
        jdbc.sql("""
                update certificate_application set status = 'MATCHED', atena_number = :atena, household_number = :household,
                    matched_at = :now, next_match_at = null, last_match_problem = null, match_attempts = match_attempts + 1
                where id = :id""")
                .param("atena", r.atenaNumber()).param("household", r.householdNumber()).param("now", Timestamp.from(now))
                .param("id", a.id()).update();
        String personRef = jdbc.sql("select applicant_person_ref from certificate_application where id = :id")
                .param("id", a.id()).query(String.class).single();
        events.publishEvent(new CertificateEvents.ApplicationMatched(a.id(), a.disasterId(), personRef,
                r.atenaNumber(), r.householdNumber(), a.dwellingAddress(), a.caseId(), now));
    }

    private void notMatched(Application a, String reason, Instant now) {
        jdbc.sql("""
                update certificate_application set status = 'NOT_MATCHED', not_matched_reason = :reason, next_match_at = null,
                    last_match_problem = null, match_attempts = match_attempts + 1 where id = :id""")
                .param("reason", reason).param("id", a.id()).update();
        log.info("certificate application {} not matched: {}", a.id(), reason);
    }

    /**
     * Staff name the applicant's 宛名番号 for an application the hub could not match. The record
     * is read first (outside the transaction), then the row is locked and matched.
     */
    public Application matchByHand(String staff, UUID applicationId, String atenaNumber) {
        Application before = find(applicationId).orElseThrow(() -> notFound(applicationId));
        requireUnmatched(before);
        ResidentRecord record = switch (residents.lookup(atenaNumber, "certificate-manual:" + applicationId + ":staff:" + staff)) {
            case ResidentLookup.Found f when f.resident().inForce() -> f.resident();
            case ResidentLookup.Found f -> throw new InvalidInputException(false,
                    "The resident record of this 宛名番号 is no longer current (" + f.resident().status() + ").",
                    List.of(new InvalidInputException.Issue("atenaNumber", "the record is not current")));
            case ResidentLookup.NotFound n -> throw new InvalidInputException(false,
                    "The resident record system has no record with this 宛名番号.",
                    List.of(new InvalidInputException.Issue("atenaNumber", "no such resident record")));
            case ResidentLookup.Unavailable u -> throw new jp.kama.hub.disasters.errors.CoreSystemUnavailableException(
                    u.reason().name(), u.retryAfter(), u.message());
            case ResidentLookup.Matches m -> throw new IllegalStateException("a lookup answers one record");
        };
        return tx.execute(s -> {
            Application a = load(applicationId, true).orElseThrow(() -> notFound(applicationId));
            requireUnmatched(a);
            matched(a, record, clock.instant());
            log.info("certificate application {} matched by hand by {}", applicationId, staff);
            return load(applicationId, false).orElseThrow();
        });
    }

    private static void requireUnmatched(Application a) {
        if (a.status() != ApplicationStatus.NOT_MATCHED && a.status() != ApplicationStatus.WAITING_FOR_CORE_SYSTEM) {
            throw new ConflictException("Only an application the hub could not match is matched by hand; it is "
                    + a.status() + ".");
        }
    }

    // ---------------------------------------------------------------- reading

    public List<Application> list(Caller caller, @Nullable UUID disasterId, @Nullable ApplicationStatus status) {
        if (caller.staff()) {
            if (disasterId == null) {
                throw new InvalidInputException(true, "Staff list the applications of one disaster: give disasterId.",
                        List.of(new InvalidInputException.Issue("disasterId", "is required for staff")));
            }
            return jdbc.sql("select * from certificate_application where disaster_id = :d and (cast(:s as text) is null or status = :s)"
                    + " order by received_at")
                    .param("d", disasterId).param("s", status == null ? null : status.name())
                    .query(CertificateApplications::map).list();
        }
        return jdbc.sql("select * from certificate_application where applicant_subject = :subject"
                + " and (cast(:d as uuid) is null or disaster_id = :d) and (cast(:s as text) is null or status = :s)"
                + " order by received_at desc")
                .param("subject", caller.subject()).param("d", disasterId).param("s", status == null ? null : status.name())
                .query(CertificateApplications::map).list();
    }

    /** The application, if the caller may see it (its applicant, or staff); else 404. */
    public Application get(Caller caller, UUID id) {
        return find(id).filter(a -> caller.staff() || a.applicantSubject().equals(caller.subject()))
                .orElseThrow(() -> notFound(id));
    }

    public List<Application.Photo> photos(UUID applicationId) {
        return jdbc.sql("select id, content_type, width, height, octet_length(image) as size from certificate_photo"
                + " where application_id = :a order by added_at")
                .param("a", applicationId)
                .query((rs, n) -> new Application.Photo(rs.getObject("id", UUID.class), rs.getString("content_type"),
                        rs.getInt("width"), rs.getInt("height"), rs.getLong("size")))
                .list();
    }

    /** The image of a photo of an application the caller may see. */
    public Photo photo(Caller caller, UUID applicationId, UUID photoId) {
        get(caller, applicationId);
        return jdbc.sql("select content_type, image from certificate_photo where id = :p and application_id = :a")
                .param("p", photoId).param("a", applicationId)
                .query((rs, n) -> new Photo(rs.getString("content_type"), rs.getBytes("image"))).optional()
                .orElseThrow(() -> new NotFoundException("Photo not found", "No such photo of this application."));
    }

    /** An image and its type. */
    public record Photo(String contentType, byte[] bytes) {
    }

    /** The current (not superseded) certificate of an application the caller may see. */
    public Optional<Application.Certificate> currentCertificate(Caller caller, UUID applicationId) {
        get(caller, applicationId);
        return currentCertificate(applicationId);
    }

    Optional<Application.Certificate> currentCertificate(UUID applicationId) {
        return jdbc.sql("select * from certificate where application_id = :a and superseded_by is null")
                .param("a", applicationId).query(CertificateApplications::certificate).optional();
    }

    /** The certificate with this number if the number is well formed, its check right, and it was issued. */
    public Optional<Application.Certificate> verify(String number) {
        String normalized = numbers.normalize(number);
        if (normalized == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from certificate where number = :n").param("n", normalized)
                .query(CertificateApplications::certificate).optional();
    }

    public String disasterName(UUID disasterId) {
        return disasters.get(disasterId).name();
    }

    // ---------------------------------------------------------------- the citizen adds photos, asks for a re-survey

    /** Adds a photo of the damage (its applicant only); the image is re-encoded without metadata. */
    public Application.Photo addPhoto(Caller caller, UUID applicationId, byte[] bytes) {
        Application a = get(caller, applicationId);
        if (!a.applicantSubject().equals(caller.subject())) {
            throw notFound(applicationId);
        }
        String type = ImageSanitizer.detect(bytes);
        if (!"image/jpeg".equals(type) && !"image/png".equals(type)) {
            throw new PhotoRefused(415, "Photos must be JPEG or PNG; the content is " + type + ".");
        }
        if (photos(applicationId).size() >= MAX_PHOTOS) {
            throw new ConflictException("An application has at most " + MAX_PHOTOS + " photos.");
        }
        ImageSanitizer.Clean clean;
        try {
            clean = ImageSanitizer.clean(bytes, type);
        } catch (ImageSanitizer.UnreadableImageException e) {
            throw new InvalidInputException(false, "The photo cannot be read: " + e.getMessage(),
                    List.of(new InvalidInputException.Issue("file", e.getMessage())));
        }
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            load(applicationId, true); // one photo at a time per application: the count holds
            long count = jdbc.sql("select count(*) from certificate_photo where application_id = :a").param("a", applicationId)
                    .query(Long.class).single();
            if (count >= MAX_PHOTOS) {
                throw new ConflictException("An application has at most " + MAX_PHOTOS + " photos.");
            }
            jdbc.sql("insert into certificate_photo (id, application_id, content_type, width, height, image, added_at)"
                    + " values (:id, :a, :type, :w, :h, :image, :at)")
                    .param("id", id).param("a", applicationId).param("type", clean.contentType()).param("w", clean.width())
                    .param("h", clean.height()).param("image", clean.image()).param("at", Timestamp.from(clock.instant()))
                    .update();
        });
        return new Application.Photo(id, clean.contentType(), clean.width(), clean.height(), clean.image().length);
    }

    /** 413 or 415 for a photo (the controller maps it). */
    public static final class PhotoRefused extends RuntimeException {
        private final int status;

        PhotoRefused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public Application requestReSurvey(Caller caller, UUID applicationId, String reason) {
        return tx.execute(s -> {
            Application a = load(applicationId, true).filter(x -> x.applicantSubject().equals(caller.subject()))
                    .orElseThrow(() -> notFound(applicationId));
            if (a.status() != ApplicationStatus.CERTIFICATE_ISSUED) {
                throw new ConflictException("A re-survey can be asked for once a certificate was issued; the application is "
                        + a.status() + ".");
            }
            jdbc.sql("update certificate_application set status = 'RE_SURVEY_REQUESTED', re_survey_reason = :r,"
                    + " re_survey_requested_at = :at where id = :id")
                    .param("r", reason).param("at", Timestamp.from(clock.instant())).param("id", applicationId).update();
            return load(applicationId, false).orElseThrow();
        });
    }

    // ---------------------------------------------------------------- staff survey and grade

    public Application scheduleSurvey(String staff, UUID applicationId, LocalDate date, @Nullable String note) {
        return tx.execute(s -> {
            Application a = load(applicationId, true).orElseThrow(() -> notFound(applicationId));
            if (!a.status().surveyable()) {
                throw new ConflictException("The survey can be scheduled once the application is matched to the resident"
                        + " record; it is " + a.status() + ".");
            }
            jdbc.sql("update certificate_application set status = 'SURVEY_SCHEDULED', survey_date = :d, survey_note = :n"
                    + " where id = :id")
                    .param("d", date).param("n", note).param("id", applicationId).update();
            log.info("certificate application {} survey scheduled by {}", applicationId, staff);
            return load(applicationId, false).orElseThrow();
        });
    }

    /**
     * Records the survey's grade and issues the certificate in one transaction; a certificate
     * issued before (re-survey) is superseded by the new one.
     */
    public Application recordSurvey(String staff, UUID applicationId, DamageGrade grade, @Nullable BigDecimal ratio,
                                    @Nullable String note) {
        if (ratio != null && !grade.accepts(ratio)) {
            throw new InvalidInputException(false, "A damage ratio of " + ratio.stripTrailingZeros().toPlainString()
                    + " % is not " + grade.label() + " (" + grade.band() + "); that ratio is "
                    + DamageGrade.forRatio(ratio).label() + ".",
                    List.of(new InvalidInputException.Issue("damageRatioPercent", "must lie in the band of " + grade.name()
                            + ": " + grade.band())));
        }
        return tx.execute(s -> {
            Application a = load(applicationId, true).orElseThrow(() -> notFound(applicationId));
            if (!a.status().surveyable()) {
                throw new ConflictException("A survey result can be recorded once the application is matched to the resident"
                        + " record; it is " + a.status() + ".");
            }
            Instant now = clock.instant();
            jdbc.sql("""
                    update certificate_application set status = 'CERTIFICATE_ISSUED', grade = :g, damage_ratio = :r,
                        survey_note = coalesce(:n, survey_note), surveyed_at = :at, surveyed_by = :by where id = :id""")
                    .param("g", grade.name()).param("r", ratio).param("n", note).param("at", Timestamp.from(now))
                    .param("by", staff).param("id", applicationId).update();
            events.publishEvent(new CertificateEvents.SurveyRecorded(a.id(), a.disasterId(), a.householdNumber(), grade.name(), now));
            Disaster d = disasters.get(a.disasterId());
            String number = numbers.next();
            Optional<Application.Certificate> previous = currentCertificate(applicationId);
            jdbc.sql("""
                    insert into certificate (number, application_id, grade, issued_on, issued_at, holder_name, dwelling_address,
                        disaster_name, disaster_date)
                    values (:n, :a, :g, :on, :at, :holder, :address, :disaster, :date)""")
                    .param("n", number).param("a", applicationId).param("g", grade.name())
                    .param("on", LocalDate.ofInstant(now, JAPAN)).param("at", Timestamp.from(now))
                    .param("holder", a.nameKanji()).param("address", a.dwellingAddress()).param("disaster", d.name())
                    .param("date", LocalDate.ofInstant(d.declaredAt(), JAPAN)).update();
            previous.ifPresent(p -> jdbc.sql("update certificate set superseded_by = :n where number = :old")
                    .param("n", number).param("old", p.number()).update());
            events.publishEvent(new CertificateEvents.CertificateIssued(a.id(), a.disasterId(), a.householdNumber(), number,
                    grade.name(), now));
            log.info("certificate issued for application {} by {}{}", applicationId, staff,
                    previous.map(p -> " (supersedes an earlier one)").orElse(""));
            return load(applicationId, false).orElseThrow();
        });
    }

    // ---------------------------------------------------------------- rows

    private Optional<Application> find(UUID id) {
        return load(id, false);
    }

    private Optional<Application> load(UUID id, boolean lock) {
        return jdbc.sql("select * from certificate_application where id = :id" + (lock ? " for update" : ""))
                .param("id", id).query(CertificateApplications::map).optional();
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("Application not found", "No 罹災証明書 application " + id + " that you may see.");
    }

    private static Application map(ResultSet rs, int n) throws SQLException {
        String grade = rs.getString("grade");
        return new Application(rs.getObject("id", UUID.class), rs.getObject("disaster_id", UUID.class),
                rs.getString("applicant_subject"), rs.getString("name_kanji"), rs.getString("name_kana"),
                rs.getObject("birth_date", LocalDate.class), rs.getString("dwelling_address"),
                rs.getObject("case_id", UUID.class), rs.getString("description"),
                ApplicationStatus.valueOf(rs.getString("status")), rs.getTimestamp("received_at").toInstant(),
                rs.getInt("match_attempts"), instant(rs, "next_match_at"), rs.getString("atena_number"),
                rs.getString("household_number"), instant(rs, "matched_at"), rs.getString("not_matched_reason"),
                rs.getObject("survey_date", LocalDate.class), grade == null ? null : DamageGrade.valueOf(grade),
                rs.getBigDecimal("damage_ratio"), rs.getString("re_survey_reason"));
    }

    private static Application.Certificate certificate(ResultSet rs, int n) throws SQLException {
        return new Application.Certificate(rs.getString("number"), rs.getObject("application_id", UUID.class),
                DamageGrade.valueOf(rs.getString("grade")), rs.getObject("issued_on", LocalDate.class),
                rs.getTimestamp("issued_at").toInstant(), rs.getString("holder_name"), rs.getString("dwelling_address"),
                rs.getString("disaster_name"), rs.getObject("disaster_date", LocalDate.class), rs.getString("superseded_by"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String hash(Application.Form f) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String canonical = String.join("\u0000", f.disasterId().toString(), f.nameKanji(), f.nameKana(),
                    f.birthDate().toString(), f.dwellingAddress(), String.valueOf(f.caseId()), String.valueOf(f.description()));
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
