package jp.kama.hub.disasters.ledger;

import static jp.kama.hub.disasters.Callers.asRole;
import static jp.kama.hub.disasters.Callers.asShelterStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jp.kama.hub.disasters.DisasterServiceIT;
import jp.kama.hub.disasters.ShelterCsv;
import jp.kama.hub.disasters.certificate.CertificateEvents.ApplicationMatched;
import jp.kama.hub.disasters.certificate.CertificateEvents.CertificateIssued;
import jp.kama.hub.disasters.certificate.CertificateEvents.SurveyRecorded;
import jp.kama.hub.disasters.hazard.CaseSignal;
import jp.kama.hub.disasters.hazard.CaseSignals;
import jp.kama.hub.disasters.resident.ResidentLookup;
import jp.kama.hub.disasters.resident.ResidentRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The disaster-victim ledger on the module's shared context (real PostgreSQL, the core-systems
 * stub on a free port). The certificate's in-process events are published here as the certificate
 * package does: with {@link ApplicationEventPublisher}, inside a transaction.
 */
class LedgerIT extends DisasterServiceIT {

    /** 見本 健, 世帯主 of sample household 99990003 (4 members) in 鴨生 (INATSUKI). */
    private static final String KEN = "999900000301";
    private static final String KEN_HOUSEHOLD = "99990003";
    /** 試験 三郎, 世帯主 of sample household 99990005 (3 members) in 上臼井 (USUI). */
    private static final String SABURO = "999900000501";
    private static final String SABURO_HOUSEHOLD = "99990005";

    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    CaseSignals caseSignals;
    @Autowired
    LedgerMembers members;
    @Autowired
    ResidentRecords residents;

