package jp.kama.hub.disasters.certificate;

import static jp.kama.hub.disasters.Callers.asRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jp.kama.hub.disasters.DisasterServiceIT;
import jp.kama.hub.platform.security.roles.KeycloakRoles;
import jp.kama.hub.testsupport.TestPhotos;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The 罹災証明書 flow over the module's shared context (real PostgreSQL and Kafka, the core-systems
 * stub on a free port): the step-up refusal, apply with a phone photo, the core system slow or
 * down (accepted, shown, completed by the retry), a crash-left application, survey and grade,
 * the PDF, verification of genuine and forged numbers, re-survey, and another citizen kept out;
 * with the in-process {@link CertificateEvents} each step publishes.
 */
class CertificatesIT extends DisasterServiceIT {

    /** A sample resident of the stub (見本 太郎, 上山田 1-1見本, household 99990001). */
    private static final String BODY = """
            {"disasterId":"%s","nameKanji":"見本 太郎","nameKana":"ミホン タロウ","birthDate":"1958-04-01",
             "dwellingAddress":"福岡県嘉麻市上山田1-1見本","description":"床上浸水、外壁の一部が崩れた"}""";

    private static final List<Object> EVENTS = new CopyOnWriteArrayList<>();
    private static volatile ConfigurableApplicationContext listening;

    @Autowired
    ConfigurableApplicationContext context;

    private UUID disaster;

