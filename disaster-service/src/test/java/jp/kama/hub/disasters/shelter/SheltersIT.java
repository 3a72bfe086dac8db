package jp.kama.hub.disasters.shelter;

import static jp.kama.hub.disasters.Callers.asRole;
import static jp.kama.hub.disasters.Callers.asShelterStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jp.kama.hub.contracts.events.ShelterEvents;
import jp.kama.hub.disasters.DisasterServiceIT;
import jp.kama.hub.disasters.ShelterCsv;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/** Shelters on real PostgreSQL: import, open/close, check-in/out and the status events in the outbox. */
class SheltersIT extends DisasterServiceIT {

    static final String REGISTERED = "shelter-registered.v1";
    static final String STATUS_CHANGED = "shelter-status-changed.v1";
    static final String OCCUPANCY_CHANGED = "shelter-occupancy-changed.v1";

    ResultActions checkIn(String shelterId, String personRef) throws Exception {
        return mvc.perform(asShelterStaff(post("/shelters/" + shelterId + "/check-ins"), "shelter-1", shelterId)
                .contentType(MediaType.APPLICATION_JSON).content("{\"personRef\":\"" + personRef + "\"}"));
    }

    ResultActions checkOut(String shelterId, String personRef) throws Exception {
        return mvc.perform(asShelterStaff(post("/shelters/" + shelterId + "/check-outs"), "shelter-1", shelterId)
                .contentType(MediaType.APPLICATION_JSON).content("{\"personRef\":\"" + personRef + "\"}"));
    }

    void open(String shelterId) throws Exception {
        mvc.perform(asShelterStaff(post("/shelters/" + shelterId + "/open"), "shelter-1", shelterId)).andExpect(status().isOk());
    }

    List<JsonNode> statusChanges(String id) {
        return events(id, ShelterEvents.STATUS_CHANGED, STATUS_CHANGED);
    }

    List<JsonNode> occupancyChanges(String id) {
        return events(id, ShelterEvents.OCCUPANCY_CHANGED, OCCUPANCY_CHANGED);
    }

    static Instant instant(JsonNode node) {
        return java.time.OffsetDateTime.parse(node.asString()).toInstant();
    }

    /** An open shelter of capacity 10 with {@code people} checked in. */
    String openShelterWith(int people) throws Exception {
        String id = ShelterCsv.newId();
        importShelters(ShelterCsv.of().shelter(id, 10, 33.30, 130.50));
        open(id);
        for (int i = 0; i < people; i++) {
            checkIn(id, "p-" + id + "-" + i).andExpect(status().isCreated());
        }
        return id;
    }