    @AfterEach
    void coreSystemBack() {
        CORE_SYSTEMS.reset();
        // leave the guard's breaker closed for the next test class (open-wait is 2 s in tests)
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(residents.lookup(KEN, "test")).isInstanceOf(ResidentLookup.Found.class));
    }

    @Test
    void aMatchedApplicationPutsTheWholeHouseholdWithShelterStayCaseDamageSupportAndCareIntoTheAuditedLedger() throws Exception {
        UUID disaster = declareDisaster();
        String personRef = "card-" + UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        caseSignals.record(new CaseSignal(caseId, "BUILDING_DAMAGE", 33.5401, 130.6702, Instant.parse("2026-12-06T22:10:00Z")));
        String shelter = shelterWithCheckIn(personRef);
        UUID application = UUID.randomUUID();
        long outboxBefore = outboxEvents();

        publishInTransaction(new ApplicationMatched(application, disaster, personRef, KEN, KEN_HOUSEHOLD,
                "嘉麻市鴨生3-5見本", caseId, Instant.now()));

        JsonNode entry = body(mvc.perform(staff(get(household(disaster, KEN_HOUSEHOLD))).header("X-Purpose", "支援金の審査"))
                .andExpect(status().isOk()));
        assertThat(entry.get("membersState").asString()).isEqualTo("COMPLETE");
        assertThat(entry.get("district").asString()).isEqualTo("INATSUKI");
        assertThat(entry.get("dwellingAddress").asString()).isEqualTo("嘉麻市鴨生3-5見本");
        JsonNode persons = entry.get("persons");
        assertThat(persons).hasSize(4);
        assertThat(persons.get(0).get("atenaNumber").asString()).isEqualTo(KEN);
        assertThat(persons.get(0).get("nameKanji").asString()).isEqualTo("見本 健");
        assertThat(persons.get(0).get("nameKana").asString()).isEqualTo("ミホン ケン");
        assertThat(persons.get(0).get("birthDate").asString()).isEqualTo("1975-05-05");
        assertThat(persons.get(0).get("sex").asString()).isEqualTo("MALE");
        assertThat(persons.get(0).get("householdHead").asBoolean()).isTrue();
        assertThat(persons.get(0).get("applicant").asBoolean()).isTrue();
        assertThat(persons.get(0).get("status").asString()).isEqualTo("RESIDENT");
        assertThat(persons.get(0).get("address").asString()).contains("鴨生");
        assertThat(persons.findValuesAsString("nameKanji")).containsExactlyInAnyOrder("見本 健", "見本 由美", "見本 翔", "見本 さくら");
        assertThat(entry.get("shelterStays")).singleElement().satisfies(s -> {
            assertThat(s.get("shelterId").asString()).isEqualTo(shelter);
            assertThat(s.get("checkedInAt").isString()).isTrue();
            assertThat(s.has("checkedOutAt")).isFalse();
        });
        assertThat(entry.get("cases")).singleElement().satisfies(c -> {
            assertThat(c.get("caseId").asString()).isEqualTo(caseId.toString());
            assertThat(c.get("known").asBoolean()).isTrue();
            assertThat(c.get("category").asString()).isEqualTo("BUILDING_DAMAGE");
            assertThat(c.get("latitude").asDouble()).isEqualTo(33.5401);
        });
        assertThat(entry.get("damage").has("grade")).isFalse();

        // the survey and the certificate update the damage to the dwelling
        Instant surveyed = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        publishInTransaction(new SurveyRecorded(application, disaster, KEN_HOUSEHOLD, "HALF_DESTROYED", surveyed));
        publishInTransaction(new CertificateIssued(application, disaster, KEN_HOUSEHOLD, "KAMA-2026-000123",
                "HALF_DESTROYED", surveyed.plusSeconds(60)));

        // staff record support and special care
        mvc.perform(staff(post(household(disaster, KEN_HOUSEHOLD) + "/support")).contentType("application/json")
                        .content("{\"kind\":\"EMERGENCY_REPAIR\",\"givenOn\":\"2026-12-10\",\"note\":\"屋根の応急修理\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.kind").value("EMERGENCY_REPAIR"))
                .andExpect(jsonPath("$.recordedBy").value("staff-1"));
        mvc.perform(staff(put(household(disaster, KEN_HOUSEHOLD) + "/persons/999900000304/special-care"))
                        .contentType("application/json").content("{\"reason\":\"INFANT\",\"note\":\"小学生\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reason").value("INFANT"));
        mvc.perform(staff(post(household(disaster, KEN_HOUSEHOLD) + "/support")).contentType("application/json")
                        .content("{\"kind\":\"GIFT\",\"givenOn\":\"2026-12-10\"}"))
                .andExpect(status().isBadRequest());

        JsonNode after = body(mvc.perform(staff(get(household(disaster, KEN_HOUSEHOLD)))).andExpect(status().isOk()));
        assertThat(after.get("damage").get("grade").asString()).isEqualTo("HALF_DESTROYED");
        assertThat(after.get("damage").get("certificateNumber").asString()).isEqualTo("KAMA-2026-000123");
        assertThat(Instant.parse(after.get("damage").get("surveyedAt").asString())).isEqualTo(surveyed);
        assertThat(after.get("damage").get("certificateIssuedAt").isString()).isTrue();
        assertThat(after.get("support")).singleElement()
                .satisfies(s -> assertThat(s.get("note").asString()).isEqualTo("屋根の応急修理"));
        JsonNode sakura = null;
        for (JsonNode p : after.get("persons")) {
            if (p.get("atenaNumber").asString().equals("999900000304")) {
                sakura = p;
            }
        }
        assertThat(sakura).isNotNull();
        assertThat(sakura.get("specialCare").get("reason").asString()).isEqualTo("INFANT");
        assertThat(sakura.get("specialCare").get("setBy").asString()).isEqualTo("staff-1");

        // the list, with its filters
        mvc.perform(staff(get("/disasters/" + disaster + "/ledger/households")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.households[0].householdNumber").value(KEN_HOUSEHOLD))
                .andExpect(jsonPath("$.households[0].headNameKanji").value("見本 健"))
                .andExpect(jsonPath("$.households[0].persons").value(4))
                .andExpect(jsonPath("$.households[0].personsNeedingCare").value(1))
                .andExpect(jsonPath("$.households[0].grade").value("HALF_DESTROYED"));
        mvc.perform(staff(get("/disasters/" + disaster + "/ledger/households?district=INATSUKI&needsCare=true&grade=HALF_DESTROYED")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(1));
        mvc.perform(staff(get("/disasters/" + disaster + "/ledger/households?district=KAHO")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));
        mvc.perform(staff(get("/disasters/" + disaster + "/ledger/households?needsCare=false")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));

        // each read left one audit row; the trail is itself a read
        JsonNode trail = body(mvc.perform(staff(get(household(disaster, KEN_HOUSEHOLD) + "/audit")).header("X-Purpose", "監査"))
                .andExpect(status().isOk()));
        assertThat(trail.findValuesAsString("operation")).containsExactly("GET_HOUSEHOLD", "GET_HOUSEHOLD", "GET_AUDIT_TRAIL");
        assertThat(trail.get(0).get("actor").asString()).isEqualTo("staff-1");
        assertThat(trail.get(0).get("purpose").asString()).isEqualTo("支援金の審査");
        assertThat(trail.get(1).has("purpose")).isFalse();
        assertThat(trail.get(2).get("purpose").asString()).isEqualTo("監査");
        assertThat(auditRows(disaster)).isEqualTo(3 + 4); // and the four list reads, without a household
        assertThat(outboxEvents()).as("the ledger publishes nothing: no topic carries its personal data").isEqualTo(outboxBefore);
    }

    @Test
    void onlyDisasterStaffReachTheLedgerAndARefusedReadIsNotAnswered() throws Exception {
        UUID disaster = declareDisaster();
        publishInTransaction(new ApplicationMatched(UUID.randomUUID(), disaster, "card-" + UUID.randomUUID(), SABURO,
                SABURO_HOUSEHOLD, "嘉麻市上臼井5-1見本", null, Instant.now()));
        String entry = household(disaster, SABURO_HOUSEHOLD);

        for (String role : new String[] {"citizen", "partner", "shelter-staff", "department-staff"}) {
            mvc.perform(asRole(get(entry), "someone", role)).andExpect(status().isForbidden());
            mvc.perform(asRole(get("/disasters/" + disaster + "/ledger/households"), "someone", role)).andExpect(status().isForbidden());
            mvc.perform(asRole(get(entry + "/audit"), "someone", role)).andExpect(status().isForbidden());
            mvc.perform(asRole(post(entry + "/support"), "someone", role).contentType("application/json")
                    .content("{\"kind\":\"OTHER\",\"givenOn\":\"2026-12-10\"}")).andExpect(status().isForbidden());
            mvc.perform(asRole(put(entry + "/persons/" + SABURO + "/special-care"), "someone", role)
                    .contentType("application/json").content("{\"reason\":\"ELDERLY\"}")).andExpect(status().isForbidden());
        }
        mvc.perform(get(entry)).andExpect(status().isUnauthorized());
        assertThat(auditRows(disaster)).isZero();

        mvc.perform(staff(get(household(disaster, "12345")))).andExpect(status().isNotFound());
        mvc.perform(staff(get("/disasters/" + UUID.randomUUID() + "/ledger/households"))).andExpect(status().isNotFound());
        mvc.perform(staff(put(entry + "/persons/999900000999/special-care")).contentType("application/json")
                .content("{\"reason\":\"ELDERLY\"}")).andExpect(status().isNotFound());
        assertThat(auditRows(disaster)).isZero();

        mvc.perform(staff(put(entry + "/persons/999900000503/special-care")).contentType("application/json")
                .content("{\"reason\":\"INFANT\"}")).andExpect(status().isOk());
        mvc.perform(staff(delete(entry + "/persons/999900000503/special-care"))).andExpect(status().isNoContent());
        mvc.perform(staff(get(entry))).andExpect(status().isOk())
                .andExpect(jsonPath("$.persons.length()").value(3))
                .andExpect(jsonPath("$.persons[?(@.specialCare)]").isEmpty())
                .andExpect(jsonPath("$.cases").isEmpty());
        assertThat(auditRows(disaster)).isEqualTo(1);
    }

    @Test
    void withTheCoreSystemDownTheEntryHasTheApplicantWithMembersPendingAndIsCompletedWhenItIsBack() throws Exception {
        UUID disaster = declareDisaster();
        CORE_SYSTEMS.down(true);

        publishInTransaction(new ApplicationMatched(UUID.randomUUID(), disaster, "card-" + UUID.randomUUID(), SABURO,
                SABURO_HOUSEHOLD, "嘉麻市上臼井5-1見本", null, Instant.now()));

        mvc.perform(staff(get(household(disaster, SABURO_HOUSEHOLD)))).andExpect(status().isOk())
                .andExpect(jsonPath("$.membersState").value("PENDING"))
                .andExpect(jsonPath("$.persons.length()").value(1))
                .andExpect(jsonPath("$.persons[0].atenaNumber").value(SABURO))
                .andExpect(jsonPath("$.persons[0].applicant").value(true))
                .andExpect(jsonPath("$.persons[0].nameKanji").doesNotExist());
        mvc.perform(staff(get("/disasters/" + disaster + "/ledger/households"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.households[0].membersState").value("PENDING"))
                .andExpect(jsonPath("$.households[0].address").value("嘉麻市上臼井5-1見本"));

        // still down: the retry leaves it pending
        members.retryPending();
        mvc.perform(staff(get(household(disaster, SABURO_HOUSEHOLD)))).andExpect(jsonPath("$.membersState").value("PENDING"));

        CORE_SYSTEMS.down(false);
        // what the scheduled retry does (kama.ledger.members-retry), once the guard's breaker lets a call through
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            members.retryPending();
            mvc.perform(staff(get(household(disaster, SABURO_HOUSEHOLD)))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.membersState").value("COMPLETE"));
        });
        mvc.perform(staff(get(household(disaster, SABURO_HOUSEHOLD)))).andExpect(status().isOk())
                .andExpect(jsonPath("$.persons.length()").value(3))
                .andExpect(jsonPath("$.persons[0].nameKanji").value("試験 三郎"))
                .andExpect(jsonPath("$.persons[0].applicant").value(true))
                .andExpect(jsonPath("$.district").value("USUI"));
    }

    @Test
    void theExportIsOneCsvRowPerPersonReadAsOneAuditedRead() throws Exception {
        UUID disaster = declareDisaster();
        UUID caseId = UUID.randomUUID();
        publishInTransaction(new ApplicationMatched(UUID.randomUUID(), disaster, "card-" + UUID.randomUUID(), KEN,
                KEN_HOUSEHOLD, "嘉麻市鴨生3-5見本", caseId, Instant.now()));
        publishInTransaction(new ApplicationMatched(UUID.randomUUID(), disaster, "card-" + UUID.randomUUID(), SABURO,
                SABURO_HOUSEHOLD, "嘉麻市上臼井5-1見本, \"離れ\"", null, Instant.now()));
        publishInTransaction(new CertificateIssued(UUID.randomUUID(), disaster, SABURO_HOUSEHOLD, "KAMA-2026-000777",
                "TOTAL_COLLAPSE", Instant.now()));
        mvc.perform(staff(post(household(disaster, SABURO_HOUSEHOLD) + "/support")).contentType("application/json")
                .content("{\"kind\":\"LIVELIHOOD_RECOVERY_GRANT\",\"givenOn\":\"2026-12-20\"}")).andExpect(status().isCreated());

        mvc.perform(asRole(get("/disasters/" + disaster + "/ledger/export"), "citizen-1", "citizen")).andExpect(status().isForbidden());
        var response = mvc.perform(staff(get("/disasters/" + disaster + "/ledger/export")).header("X-Purpose", "被災者支援システムへの移行"))
                .andExpect(status().isOk()).andReturn().getResponse();

        assertThat(response.getContentType()).startsWith("text/csv");
        byte[] bytes = response.getContentAsByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).substring(1);
        var records = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(text)).getRecords();
        assertThat(records).hasSize(4 + 3);
        assertThat(records).allSatisfy(r -> assertThat(r.get("災害ID")).isEqualTo(disaster.toString()));
        var saburo = records.stream().filter(r -> r.get("宛名番号").equals(SABURO)).findFirst().orElseThrow();
        assertThat(saburo.get("氏名")).isEqualTo("試験 三郎");
        assertThat(saburo.get("被災住家の所在地")).isEqualTo("嘉麻市上臼井5-1見本, \"離れ\"");
        assertThat(saburo.get("被害の程度")).isEqualTo("TOTAL_COLLAPSE");
        assertThat(saburo.get("罹災証明書番号")).isEqualTo("KAMA-2026-000777");
        assertThat(saburo.get("支援")).isEqualTo("LIVELIHOOD_RECOVERY_GRANT:2026-12-20");
        assertThat(saburo.get("申請者")).isEqualTo("1");
        var ken = records.stream().filter(r -> r.get("宛名番号").equals(KEN)).findFirst().orElseThrow();
        assertThat(ken.get("案件")).isEqualTo(caseId.toString());
        assertThat(ken.get("地区")).isEqualTo("INATSUKI");

        assertThat(jdbc.sql("select operation || '/' || purpose from ledger_read_audit where disaster_id = :d")
                .param("d", disaster).query(String.class).list()).containsExactly("EXPORT/被災者支援システムへの移行");
    }

    private void publishInTransaction(Object event) {
        new TransactionTemplate(transactions).executeWithoutResult(s -> publisher.publishEvent(event));
    }

    private UUID declareDisaster() throws Exception {
        JsonNode d = body(mvc.perform(staff(post("/disasters")).contentType("application/json")
                .content("{\"name\":\"台帳テスト豪雨\",\"kind\":\"FLOOD\"}")).andExpect(status().isCreated()));
        return UUID.fromString(d.get("disasterId").asString());
    }

    private String shelterWithCheckIn(String personRef) throws Exception {
        String id = ShelterCsv.newId();
        importShelters(ShelterCsv.of().shelter(id, 30, 33.30, 130.50));
        mvc.perform(asShelterStaff(post("/shelters/" + id + "/open"), "shelter-1", id)).andExpect(status().isOk());
        mvc.perform(asShelterStaff(post("/shelters/" + id + "/check-ins"), "shelter-1", id).contentType("application/json")
                .content("{\"personRef\":\"" + personRef + "\"}")).andExpect(status().isCreated());
        return id;
    }

    /** The newest outbox sequence number (published rows may be cleaned up, so not a count). */
    private long outboxEvents() {
        return jdbc.sql("select coalesce(max(seq), 0) from outbox_event").query(Long.class).single();
    }

    private long auditRows(UUID disaster) {
        return jdbc.sql("select count(*) from ledger_read_audit where disaster_id = :d").param("d", disaster)
                .query(Long.class).single();
    }

    private static String household(UUID disaster, String householdNumber) {
        return "/disasters/" + disaster + "/ledger/households/" + householdNumber;
    }

    private static MockHttpServletRequestBuilder staff(MockHttpServletRequestBuilder request) {
        return asRole(request, "staff-1", "disaster-staff");
    }
}