    @BeforeEach
    void setUp() throws Exception {
        CORE_SYSTEMS.reset();
        synchronized (EVENTS) {
            if (listening != context) {
                context.addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) e -> {
                    if (e.getPayload().getClass().getEnclosingClass() == CertificateEvents.class) {
                        EVENTS.add(e.getPayload());
                    }
                });
                listening = context;
            }
        }
        disaster = UUID.fromString(body(mvc.perform(asRole(post("/disasters"), "staff-1", "disaster-staff")
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"令和8年 嘉麻市豪雨災害（試験）\",\"kind\":\"FLOOD\"}"))
                .andExpect(status().isCreated())).get("disasterId").asString());
    }

    @AfterEach
    void leaveNothingWaiting() {
        CORE_SYSTEMS.reset();
        // nothing of these tests keeps the background retry calling the stub during other test classes
        jdbc.sql("update certificate_application set status = 'NOT_MATCHED', next_match_at = null"
                + " where status in ('RECEIVED', 'WAITING_FOR_CORE_SYSTEM')").update();
    }

    @Test
    void aPasswordLoginIsRefusedWithTheStepUpAnswer() throws Exception {
        mvc.perform(asRole(post("/certificates/applications"), "citizen-pw", "citizen")
                        .contentType(MediaType.APPLICATION_JSON).content(BODY.formatted(disaster)))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("error=\"insufficient_user_authentication\""),
                        org.hamcrest.Matchers.containsString("acr_values=\"urn:kama:acr:mynumber-card\""))))
                .andExpect(jsonPath("$.acrValues").value("urn:kama:acr:mynumber-card"));
        assertThat(jdbc.sql("select count(*) from certificate_application where applicant_subject = 'citizen-pw'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aCitizenAppliesWithAPhotoIsMatchedSurveyedAndDownloadsTheVerifiableCertificate() throws Exception {
        String citizen = "card-" + UUID.randomUUID();
        JsonNode applied = body(mvc.perform(asCardCitizen(post("/certificates/applications"), citizen)
                        .header("Idempotency-Key", "apply-" + citizen).contentType(MediaType.APPLICATION_JSON)
                        .content(BODY.formatted(disaster)))
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.status").value("MATCHED")));
        UUID id = UUID.fromString(applied.get("applicationId").asString());
        assertThat(applied.get("statusMessage").asString()).contains("照合が完了しました");
        assertThat(events(id, CertificateEvents.ApplicationMatched.class)).singleElement().satisfies(m -> {
            assertThat(m.atenaNumber()).isEqualTo("999900000101");
            assertThat(m.householdNumber()).isEqualTo("99990001");
            assertThat(m.personRef()).as("the person_ref claim, which shelter check-ins carry").isEqualTo("pseudonym-" + citizen);
            assertThat(m.disasterId()).isEqualTo(disaster);
        });

        // the same request again (a retry): the first application, nothing stored twice
        mvc.perform(asCardCitizen(post("/certificates/applications"), citizen).header("Idempotency-Key", "apply-" + citizen)
                        .contentType(MediaType.APPLICATION_JSON).content(BODY.formatted(disaster)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.applicationId").value(id.toString()));
        mvc.perform(asCardCitizen(post("/certificates/applications"), citizen).header("Idempotency-Key", "apply-" + citizen)
                        .contentType(MediaType.APPLICATION_JSON).content(BODY.formatted(disaster).replace("床上浸水", "床下浸水")))
                .andExpect(status().isUnprocessableContent());

        // a phone photo (6 MB, GPS in its EXIF): stored without the metadata
        byte[] phone = TestPhotos.withGpsExif(TestPhotos.phonePhoto(4032, 3024));
        assertThat(phone.length).isGreaterThan(3_000_000);
        JsonNode photo = body(mvc.perform(asCardCitizen(multipart("/certificates/applications/{id}/photos", id)
                        .file(new MockMultipartFile("file", "IMG_0001.jpg", "image/jpeg", phone)), citizen))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.contentType").value("image/jpeg"))
                .andExpect(jsonPath("$.width").value(4032)));
        byte[] stored = mvc.perform(asRole(get("/certificates/applications/{id}/photos/{p}", id, photo.get("photoId").asString()),
                        "staff-2", "disaster-staff"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(TestPhotos.hasApp1(stored)).isFalse();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(TestPhotos.GPS_SECRET);

        // another citizen: the application does not exist for them
        mvc.perform(asCardCitizen(get("/certificates/applications/{id}", id), "card-other"))
                .andExpect(status().isNotFound());
        mvc.perform(asCardCitizen(get("/certificates/applications/{id}/certificate.pdf", id), "card-other"))
                .andExpect(status().isNotFound());
        mvc.perform(asCardCitizen(multipart("/certificates/applications/{id}/photos", id)
                        .file(new MockMultipartFile("file", "x.png", "image/png", TestPhotos.image("png", 20, 20))), "card-other"))
                .andExpect(status().isNotFound());
        mvc.perform(asCardCitizen(get("/certificates/applications"), "card-other"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));

        // staff: the disaster's list, schedule, a grade whose ratio is outside its band is refused, then the grade
        mvc.perform(asRole(get("/certificates/applications").param("disasterId", disaster.toString()), "staff-2", "disaster-staff"))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].applicationId").value(id.toString()))
                .andExpect(jsonPath("$[0].photos.length()").value(1));
        mvc.perform(asCardCitizen(post("/certificates/applications/{id}/survey-results", id), citizen)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"grade\":\"ZENKAI\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(asRole(post("/certificates/applications/{id}/survey-schedule", id), "staff-2", "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"surveyDate\":\"2026-12-10\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SURVEY_SCHEDULED"))
                .andExpect(jsonPath("$.surveyDate").value("2026-12-10"));
        mvc.perform(asRole(post("/certificates/applications/{id}/survey-results", id), "staff-2", "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"grade\":\"HANKAI\",\"damageRatioPercent\":35}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("damageRatioPercent"));
        JsonNode graded = body(mvc.perform(asRole(post("/certificates/applications/{id}/survey-results", id), "staff-2", "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"grade\":\"HANKAI\",\"damageRatioPercent\":24.5}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CERTIFICATE_ISSUED"))
                .andExpect(jsonPath("$.grade").value("HANKAI"))
                .andExpect(jsonPath("$.gradeLabel").value("半壊")));
        String number = graded.get("certificate").get("certificateNumber").asString();
        assertThat(events(id, CertificateEvents.SurveyRecorded.class)).singleElement()
                .satisfies(s -> assertThat(s.grade()).isEqualTo("HANKAI"));
        assertThat(events(id, CertificateEvents.CertificateIssued.class)).singleElement().satisfies(c -> {
            assertThat(c.certificateNumber()).isEqualTo(number);
            assertThat(c.householdNumber()).isEqualTo("99990001");
        });

        // the citizen follows the status and downloads the PDF
        mvc.perform(asCardCitizen(get("/certificates/applications"), citizen))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].status").value("CERTIFICATE_ISSUED"))
                .andExpect(jsonPath("$[0].certificate.certificateNumber").value(number));
        byte[] pdf = mvc.perform(asCardCitizen(get("/certificates/applications/{id}/certificate.pdf", id), citizen))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andReturn().getResponse().getContentAsByteArray();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(doc)).contains("罹災証明書", "見本 太郎", "半壊", number, "嘉麻市長",
                    "令和8年 嘉麻市豪雨災害（試験）");
        }
        mvc.perform(asRole(get("/certificates/applications/{id}/certificate.pdf", id), "staff-2", "disaster-staff"))
                .andExpect(status().isOk());

        // anyone can check the number: genuine, with the grade and a masked name only
        mvc.perform(get("/public/certificates/{n}", number))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.genuine").value(true))
                .andExpect(jsonPath("$.grade").value("HANKAI"))
                .andExpect(jsonPath("$.holderNameMasked").value("見＊ ＊＊"))
                .andExpect(jsonPath("$.superseded").value(false))
                .andExpect(jsonPath("$.birthDate").doesNotExist())
                .andExpect(jsonPath("$.dwellingAddress").doesNotExist());
        String forged = number.substring(0, number.length() - 1) + (number.endsWith("7") ? "8" : "7");
        mvc.perform(get("/public/certificates/{n}", forged))
                .andExpect(status().isOk()).andExpect(jsonPath("$.genuine").value(false))
                .andExpect(jsonPath("$.grade").doesNotExist());
        mvc.perform(get("/public/certificates/{n}", new CertificateNumbers("an-attacker-guessing-the-key").next()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.genuine").value(false));

        // re-survey: asked by the citizen, a new grade supersedes the first certificate
        mvc.perform(asCardCitizen(post("/certificates/applications/{id}/re-survey-requests", id), citizen)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"基礎のひび割れが調査されていない\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RE_SURVEY_REQUESTED"))
                .andExpect(jsonPath("$.certificate.certificateNumber").value(number));
        mvc.perform(asRole(post("/certificates/applications/{id}/re-survey-requests", id), "citizen-pw", "citizen")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}"))
                .andExpect(status().isUnauthorized());
        String second = body(mvc.perform(asRole(post("/certificates/applications/{id}/survey-results", id), "staff-3", "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"grade\":\"DAIKIBO_HANKAI\",\"damageRatioPercent\":42}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.grade").value("DAIKIBO_HANKAI")))
                .get("certificate").get("certificateNumber").asString();
        assertThat(second).isNotEqualTo(number);
        mvc.perform(get("/public/certificates/{n}", number))
                .andExpect(jsonPath("$.genuine").value(true)).andExpect(jsonPath("$.superseded").value(true));
        mvc.perform(get("/public/certificates/{n}", second))
                .andExpect(jsonPath("$.superseded").value(false)).andExpect(jsonPath("$.gradeLabel").value("大規模半壊"));
        assertThat(events(id, CertificateEvents.CertificateIssued.class)).hasSize(2);
        assertThat(events(id, CertificateEvents.SurveyRecorded.class)).hasSize(2);
    }

    @Test
    void aCoreSystemAnsweringAfter5SecondsStillAcceptsTheApplicationAndTheRetryCompletesIt() throws Exception {
        CORE_SYSTEMS.delay(Duration.ofSeconds(5));
        UUID id = applyAndExpectWaiting("card-" + UUID.randomUUID());

        CORE_SYSTEMS.reset();
        awaitMatched(id);
    }

    @Test
    void aCoreSystemThatIsDownStillAcceptsTheApplicationAndTheRetryCompletesIt() throws Exception {
        CORE_SYSTEMS.down(true);
        String citizen = "card-" + UUID.randomUUID();
        UUID id = applyAndExpectWaiting(citizen);
        mvc.perform(asCardCitizen(get("/certificates/applications/{id}", id), citizen))
                .andExpect(jsonPath("$.status").value("WAITING_FOR_CORE_SYSTEM"))
                .andExpect(jsonPath("$.nextMatchAttemptAt").exists());
        assertThat(events(id, CertificateEvents.ApplicationMatched.class)).isEmpty();

        CORE_SYSTEMS.reset();
        awaitMatched(id);
    }

    @Test
    void anApplicationLeftUnmatchedByACrashIsMatchedByTheRetry() throws Exception {
        // as a restart finds it: stored (committed), never matched
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into certificate_application (id, disaster_id, applicant_subject, applicant_person_ref, request_hash,
                    name_kanji, name_kana, birth_date, dwelling_address, status, received_at, next_match_at)
                values (:id, :d, 'card-crash', 'person-crash', 'x', '見本 健', 'ミホン ケン', date '1975-05-05', '鴨生', 'RECEIVED', now(), now())""")
                .param("id", id).param("d", disaster).update();
        awaitMatched(id);
        assertThat(events(id, CertificateEvents.ApplicationMatched.class)).singleElement()
                .satisfies(m -> assertThat(m.atenaNumber()).isEqualTo("999900000301"));
    }

    @Test
    void anApplicationWithoutAResidentRecordIsNotMatchedSaysWhomToContactAndStaffMatchItByHand() throws Exception {
        String citizen = "card-" + UUID.randomUUID();
        mvc.perform(asCardCitizen(post("/certificates/applications"), citizen).contentType(MediaType.APPLICATION_JSON)
                        .content(BODY.formatted(disaster).replace("1958-04-01", "1958-04-02")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("NOT_MATCHED"))
                .andExpect(jsonPath("$.statusMessage").value(org.hamcrest.Matchers.containsString("ご連絡ください")));
        UUID id = UUID.fromString(jdbc.sql("select id from certificate_application where applicant_subject = :s")
                .param("s", citizen).query(String.class).single());
        mvc.perform(asCardCitizen(post("/certificates/applications"), citizen).contentType(MediaType.APPLICATION_JSON)
                        .content(BODY.formatted(UUID.randomUUID())))
                .andExpect(status().isNotFound());

        // staff match it by hand once the citizen called: a wrong or removed record is refused, then the right one
        mvc.perform(asCardCitizen(post("/certificates/applications/{id}/match", id), citizen)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"atenaNumber\":\"999900000101\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(asRole(post("/certificates/applications/{id}/match", id), "staff-4", "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"atenaNumber\":\"999999999999\"}"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(asRole(post("/certificates/applications/{id}/match", id), "staff-4", "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"atenaNumber\":\"999900000202\"}"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(asRole(post("/certificates/applications/{id}/match", id), "staff-4", "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"atenaNumber\":\"999900000101\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("MATCHED"));
        assertThat(events(id, CertificateEvents.ApplicationMatched.class)).singleElement()
                .satisfies(m -> assertThat(m.householdNumber()).isEqualTo("99990001"));
        mvc.perform(asRole(post("/certificates/applications/{id}/match", id), "staff-4", "disaster-staff")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"atenaNumber\":\"999900000101\"}"))
                .andExpect(status().isConflict());
    }

    private UUID applyAndExpectWaiting(String citizen) throws Exception {
        long t0 = System.nanoTime();
        JsonNode answer = body(mvc.perform(asCardCitizen(post("/certificates/applications"), citizen)
                        .contentType(MediaType.APPLICATION_JSON).content(BODY.formatted(disaster)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("WAITING_FOR_CORE_SYSTEM")));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(answer.get("statusMessage").asString()).contains("住民記録システムが応答しない", "自動で再試行");
        return UUID.fromString(answer.get("applicationId").asString());
    }

    private void awaitMatched(UUID id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(jdbc.sql("select status from certificate_application where id = :id").param("id", id)
                        .query(String.class).single()).isEqualTo("MATCHED"));
        assertThat(events(id, CertificateEvents.ApplicationMatched.class)).hasSize(1);
    }

    private static <T> List<T> events(UUID applicationId, Class<T> type) {
        return EVENTS.stream().filter(type::isInstance).map(type::cast).filter(e -> switch (e) {
            case CertificateEvents.ApplicationMatched m -> m.applicationId().equals(applicationId);
            case CertificateEvents.SurveyRecorded s -> s.applicationId().equals(applicationId);
            case CertificateEvents.CertificateIssued c -> c.applicationId().equals(applicationId);
            default -> false;
        }).toList();
    }

    /**
     * A citizen who logged in with the My Number card: role citizen, the card's {@code acr} and, as
     * Keycloak maps it, identity-service's pseudonym in {@code person_ref} (not the token's sub).
     */
    private static <B extends AbstractMockHttpServletRequestBuilder<B>> B asCardCitizen(B request, String subject) {
        return request.with(jwt()
                .jwt(j -> j.subject(subject).claim("realm_access", Map.of("roles", List.of("citizen")))
                        .claim("acr", "urn:kama:acr:mynumber-card").claim("person_ref", "pseudonym-" + subject))
                .authorities(KeycloakRoles::authorities));
    }
}