    @Test
    void importRegistersEachShelterOnceAndAgainOnlyWhenItsMasterDataChanges() throws Exception {
        String id = ShelterCsv.newId();
        ShelterCsv csv = ShelterCsv.of().shelter(id, 40, 33.31, 130.51);
        mvc.perform(asRole(post("/shelters/import"), "staff-1", "disaster-staff").contentType("text/csv").content(csv.utf8WithBom()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(1));
        mvc.perform(asRole(post("/shelters/import"), "staff-1", "disaster-staff").contentType("text/csv").content(csv.utf8WithBom()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unchanged").value(1));
        assertThat(events(id, ShelterEvents.REGISTERED, REGISTERED)).hasSize(1);

        importShelters(ShelterCsv.of().shelter(id, 60, 33.31, 130.51));
        List<JsonNode> registered = events(id, ShelterEvents.REGISTERED, REGISTERED);
        assertThat(registered).hasSize(2);
        JsonNode latest = registered.get(1);
        assertThat(latest.get("capacity").asInt()).isEqualTo(60);
        assertThat(latest.get("status").asString()).isEqualTo("CLOSED");
        assertThat(latest.get("lAlertStatus").asString()).isEqualTo("閉鎖");
        assertThat(latest.get("district").asString()).isEqualTo("USUI");
        assertThat(latest.get("hazards").values()).extracting(JsonNode::asString).containsExactly("FLOOD", "LANDSLIDE");
        assertThat(latest.get("sample").asBoolean()).isFalse();
        List<String> columns = new ArrayList<>(latest.get("openData").propertyNames());
        assertThat(columns).as("openData in the national column order").isEqualTo(OpenDataColumns.NATIONAL);
        assertThat(latest.get("openData").get("想定収容人数").asString()).isEqualTo("60");
        assertThat(statusChanges(id)).isEmpty();
    }

    @Test
    void aBadRowRefusesTheWholeFileWith422NamingRowAndColumn() throws Exception {
        String good = ShelterCsv.newId();
        String bad = ShelterCsv.newId();
        ShelterCsv csv = ShelterCsv.of().shelter(good, 10, 33.3, 130.5).shelter(bad, 10, 33.3, 130.5).with("経度", "east");
        mvc.perform(asRole(post("/shelters/import"), "staff-1", "disaster-staff").contentType("text/csv").content(csv.utf8WithBom()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("rows[3].経度"));
        assertThat(jdbc.sql("select count(*) from shelter where id in (:a, :b)").param("a", good).param("b", bad)
                .query(Long.class).single()).as("nothing half-written").isZero();
        assertThat(events(good, ShelterEvents.REGISTERED, REGISTERED)).isEmpty();
    }

    @Test
    void aFileWithoutTheNationalHeaderIs400NamingTheColumn() throws Exception {
        String text = ShelterCsv.of().shelter(ShelterCsv.newId(), 10, 33.3, 130.5).text().replace("緯度", "latitude");
        mvc.perform(asRole(post("/shelters/import"), "staff-1", "disaster-staff").contentType("text/csv").content(text))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("header[14]"));
    }

    @Test
    void shelterStaffMayNotImport() throws Exception {
        mvc.perform(asRole(post("/shelters/import"), "shelter-1", "shelter-staff").contentType("text/csv")
                        .content(ShelterCsv.of().shelter(ShelterCsv.newId(), 10, 33.3, 130.5).utf8WithBom()))
                .andExpect(status().isForbidden());
    }

    @Test
    void openingPublishesOpenedAndCheckInsAreCountedWithStatusChangesOnlyAtTheThresholds() throws Exception {
        String id = openShelterWith(7);
        List<JsonNode> changes = statusChanges(id);
        assertThat(changes).hasSize(1);
        assertThat(changes.getFirst().get("reason").asString()).isEqualTo("OPENED");
        assertThat(changes.getFirst().get("previousStatus").asString()).isEqualTo("CLOSED");
        assertThat(changes.getFirst().get("status").asString()).isEqualTo("OPEN");

        checkIn(id, "p-8").andExpect(status().isCreated())
                .andExpect(jsonPath("$.occupancy").value(8))
                .andExpect(jsonPath("$.capacity").value(10))
                .andExpect(jsonPath("$.status").value("CROWDED"))
                .andExpect(jsonPath("$.alreadyCheckedIn").value(false));
        checkIn(id, "p-9").andExpect(jsonPath("$.status").value("CROWDED"));
        checkIn(id, "p-10").andExpect(jsonPath("$.status").value("FULL"));
        changes = statusChanges(id);
        assertThat(changes).extracting(c -> c.get("status").asString()).containsExactly("OPEN", "CROWDED", "FULL");
        JsonNode full = changes.get(2);
        assertThat(full.get("previousStatus").asString()).isEqualTo("CROWDED");
        assertThat(full.get("reason").asString()).isEqualTo("OCCUPANCY");
        assertThat(full.get("occupancy").asInt()).isEqualTo(10);
        assertThat(full.get("lAlertStatus").asString()).isEqualTo("定員一杯");

        checkOut(id, "p-10").andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CROWDED"));
        checkOut(id, "p-9").andExpect(jsonPath("$.status").value("CROWDED"));
        checkOut(id, "p-8").andExpect(jsonPath("$.status").value("OPEN")).andExpect(jsonPath("$.occupancy").value(7));
        assertThat(statusChanges(id)).extracting(c -> c.get("status").asString())
                .containsExactly("OPEN", "CROWDED", "FULL", "CROWDED", "OPEN");
    }

    @Test
    void everyCheckInAndCheckOutPublishesTheNewCountWithTheTimeOfThatCount() throws Exception {
        String id = openShelterWith(0);
        checkIn(id, "p-1").andExpect(status().isCreated());
        JsonNode shelter = body(mvc.perform(asRole(get("/shelters/" + id), "shelter-1", "shelter-staff")));

        List<JsonNode> counts = occupancyChanges(id);
        assertThat(counts).as("the check-in's count is in the outbox, in the check-in's transaction").hasSize(1);
        assertThat(counts.getFirst().get("occupancy").asInt()).isEqualTo(1);
        assertThat(counts.getFirst().get("status").asString()).isEqualTo("OPEN");
        assertThat(instant(counts.getFirst().get("asOf"))).isEqualTo(instant(shelter.get("asOf")));
        JsonNode published = null;
        for (JsonNode s : body(mvc.perform(get("/public/shelters"))).get("shelters")) {
            if (id.equals(s.get("shelterId").asString())) {
                published = s;
            }
        }
        assertThat(published).isNotNull();
        assertThat(published.get("occupancy").asInt()).isEqualTo(1);
        assertThat(instant(published.get("asOf"))).as("/public/shelters prints the time of its count")
                .isEqualTo(instant(counts.getFirst().get("asOf")));

        for (int i = 2; i <= 8; i++) {
            checkIn(id, "p-" + i).andExpect(status().isCreated());
        }
        checkIn(id, "p-8").andExpect(status().isOk());
        checkOut(id, "p-8").andExpect(jsonPath("$.status").value("OPEN"));
        checkOut(id, "p-7").andExpect(jsonPath("$.occupancy").value(6));

        assertThat(occupancyChanges(id)).as("one event per change: the status change carries the count at a threshold")
                .extracting(c -> c.get("occupancy").asInt()).containsExactly(1, 2, 3, 4, 5, 6, 7, 6);
        assertThat(statusChanges(id)).extracting(c -> c.get("status").asString()).containsExactly("OPEN", "CROWDED", "OPEN");
        List<Instant> times = new ArrayList<>();
        for (JsonNode e : jdbc.sql("""
                select payload from outbox_event where message_key = :k and event_type in (:t) order by seq""")
                .param("k", id).param("t", List.of(ShelterEvents.OCCUPANCY_CHANGED, ShelterEvents.STATUS_CHANGED))
                .query(byte[].class).list().stream().map(p -> json.readTree(p).get("data")).toList()) {
            times.add(instant(e.get("asOf")));
        }
        assertThat(times).as("each event of the shelter is later than the one before").isSortedAccordingTo(Instant::compareTo)
                .doesNotHaveDuplicates();
    }

    @Test
    void aSecondCheckInOfThePersonIsNotCountedAgain() throws Exception {
        String id = openShelterWith(0);
        checkIn(id, "pseudo-abc").andExpect(status().isCreated()).andExpect(jsonPath("$.occupancy").value(1));
        checkIn(id, "pseudo-abc").andExpect(status().isOk())
                .andExpect(jsonPath("$.alreadyCheckedIn").value(true))
                .andExpect(jsonPath("$.occupancy").value(1));
        checkOut(id, "pseudo-abc").andExpect(jsonPath("$.occupancy").value(0)).andExpect(jsonPath("$.alreadyCheckedOut").value(false));
        checkOut(id, "pseudo-abc").andExpect(status().isOk()).andExpect(jsonPath("$.alreadyCheckedOut").value(true))
                .andExpect(jsonPath("$.occupancy").value(0));
        checkIn(id, "pseudo-abc").andExpect(status().isCreated()).andExpect(jsonPath("$.occupancy").value(1));
    }

    @Test
    void concurrentDuplicateCheckInsAreCountedOnce() throws Exception {
        String id = openShelterWith(0);
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<Integer> call = () -> {
                    start.await();
                    return checkIn(id, "same-person").andReturn().getResponse().getStatus();
                };
                statuses.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : statuses) {
                codes.add(f.get());
            }
            assertThat(codes).containsOnlyOnce(201).containsOnly(200, 201);
        } finally {
            pool.shutdownNow();
        }
        mvc.perform(asRole(get("/shelters/" + id), "shelter-1", "shelter-staff")).andExpect(jsonPath("$.occupancy").value(1));
        assertThat(jdbc.sql("select count(*) from shelter_stay where shelter_id = :id").param("id", id).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aPersonRefThatCouldBeAMyNumberIsRefusedAndNotStored() throws Exception {
        String id = openShelterWith(0);
        // a valid My Number (check digit right) is redacted where the JSON is read (platform-web's
        // MyNumberRedactingStringDeserializer), so what reaches the check is no longer a valid id: 400
        String body = checkIn(id, "1234-5678-9018").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("personRef")))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("5678");
        // any other 12 digits could still be one (a typo in the check digit): refused by PersonRef, 422
        body = checkIn(id, "1234-5678-9012").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("personRef"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("5678");
        assertThat(jdbc.sql("select count(*) from shelter_stay where shelter_id = :id").param("id", id).query(Long.class).single())
                .isZero();
        checkIn(id, "not valid!").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("personRef")));
    }

