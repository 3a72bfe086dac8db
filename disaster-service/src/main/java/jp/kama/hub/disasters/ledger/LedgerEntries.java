package jp.kama.hub.disasters.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.kama.hub.disasters.ledger.LedgerTypes.Application;
import jp.kama.hub.disasters.ledger.LedgerTypes.CareReason;
import jp.kama.hub.disasters.ledger.LedgerTypes.Damage;
import jp.kama.hub.disasters.ledger.LedgerTypes.Filter;
import jp.kama.hub.disasters.ledger.LedgerTypes.Household;
import jp.kama.hub.disasters.ledger.LedgerTypes.MembersState;
import jp.kama.hub.disasters.ledger.LedgerTypes.Person;
import jp.kama.hub.disasters.ledger.LedgerTypes.Read;
import jp.kama.hub.disasters.ledger.LedgerTypes.ReadOperation;
import jp.kama.hub.disasters.ledger.LedgerTypes.SpecialCare;
import jp.kama.hub.disasters.ledger.LedgerTypes.Summary;
import jp.kama.hub.disasters.ledger.LedgerTypes.Support;
import jp.kama.hub.disasters.ledger.LedgerTypes.SupportKind;
import jp.kama.hub.disasters.resident.ResidentRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger's tables (V4__ledger.sql); no other package reads them. */
@Repository
class LedgerEntries {

    private final JdbcClient jdbc;

    LedgerEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the household's entry (members PENDING) unless it exists; true if it was created. */
    boolean createHousehold(UUID disasterId, String householdNumber, String applicantAtena,
                            @Nullable String dwellingAddress, Instant now) {
        return jdbc.sql("""
                insert into ledger_household (disaster_id, household_number, applicant_atena, dwelling_address,
                                              members_state, created_at, updated_at)
                values (:d, :h, :a, :addr, 'PENDING', :now, :now)
                on conflict (disaster_id, household_number) do nothing""")
                .param("d", disasterId).param("h", householdNumber).param("a", applicantAtena)
                .param("addr", dwellingAddress).param("now", ts(now)).update() == 1;
    }

    /** Adds the applicant as a person of the household (or marks an existing person as applicant); true if new. */
    boolean addApplicant(UUID disasterId, String householdNumber, String atenaNumber) {
        // one statement, so two applications of one household at once cannot both insert
        return jdbc.sql("""
                insert into ledger_person (disaster_id, household_number, atena_number, applicant)
                values (:d, :h, :a, true)
                on conflict (disaster_id, household_number, atena_number) do update set applicant = true
                returning (xmax = 0) as inserted""")
                .param("d", disasterId).param("h", householdNumber).param("a", atenaNumber)
                .query(Boolean.class).single();
    }

    void addApplication(UUID applicationId, UUID disasterId, String householdNumber, @Nullable String personRef,
                        String atenaNumber, @Nullable UUID caseId, Instant at) {
        jdbc.sql("""
                insert into ledger_application (application_id, disaster_id, household_number, person_ref, atena_number,
                                                case_id, matched_at)
                values (:id, :d, :h, :p, :a, :c, :at)
                on conflict (application_id) do nothing""")
                .param("id", applicationId).param("d", disasterId).param("h", householdNumber).param("p", personRef)
                .param("a", atenaNumber).param("c", caseId).param("at", ts(at)).update();
    }

    void markPending(UUID disasterId, String householdNumber, Instant now) {
        jdbc.sql("update ledger_household set members_state = 'PENDING', updated_at = :now where disaster_id = :d and household_number = :h")
                .param("d", disasterId).param("h", householdNumber).param("now", ts(now)).update();
    }

    /** The members from the resident record: each person upserted (applicant and care marks kept), the entry COMPLETE. */
    void completeMembers(UUID disasterId, String householdNumber, ResidentRecord record, Instant now) {
        for (ResidentRecord.Member m : record.household()) {
            jdbc.sql("""
                    insert into ledger_person (disaster_id, household_number, atena_number, name_kanji, name_kana,
                                               birth_date, sex, address, household_head, relationship, status)
                    values (:d, :h, :a, :kanji, :kana, :birth, :sex, :addr, :head, :rel, :status)
                    on conflict (disaster_id, household_number, atena_number) do update set
                        name_kanji = excluded.name_kanji, name_kana = excluded.name_kana, birth_date = excluded.birth_date,
                        sex = excluded.sex, address = excluded.address, household_head = excluded.household_head,
                        relationship = excluded.relationship, status = excluded.status""")
                    .param("d", disasterId).param("h", householdNumber).param("a", m.atenaNumber())
                    .param("kanji", m.nameKanji()).param("kana", m.nameKana()).param("birth", m.birthDate())
                    .param("sex", m.sex()).param("addr", record.address()).param("head", m.householdHead())
                    .param("rel", m.relationship()).param("status", m.status()).update();
        }
        jdbc.sql("""
                update ledger_household set members_state = 'COMPLETE', members_fetched_at = :now, updated_at = :now,
                       address = :addr, district = :district
                 where disaster_id = :d and household_number = :h""")
                .param("d", disasterId).param("h", householdNumber).param("now", ts(now))
                .param("addr", record.address()).param("district", record.district()).update();
    }

