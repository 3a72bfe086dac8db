package jp.kama.hub.disasters.shelter;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jp.kama.hub.contracts.district.District;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Shelters, their thresholds and stays in disaster-service's own database. */
@Repository
class ShelterRepository {

    private static final String COLUMNS = """
            id, name, name_kana, address, district, latitude, longitude, designated_shelter, emergency_site,
            hazards, capacity, occupancy, opened, status, open_data, sample, as_of""";

    private final JdbcClient jdbc;

    ShelterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Shelter> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from shelter where id = :id").param("id", id).query(ShelterRepository::map).optional();
    }

    /** Reads and locks the row: changes to one shelter's occupancy are serialised. */
    Optional<Shelter> lock(String id) {
        return jdbc.sql("select " + COLUMNS + " from shelter where id = :id for update").param("id", id)
                .query(ShelterRepository::map).optional();
    }

    List<Shelter> all() {
        return jdbc.sql("select " + COLUMNS + " from shelter order by district, id").query(ShelterRepository::map).list();
    }

    List<Shelter> lockAll() {
        return jdbc.sql("select " + COLUMNS + " from shelter order by id for update").query(ShelterRepository::map).list();
    }

    long count() {
        return jdbc.sql("select count(*) from shelter").query(Long.class).single();
    }

    void insert(Shelter s) {
        jdbc.sql("insert into shelter (" + COLUMNS + """
                ) values (:id, :name, :kana, :address, :district, :lat, :lon, :designated, :emergency,
                          :hazards, :capacity, :occupancy, :opened, :status, :openData, :sample, :asOf)""")
                .paramSource(params(s)).update();
    }

    void update(Shelter s) {
        jdbc.sql("""
                update shelter set name = :name, name_kana = :kana, address = :address, district = :district,
                       latitude = :lat, longitude = :lon, designated_shelter = :designated, emergency_site = :emergency,
                       hazards = :hazards, capacity = :capacity, occupancy = :occupancy, opened = :opened,
                       status = :status, open_data = :openData, sample = :sample, as_of = :asOf
                 where id = :id""")
                .paramSource(params(s)).update();
    }

    Optional<Thresholds> storedThresholds() {
        return jdbc.sql("select crowded_percent, full_percent from shelter_thresholds where id = 1")
                .query((rs, i) -> new Thresholds(rs.getInt(1), rs.getInt(2))).optional();
    }

    void storeThresholds(Thresholds t, String by, Instant at) {
        jdbc.sql("""
                insert into shelter_thresholds (id, crowded_percent, full_percent, changed_at, changed_by)
                values (1, :c, :f, :at, :by)
                on conflict (id) do update set crowded_percent = :c, full_percent = :f, changed_at = :at, changed_by = :by""")
                .param("c", t.crowdedPercent()).param("f", t.fullPercent()).param("at", Timestamp.from(at)).param("by", by)
                .update();
    }

    /** Starts a stay unless the person already has an open one here; true if it started. */
    boolean startStay(String shelterId, String personRef, Instant at) {
        return jdbc.sql("""
                insert into shelter_stay (shelter_id, person_ref, checked_in_at) values (:s, :p, :at)
                on conflict (shelter_id, person_ref) where checked_out_at is null do nothing""")
                .param("s", shelterId).param("p", personRef).param("at", Timestamp.from(at)).update() == 1;
    }

    /** Ends the person's open stay here; true if there was one. */
    boolean endStay(String shelterId, String personRef, Instant at) {
        return jdbc.sql("""
                update shelter_stay set checked_out_at = :at
                 where shelter_id = :s and person_ref = :p and checked_out_at is null""")
                .param("s", shelterId).param("p", personRef).param("at", Timestamp.from(at)).update() == 1;
    }

    /** The stays of one person in any shelter, oldest first. */
    List<Shelters.Stay> staysOf(String personRef) {
        return jdbc.sql("""
                select st.shelter_id, s.name, st.checked_in_at, st.checked_out_at
                  from shelter_stay st join shelter s on s.id = st.shelter_id
                 where st.person_ref = :p order by st.checked_in_at, st.id""")
                .param("p", personRef)
                .query((rs, i) -> new Shelters.Stay(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list();
    }

    private static java.util.Map<String, Object> params(Shelter s) {
        ShelterMaster m = s.master();
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("id", m.id());
        p.put("name", m.name());
        p.put("kana", m.nameKana());
        p.put("address", m.address());
        p.put("district", m.district().name());
        p.put("lat", m.latitude());
        p.put("lon", m.longitude());
        p.put("designated", m.designatedShelter());
        p.put("emergency", m.emergencyEvacuationSite());
        p.put("hazards", m.hazards().stream().map(Enum::name).toArray(String[]::new));
        p.put("capacity", m.capacity());
        p.put("occupancy", s.occupancy());
        p.put("opened", s.opened());
        p.put("status", s.status().name());
        p.put("openData", m.openData().toArray(String[]::new));
        p.put("sample", m.sample());
        p.put("asOf", Timestamp.from(s.asOf()));
        return p;
    }

    private static Shelter map(ResultSet rs, int row) throws SQLException {
        ShelterMaster m = new ShelterMaster(rs.getString("id"), rs.getString("name"), rs.getString("name_kana"),
                rs.getString("address"), District.valueOf(rs.getString("district")), rs.getDouble("latitude"),
                rs.getDouble("longitude"), rs.getBoolean("designated_shelter"), rs.getBoolean("emergency_site"),
                Arrays.stream(strings(rs.getArray("hazards"))).map(HazardType::valueOf).toList(), rs.getInt("capacity"),
                Arrays.asList(strings(rs.getArray("open_data"))), rs.getBoolean("sample"));
        return new Shelter(m, rs.getBoolean("opened"), rs.getInt("occupancy"), ShelterStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("as_of").toInstant());
    }

    private static String[] strings(Array a) throws SQLException {
        return (String[]) a.getArray();
    }
}