    @Test
    void aClosedShelterTakesNoCheckInsAndUnknownShelterIs404() throws Exception {
        String id = ShelterCsv.newId();
        importShelters(ShelterCsv.of().shelter(id, 10, 33.3, 130.5));
        checkIn(id, "pseudo-1").andExpect(status().isConflict());
        checkIn("NO-SUCH-SHELTER", "pseudo-1").andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void shelterStaffChangeOnlyTheShelterTheirAccountIsBoundTo() throws Exception {
        String mine = openShelterWith(1);
        String theirs = openShelterWith(1);
        String body = "{\"personRef\":\"p-bound\"}";

        mvc.perform(asShelterStaff(post("/shelters/" + theirs + "/check-ins"), "shelter-1", mine)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Shelter " + theirs + " is not yours: your account may change only " + mine + "."));
        mvc.perform(asShelterStaff(post("/shelters/" + theirs + "/close"), "shelter-1", mine)).andExpect(status().isForbidden());
        mvc.perform(asShelterStaff(post("/shelters/" + theirs + "/check-outs"), "shelter-1", mine)
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
        // an account with the role but no shelter may change none (fails closed, never "all")
        mvc.perform(asShelterStaff(post("/shelters/" + mine + "/check-ins"), "shelter-2")
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("Your account is bound to no shelter")));
        mvc.perform(asRole(get("/shelters/" + theirs), "shelter-1", "shelter-staff")).andExpect(jsonPath("$.occupancy").value(1));

        mvc.perform(asShelterStaff(post("/shelters/" + mine + "/check-ins"), "shelter-1", mine)
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated());
        // disaster staff change every shelter
        mvc.perform(asRole(post("/shelters/" + theirs + "/check-ins"), "staff-1", "disaster-staff")
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated());
        mvc.perform(asRole(get("/shelters/" + theirs), "staff-1", "disaster-staff")).andExpect(jsonPath("$.occupancy").value(2));
    }

    @Test
    void closingPublishesClosedAndClosingAgainPublishesNothing() throws Exception {
        String id = openShelterWith(3);
        mvc.perform(asShelterStaff(post("/shelters/" + id + "/close"), "shelter-1", id))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CLOSED")).andExpect(jsonPath("$.occupancy").value(3));
        mvc.perform(asShelterStaff(post("/shelters/" + id + "/close"), "shelter-1", id)).andExpect(status().isOk());
        assertThat(statusChanges(id)).extracting(c -> c.get("reason").asString()).containsExactly("OPENED", "CLOSED");
    }

    @Test
    void newThresholdsPublishThresholdsChangedOnlyWhereTheStatusChanges() throws Exception {
        String nine = openShelterWith(9);
        String two = openShelterWith(2);
        try {
            mvc.perform(asRole(put("/shelters/thresholds"), "staff-1", "disaster-staff")
                            .contentType(MediaType.APPLICATION_JSON).content("{\"crowdedPercent\":95,\"fullPercent\":100}"))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.crowdedPercent").value(95));
            assertThat(statusChanges(nine)).extracting(c -> c.get("reason").asString())
                    .containsExactly("OPENED", "OCCUPANCY", "THRESHOLDS_CHANGED");
            assertThat(statusChanges(nine).getLast().get("status").asString()).isEqualTo("OPEN");
            assertThat(statusChanges(two)).hasSize(1);

            // the same thresholds again change nothing
            mvc.perform(asRole(put("/shelters/thresholds"), "staff-1", "disaster-staff")
                    .contentType(MediaType.APPLICATION_JSON).content("{\"crowdedPercent\":95,\"fullPercent\":100}")).andExpect(status().isOk());
            assertThat(statusChanges(nine)).hasSize(3);

            mvc.perform(asRole(put("/shelters/thresholds"), "staff-1", "disaster-staff")
                            .contentType(MediaType.APPLICATION_JSON).content("{\"crowdedPercent\":90,\"fullPercent\":90}"))
                    .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("fullPercent"));
        } finally {
            mvc.perform(asRole(put("/shelters/thresholds"), "staff-1", "disaster-staff")
                    .contentType(MediaType.APPLICATION_JSON).content("{\"crowdedPercent\":80,\"fullPercent\":100}")).andExpect(status().isOk());
        }
        assertThat(statusChanges(nine).getLast().get("status").asString()).isEqualTo("CROWDED");
    }
}