    void markNotInResidentRecord(UUID disasterId, String householdNumber, Instant now) {
        jdbc.sql("""
                update ledger_household set members_state = 'NOT_IN_RESIDENT_RECORD', members_fetched_at = :now,
                       updated_at = :now
                 where disaster_id = :d and household_number = :h and members_state = 'PENDING'""")
                .param("d", disasterId).param("h", householdNumber).param("now", ts(now)).update();
    }

    void countAttempt(UUID disasterId, String householdNumber) {
        jdbc.sql("update ledger_household set members_attempts = members_attempts + 1 where disaster_id = :d and household_number = :h")
                .param("d", disasterId).param("h", householdNumber).update();
    }

    /** A household whose members are still to be fetched. */
    record PendingHousehold(UUID disasterId, String householdNumber, String applicantAtena) {
    }

    List<PendingHousehold> pending(int limit) {
        return jdbc.sql("""
                select disaster_id, household_number, applicant_atena from ledger_household
                 where members_state = 'PENDING' order by members_attempts, updated_at limit :n""")
                .param("n", limit)
                .query((rs, i) -> new PendingHousehold(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** The latest survey grade (an older survey arriving late does not win). */
    int recordSurvey(UUID disasterId, String householdNumber, String grade, Instant at) {
        return jdbc.sql("""
                update ledger_household set damage_grade = :g, surveyed_at = :at, updated_at = greatest(updated_at, :at)
                 where disaster_id = :d and household_number = :h and (surveyed_at is null or surveyed_at <= :at)""")
                .param("d", disasterId).param("h", householdNumber).param("g", grade).param("at", ts(at)).update();
    }

    int recordCertificate(UUID disasterId, String householdNumber, String number, String grade, Instant at) {
        return jdbc.sql("""
                update ledger_household set certificate_number = :n, certificate_issued_at = :at,
                       damage_grade = :g, surveyed_at = coalesce(surveyed_at, :at), updated_at = greatest(updated_at, :at)
                 where disaster_id = :d and household_number = :h
                   and (certificate_issued_at is null or certificate_issued_at <= :at)""")
                .param("d", disasterId).param("h", householdNumber).param("n", number).param("g", grade)
                .param("at", ts(at)).update();
    }

    boolean exists(UUID disasterId, String householdNumber) {
        return jdbc.sql("select count(*) from ledger_household where disaster_id = :d and household_number = :h")
                .param("d", disasterId).param("h", householdNumber).query(Long.class).single() > 0;
    }

    void touch(UUID disasterId, String householdNumber, Instant now) {
        jdbc.sql("update ledger_household set updated_at = :now where disaster_id = :d and household_number = :h")
                .param("d", disasterId).param("h", householdNumber).param("now", ts(now)).update();
    }

    void addSupport(UUID disasterId, String householdNumber, Support s) {
        jdbc.sql("""
                insert into ledger_support (id, disaster_id, household_number, kind, given_on, note, recorded_by, recorded_at)
                values (:id, :d, :h, :kind, :on, :note, :by, :at)""")
                .param("id", s.id()).param("d", disasterId).param("h", householdNumber).param("kind", s.kind().name())
                .param("on", s.givenOn()).param("note", s.note()).param("by", s.recordedBy())
                .param("at", ts(s.recordedAt())).update();
    }

    /** Sets (or with {@code care} null clears) the person's special-care mark; false if no such person. */
    boolean setCare(UUID disasterId, String householdNumber, String atenaNumber, @Nullable SpecialCare care) {
        return jdbc.sql("""
                update ledger_person set care_reason = :r, care_note = :n, care_set_by = :by, care_set_at = :at
                 where disaster_id = :d and household_number = :h and atena_number = :a""")
                .param("d", disasterId).param("h", householdNumber).param("a", atenaNumber)
                .param("r", care == null ? null : care.reason().name())
                .param("n", care == null ? null : care.note())
                .param("by", care == null ? null : care.setBy())
                .param("at", care == null ? null : ts(care.setAt())).update() == 1;
    }

    void audit(String actor, ReadOperation operation, UUID disasterId, @Nullable String householdNumber,
               @Nullable String purpose, Instant at) {
        jdbc.sql("""
                insert into ledger_read_audit (actor, operation, disaster_id, household_number, purpose, at)
                values (:actor, :op, :d, :h, :purpose, :at)""")
                .param("actor", actor).param("op", operation.name()).param("d", disasterId).param("h", householdNumber)
                .param("purpose", purpose).param("at", ts(at)).update();
    }

    List<Read> reads(UUID disasterId, String householdNumber) {
        return jdbc.sql("""
                select actor, operation, purpose, at from ledger_read_audit
                 where disaster_id = :d and household_number = :h order by at, id""")
                .param("d", disasterId).param("h", householdNumber)
                .query((rs, i) -> new Read(rs.getString(1), ReadOperation.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    Optional<Household> household(UUID disasterId, String householdNumber) {
        return jdbc.sql("select * from ledger_household where disaster_id = :d and household_number = :h")
                .param("d", disasterId).param("h", householdNumber)
                .query(LedgerEntries::household).optional();
    }

    List<Person> persons(UUID disasterId, String householdNumber) {
        return jdbc.sql("""
                select * from ledger_person where disaster_id = :d and household_number = :h
                 order by household_head desc nulls last, birth_date nulls last, atena_number""")
                .param("d", disasterId).param("h", householdNumber)
                .query(LedgerEntries::person).list();
    }

    List<Support> support(UUID disasterId, String householdNumber) {
        return jdbc.sql("""
                select * from ledger_support where disaster_id = :d and household_number = :h order by given_on, recorded_at""")
                .param("d", disasterId).param("h", householdNumber)
                .query((rs, i) -> new Support(rs.getObject("id", UUID.class), SupportKind.valueOf(rs.getString("kind")),
                        rs.getObject("given_on", java.time.LocalDate.class), rs.getString("note"),
                        rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant()))
                .list();
    }

    List<Application> applications(UUID disasterId, String householdNumber) {
        return jdbc.sql("""
                select * from ledger_application where disaster_id = :d and household_number = :h order by matched_at""")
                .param("d", disasterId).param("h", householdNumber)
                .query((rs, i) -> new Application(rs.getObject("application_id", UUID.class), rs.getString("person_ref"),
                        rs.getString("atena_number"), rs.getObject("case_id", UUID.class),
                        rs.getTimestamp("matched_at").toInstant()))
                .list();
    }

    /** One page of the disaster's households, most recently changed first, and how many match in all. */
    LedgerTypes.Page<Summary> households(UUID disasterId, Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder(" where h.disaster_id = :d");
        Map<String, Object> params = new HashMap<>();
        params.put("d", disasterId);
        if (filter.district() != null) {
            where.append(" and h.district = :district");
            params.put("district", filter.district());
        }
        if (filter.grade() != null) {
            where.append(" and h.damage_grade = :grade");
            params.put("grade", filter.grade());
        }
        if (filter.needsCare() != null) {
            where.append(filter.needsCare() ? " and exists" : " and not exists").append("""
                     (select 1 from ledger_person c where c.disaster_id = h.disaster_id
                       and c.household_number = h.household_number and c.care_reason is not null)""");
        }
        long total = jdbc.sql("select count(*) from ledger_household h" + where).params(params).query(Long.class).single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<Summary> rows = jdbc.sql("""
                select h.*,
                       (select count(*) from ledger_person p where p.disaster_id = h.disaster_id
                          and p.household_number = h.household_number) as persons,
                       (select count(*) from ledger_person p where p.disaster_id = h.disaster_id
                          and p.household_number = h.household_number and p.care_reason is not null) as needing_care,
                       (select p.name_kanji from ledger_person p where p.disaster_id = h.disaster_id
                          and p.household_number = h.household_number and p.household_head limit 1) as head_name
                  from ledger_household h""" + where + " order by h.updated_at desc, h.household_number limit :limit offset :offset")
                .params(params)
                .query((rs, i) -> new Summary(rs.getString("household_number"), rs.getString("district"),
                        rs.getString("address") != null ? rs.getString("address") : rs.getString("dwelling_address"),
                        rs.getString("head_name"), MembersState.valueOf(rs.getString("members_state")),
                        rs.getInt("persons"), rs.getInt("needing_care"), rs.getString("damage_grade"),
                        rs.getString("certificate_number"), rs.getTimestamp("updated_at").toInstant()))
                .list();
        return new LedgerTypes.Page<>(rows, page, size, total);
    }

    /** Every household of the disaster (for the export), in 世帯番号 order. */
    List<String> householdNumbers(UUID disasterId) {
        return jdbc.sql("select household_number from ledger_household where disaster_id = :d order by household_number")
                .param("d", disasterId).query(String.class).list();
    }

    private static Household household(ResultSet rs, int i) throws SQLException {
        return new Household(rs.getObject("disaster_id", UUID.class), rs.getString("household_number"),
                rs.getString("applicant_atena"), rs.getString("dwelling_address"), rs.getString("address"),
                rs.getString("district"), MembersState.valueOf(rs.getString("members_state")),
                instant(rs, "members_fetched_at"),
                new Damage(rs.getString("damage_grade"), instant(rs, "surveyed_at"), rs.getString("certificate_number"),
                        instant(rs, "certificate_issued_at")),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static Person person(ResultSet rs, int i) throws SQLException {
        String reason = rs.getString("care_reason");
        SpecialCare care = reason == null ? null : new SpecialCare(CareReason.valueOf(reason), rs.getString("care_note"),
                rs.getString("care_set_by"), rs.getTimestamp("care_set_at").toInstant());
        Object head = rs.getObject("household_head");
        return new Person(rs.getString("atena_number"), rs.getString("name_kanji"), rs.getString("name_kana"),
                rs.getObject("birth_date", java.time.LocalDate.class), rs.getString("sex"), rs.getString("address"),
                head == null ? null : (Boolean) head, rs.getString("relationship"), rs.getString("status"),
                rs.getBoolean("applicant"), care);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }
}
