package jp.kama.hub.disasters.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static jp.kama.hub.disasters.Callers.asRole;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;

import jp.kama.hub.disasters.DisasterServiceIT;
import jp.kama.hub.disasters.resident.ResidentLookup.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * disaster-service's guarded client of the resident record system against the stub on a free
 * port (the module's shared context; {@code open-wait} 2 s there, the rest at the defaults of
 * application.yml: 3-s time limit, 1.5-s attempts, 3 attempts, breaker judged from 5 calls).
 */
class ResidentRecordsIT extends DisasterServiceIT {

    private static final Duration TIME_LIMIT = Duration.ofSeconds(3);

    @Autowired
    ResidentRecords residents;

    @BeforeEach
    @AfterEach
    void normal() {
        CORE_SYSTEMS.reset();
        residents.guard().reset();
    }

    @Test
    void aLookupAnswersTheRecordWithItsHousehold() {
        ResidentLookup answer = residents.lookup("999900000301", "test");

        assertThat(answer).isInstanceOf(ResidentLookup.Found.class);
        ResidentRecord r = ((ResidentLookup.Found) answer).resident();
        assertThat(r.nameKanji()).isEqualTo("見本 健");
        assertThat(r.district()).isEqualTo("INATSUKI");
        assertThat(r.town()).isEqualTo("鴨生");
        assertThat(r.household()).hasSize(4).first().satisfies(head -> assertThat(head.householdHead()).isTrue());
        assertThat(r.sample()).isTrue();
        assertThat(r.inForce()).isTrue();
        assertThat(residents.lookup("999999999999", "test")).isEqualTo(new ResidentLookup.NotFound("999999999999"));
        assertThatThrownBy(() -> residents.lookup("12-3", "test")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSearchByKanaBirthDateAndAddressFindsThePerson() {
        ResidentLookup answer = residents.search("シケン ウメコ", LocalDate.of(1943, 7, 7), "下山田", "test");

        assertThat(answer).isInstanceOf(ResidentLookup.Matches.class);
        assertThat(((ResidentLookup.Matches) answer).residents()).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo("DECEASED"));
    }

    @Test
    void aCoreSystemAnsweringAfter5SecondsGetsTheDegradedAnswerWithinTheTimeLimit() {
        CORE_SYSTEMS.delay(Duration.ofSeconds(5));

        long t0 = System.nanoTime();
        ResidentLookup answer = residents.lookup("999900000101", "test");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(answer).isInstanceOfSatisfying(ResidentLookup.Unavailable.class, u -> {
            assertThat(u.reason()).isEqualTo(Reason.TIMED_OUT);
            assertThat(u.retryAfter()).isPositive();
            assertThat(u.message()).contains("did not answer within 3 s").contains("try again after");
        });
        assertThat(took).isLessThan(TIME_LIMIT.plusMillis(700));
    }

    @Test
    void aCoreSystemThatIsDownOpensTheBreakerWhichThenAnswersAtOnceAndClosesWhenItIsBack() {
        CORE_SYSTEMS.down(true);

        // each call fails fast (503 with a Retry-After longer than the backoff: not retried)
        for (int i = 0; i < 5; i++) {
            assertThat(residents.lookup("999900000101", "test")).isInstanceOfSatisfying(ResidentLookup.Unavailable.class,
                    u -> assertThat(u.reason()).isIn(Reason.FAILED, Reason.CIRCUIT_OPEN));
        }
        assertThat(residents.breakerState()).isEqualTo("OPEN");

        int callsBefore = CORE_SYSTEMS.residentCalls();
        long t0 = System.nanoTime();
        ResidentLookup refused = residents.lookup("999900000101", "test");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(200));
        assertThat(refused).isInstanceOfSatisfying(ResidentLookup.Unavailable.class, u -> {
            assertThat(u.reason()).isEqualTo(Reason.CIRCUIT_OPEN);
            assertThat(u.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        });
        assertThat(CORE_SYSTEMS.residentCalls()).as("the open breaker does not call").isEqualTo(callsBefore);

        CORE_SYSTEMS.down(false);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(residents.lookup("999900000101", "test")).isInstanceOf(ResidentLookup.Found.class));
        assertThat(residents.breakerState()).isEqualTo("CLOSED");
    }

    @Test
    void disasterStaffReadARecordThroughTheHubOthersMayNot() throws Exception {
        mvc.perform(asRole(get("/residents/999900000701"), "staff-1", "disaster-staff"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nameKanji").value("見本 義男"))
                .andExpect(jsonPath("$.district").value("KAHO"))
                .andExpect(jsonPath("$.household.length()").value(3))
                .andExpect(jsonPath("$.sample").value(true));
        mvc.perform(asRole(get("/residents/999900000701"), "shelter-1", "shelter-staff")).andExpect(status().isForbidden());
        mvc.perform(asRole(get("/residents/123"), "staff-1", "disaster-staff")).andExpect(status().isNotFound());
        mvc.perform(asRole(get("/residents/12x"), "staff-1", "disaster-staff")).andExpect(status().isBadRequest());
    }

    @Test
    void aSlowCoreSystemIs503WithRetryAfterWithinTheTimeLimit() throws Exception {
        // warm the web layer and the client up first (a cold first call on a loaded machine may itself take
        // longer than the time limit), so that the measurement below is the guard's time
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(asRole(get("/residents/999900000701"), "staff-1", "disaster-staff")).andExpect(status().isOk()));
        residents.guard().reset();
        CORE_SYSTEMS.delay(Duration.ofSeconds(5));

        long t0 = System.nanoTime();
        mvc.perform(asRole(get("/residents/999900000701"), "staff-1", "disaster-staff"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.reason").value("TIMED_OUT"))
                .andExpect(jsonPath("$.retryAfterSeconds").value(2))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("did not answer within 3 s")));
        // the time limit plus MockMvc on a shared 2-core machine, and well before the stub's 5 s
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(TIME_LIMIT.plusMillis(1_500));
    }
}
