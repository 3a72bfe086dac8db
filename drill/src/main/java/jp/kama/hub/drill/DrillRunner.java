package jp.kama.hub.drill;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jp.kama.hub.devcard.SoftwareCard;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays a {@link Plan} against a running hub, one request after another at the plan's times
 * divided by the speed factor, through the gateway (and Keycloak for tokens) only. Then counts
 * what the hub shows and, unless told not to, takes back what the drill changed (docs/drill.md,
 * "Clearing").
 */
final class DrillRunner {

    /** Everything that marks drill data where a person reads it. */
    static final String MARK = "【訓練】";

    record Options(String gatewayUrl, String keycloakUrl, Path devCardDir, double speed, boolean cleanup,
            Duration settle, Consumer<String> out) {
    }

    private record Answer(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (RuntimeException e) {
                return JSON.createObjectNode();
            }
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Actors actors;
    private final Summary summary;
    private final String runId;
    private int currentStep;

    private String disasterId;
    private final Map<String, String> shelterStatusBefore = new HashMap<>();
    private final Set<String> openedShelters = new LinkedHashSet<>();
    /** shelterId -> people the drill checked in there (personRefs), to check them out again. */
    private final Map<String, Set<String>> checkedIn = new LinkedHashMap<>();
    private final Set<String> districtsRaised = new LinkedHashSet<>();
    private final Set<String> caseIds = new LinkedHashSet<>();
    private final Map<String, String> reportActor = new HashMap<>();

    DrillRunner(Options options, String runId, Plan plan) {
        this.options = options;
        this.runId = runId;
        this.actors = new Actors(http, options.keycloakUrl());
        this.summary = new Summary(runId, plan.scenario(), plan.seed(), options.speed());
    }

    Summary run(Plan plan) throws InterruptedException {
        Consumer<String> out = options.out();
        out.accept("drill: " + plan.scenario() + ", " + plan.steps().size() + " steps, seed " + plan.seed() + ", speed "
                + options.speed() + ", run " + runId + " against " + options.gatewayUrl());
        currentStep = -1;
        Map<String, Long> sentBefore = messagesSent();
        for (JsonNode s : publicShelters()) {
            shelterStatusBefore.put(s.get("shelterId").asString(), s.path("status").asString());
        }
        // log every actor in before the clock starts: a password grant on a busy Keycloak takes seconds
        Set<String> players = new LinkedHashSet<>(List.of("staff", "staff2"));
        for (Plan.Step step : plan.steps()) {
            if (step.args().containsKey("by")) {
                players.add(step.arg("by"));
            }
            if (step.kind() == Plan.Kind.REPORT) {
                players.add(switch (step.arg("channel")) {
                    case "PARTNER" -> Actors.PARTNER;
                    case "STAFF" -> "staff";
                    default -> "citizen";
                });
            }
        }
        players.forEach(actors::token);
        long start = System.nanoTime();
        int done = 0;
        for (Plan.Step step : plan.steps()) {
            long dueNanos = start + (long) (step.atMillis() * 1_000_000L / options.speed());
            long wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            } else {
                summary.maxLagMillis = Math.max(summary.maxLagMillis, -wait / 1_000_000L);
            }
            currentStep = step.index();
            play(step);
            done++;
            if (done % 10 == 0 || done == plan.steps().size() || step.kind() != Plan.Kind.REPORT && step.kind() != Plan.Kind.CHECK_IN_MANUAL) {
                out.accept(String.format("drill: t=%6.1fs step %d/%d %s %s", (System.nanoTime() - start) / 1e9, done,
                        plan.steps().size(), step.kind(), brief(step)));
            }
        }
        summary.seconds = (System.nanoTime() - start) / 1e9;
        currentStep = -1;
        Thread.sleep(options.settle().toMillis()); // let the events reach the other services
        count(sentBefore);
        if (options.cleanup()) {
            clear();
        }
        return summary;
    }

    private static String brief(Plan.Step step) {
        return switch (step.kind()) {
            case REPORT -> step.arg("channel") + " " + step.arg("category") + " " + step.arg("district");
            case EVACUATE -> step.arg("district") + " level " + (step.arg("level").isEmpty() ? "lifted" : step.arg("level"));
            case DECLARE -> step.arg("name");
            default -> step.arg("shelterId");
        };
    }

    private void play(Plan.Step step) {
        switch (step.kind()) {
            case DECLARE -> declare(step);
            case EVACUATE -> evacuate(step);
            case OPEN_SHELTER -> {
                Answer a = call("openShelter", "POST", "/api/shelters/" + step.arg("shelterId") + "/open", step.arg("by"), null, null, Set.of(200));
                if (a.status() == 200 && "CLOSED".equals(shelterStatusBefore.getOrDefault(step.arg("shelterId"), "CLOSED"))) {
                    openedShelters.add(step.arg("shelterId"));
                }
            }
            case CHECK_IN_MANUAL -> checkIn(step, step.arg("personRef"), false);
            case CHECK_IN_CARD -> cardCheckIn(step);
            case REPORT -> report(step);
        }
    }

    private void declare(Plan.Step step) {
        String name = step.arg("name").startsWith(MARK) ? step.arg("name") : MARK + step.arg("name");
        Answer a = call("declareDisaster", "POST", "/api/disasters", "staff", "application/json",
                json(Map.of("name", name, "kind", step.arg("kind"), "exercise", true)), Set.of(201));
        if (a.status() == 201) {
            disasterId = a.json().path("disasterId").asString(null);
        }
    }

    private void evacuate(Plan.Step step) {
        if (disasterId == null) {
            summary.unexpected.add(new Summary.Unexpected(step.index(), "draftEvacuation", 0, "skipped: no disaster was declared"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("disasterId", disasterId);
        body.put("district", step.arg("district"));
        body.put("level", step.arg("level").isEmpty() ? null : Integer.valueOf(step.arg("level")));
        body.put("message", step.arg("message").isEmpty() ? null : MARK + step.arg("message"));
        Answer draft = call("draftEvacuation", "POST", "/api/evacuation/drafts", "staff", "application/json", json(body), Set.of(201));
        if (draft.status() != 201) {
            return;
        }
        // the two-person rule: another disaster-staff member approves
        Answer approved = call("approveEvacuationDraft", "POST", "/api/evacuation/drafts/" + draft.json().path("draftId").asString() + "/approve",
                "staff2", null, null, Set.of(200));
        if (approved.status() == 200) {
            summary.evacuationChanges++;
            if (step.arg("level").isEmpty()) {
                districtsRaised.remove(step.arg("district"));
            } else {
                districtsRaised.add(step.arg("district"));
            }
        }
    }

    private void checkIn(Plan.Step step, String personRef, boolean card) {
        Answer a = call(card ? "checkIn (card)" : "checkIn", "POST", "/api/shelters/" + step.arg("shelterId") + "/check-ins",
                step.arg("by"), "application/json", json(Map.of("personRef", personRef)), card ? Set.of(201, 200) : Set.of(201));
        if (a.status() == 201 || a.status() == 200) {
            checkedIn.computeIfAbsent(step.arg("shelterId"), k -> new LinkedHashSet<>()).add(personRef);
            if (a.status() == 201) {
                summary.checkIns++;
                if (card) {
                    summary.cardCheckIns++;
                }
            }
        }
    }

    private void cardCheckIn(Plan.Step step) {
        SoftwareCard card;
        try {
            card = SoftwareCard.load(options.devCardDir().resolve("cards").resolve(step.arg("card") + ".p12"), "1234");
        } catch (RuntimeException e) {
            summary.unexpected.add(new Summary.Unexpected(step.index(), "load card " + step.arg("card"), 0,
                    "no development card in " + options.devCardDir() + " (--data of the running stack): " + e.getMessage()));
            return;
        }
        Answer challenge = call("issueChallenge", "POST", "/api/identity/card/challenges", step.arg("by"), null, null, Set.of(201));
        if (challenge.status() != 201) {
            return;
        }
        JsonNode c = challenge.json();
        Answer verified = call("verifyCard", "POST", "/api/identity/card/verifications", step.arg("by"), "application/json",
                json(Map.of("challengeId", c.path("challengeId").asString(), "certificate", card.certificateBase64(),
                        "signature", card.sign(c.path("challenge").asString()))), Set.of(200));
        if (verified.status() == 200) {
            checkIn(step, verified.json().path("personRef").asString(), true);
        }
    }

    private void report(Plan.Step step) {
        String channel = step.arg("channel");
        String description = MARK + step.arg("description") + " (drill " + runId + ")";
        String key = "drill-" + runId + "-" + step.index();
        summary.reportsSent++;
        Answer a;
        String actor;
        if (channel.equals("PARTNER")) {
            actor = Actors.PARTNER;
            a = call("open311CreateRequest", "POST", "/open311/v2/requests.json", actor, "application/x-www-form-urlencoded",
                    Actors.form(Map.of("service_code", step.arg("category"), "lat", step.arg("latitude"),
                            "long", step.arg("longitude"), "description", description,
                            "address_string", "嘉麻市 " + step.arg("district") + " " + MARK,
                            "exercise", "true")).getBytes(StandardCharsets.UTF_8),
                    Set.of(201), "Idempotency-Key", key);
        } else {
            actor = channel.equals("STAFF") ? "staff" : "citizen";
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("category", step.arg("category"));
            body.put("location", Map.of("latitude", Double.parseDouble(step.arg("latitude")), "longitude", Double.parseDouble(step.arg("longitude"))));
            body.put("addressText", "嘉麻市 " + step.arg("district") + " " + MARK);
            body.put("description", description);
            body.put("exercise", true);
            a = call("submitReport", "POST", "/api/reports", actor, "application/json", json(body), Set.of(201), "Idempotency-Key", key);
        }
        if (a.status() != 201) {
            return;
        }
        summary.reportsAccepted++;
        summary.reportsByChannel.merge(channel, 1, Integer::sum);
        JsonNode accepted = a.json();
        String reportId = channel.equals("PARTNER") ? accepted.path("service_request_id").asString(null) : accepted.path("reportId").asString(null);
        String caseId = accepted.path("caseId").asString(null);
        if (caseId != null) {
            if (!caseIds.add(caseId)) {
                summary.reportsMergedByAnswer++;
            }
        } else {
            summary.partnerReportsWithoutVisibleCase++; // adjusted in count(): partner reports merged into visible cases
        }
        if (reportId != null) {
            reportActor.put(reportId, actor);
        }
        if ("true".equals(step.arg("photo")) && reportId != null) {
            summary.photosSent++;
            String boundary = "drill-" + runId;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"drill-" + step.index()
                    + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(Photos.phoneJpeg(summary.seed * 31 + step.index()));
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            Answer p = call("addReportPhoto", "POST", "/api/reports/" + reportId + "/photos", actor,
                    "multipart/form-data; boundary=" + boundary, body.toByteArray(), Set.of(201));
            if (p.status() == 201) {
                summary.photosAccepted++;
            }
        }
    }

    /** Counts what the hub shows now. */
    private void count(Map<String, Long> sentBefore) {
        // every case whose description carries this run's id: also those an Open311 report opened
        // (an Open311 answer names no case)
        int page = 0;
        while (true) {
            Answer found = call("listCases", "GET", "/api/cases?q=" + runId + "&size=500&page=" + page, "staff", null, null, Set.of(200));
            JsonNode items = found.json().path("items");
            for (JsonNode c : items) {
                caseIds.add(c.path("id").asString());
            }
            if (found.status() != 200 || items.size() < 500) {
                break;
            }
            page++;
        }
        int partnerReportsInVisibleCases = 0;
        for (String caseId : caseIds) {
            Answer a = call("getCase", "GET", "/api/cases/" + caseId, "staff", null, null, Set.of(200));
            if (a.status() == 200) {
                JsonNode c = a.json();
                summary.casesByState.merge(c.path("status").asString(), 1, Integer::sum);
                int reportCount = c.path("reportCount").asInt(1);
                summary.reportsMerged += Math.max(0, reportCount - 1);
            }
            Answer reports = call("listCaseReports", "GET", "/api/cases/" + caseId + "/reports", "staff", null, null, Set.of(200));
            if (reports.status() == 200) {
                JsonNode items = reports.json().isArray() ? reports.json() : reports.json().path("items");
                for (JsonNode r : items) {
                    if ("PARTNER".equals(r.path("channel").asString())) {
                        partnerReportsInVisibleCases++;
                    }
                }
            }
        }
        summary.partnerReportsWithoutVisibleCase = Math.max(0, summary.partnerReportsWithoutVisibleCase - partnerReportsInVisibleCases);
        for (JsonNode s : publicShelters()) {
            String id = s.get("shelterId").asString();
            summary.sheltersByStatus.merge(s.path("status").asString(), 1, Integer::sum);
            if (checkedIn.containsKey(id) || openedShelters.contains(id)) {
                summary.drillShelters.put(id, s.path("status").asString() + " " + s.path("occupancy").asInt() + "/" + s.path("capacity").asInt());
            }
        }
        Answer evacuation = call("publicEvacuation", "GET", "/public/evacuation", null, null, null, Set.of(200));
        for (JsonNode d : evacuation.json().path("districts")) {
            if (!d.path("level").isNull() && !d.path("level").isMissingNode()) {
                summary.evacuationInForce.put(d.path("district").asString(), Integer.toString(d.path("level").asInt()));
            }
        }
        Map<String, Long> sentAfter = messagesSent();
        sentAfter.forEach((channel, n) -> summary.messagesByChannel.put(channel, n - sentBefore.getOrDefault(channel, 0L)));
    }

    /** Takes back what the drill changed, through the same public interfaces (docs/drill.md, "Clearing"). */
    private void clear() {
        int out = 0;
        for (var e : checkedIn.entrySet()) {
            String by = openedBy(e.getKey());
            for (String person : e.getValue()) {
                if (call("checkOut", "POST", "/api/shelters/" + e.getKey() + "/check-outs", by, "application/json",
                        json(Map.of("personRef", person)), Set.of(200)).status() == 200) {
                    out++;
                }
            }
        }
        int closed = 0;
        for (String shelter : openedShelters) {
            if (call("closeShelter", "POST", "/api/shelters/" + shelter + "/close", "staff", null, null, Set.of(200)).status() == 200) {
                closed++;
            }
        }
        int lifted = 0;
        if (disasterId != null) {
            for (String district : List.copyOf(districtsRaised)) {
                Map<String, Object> body = new HashMap<>();
                body.put("disasterId", disasterId);
                body.put("district", district);
                body.put("level", null);
                body.put("message", MARK + "訓練終了");
                Answer draft = call("draftEvacuation (lift)", "POST", "/api/evacuation/drafts", "staff", "application/json", json(body), Set.of(201));
                if (draft.status() == 201 && call("approveEvacuationDraft (lift)", "POST",
                        "/api/evacuation/drafts/" + draft.json().path("draftId").asString() + "/approve", "staff2", null, null, Set.of(200)).status() == 200) {
                    lifted++;
                }
            }
            call("endDisaster", "POST", "/api/disasters/" + disasterId + "/end", "staff", null, null, Set.of(200));
        }
        // the drill's cases are exercises: deleted (DELETE /cases/{id}); a hub that refuses it
        // (409: not an exercise) gets the case rejected as 訓練データ instead
        int deleted = 0;
        int rejected = 0;
        for (String caseId : caseIds) {
            if (call("deleteExerciseCase", "DELETE", "/api/cases/" + caseId, "staff", null, null, Set.of(204)).status() == 204) {
                deleted++;
                continue;
            }
            Answer c = call("getCase", "GET", "/api/cases/" + caseId, "staff", null, null, Set.of(200));
            String status = c.json().path("status").asString("");
            if (!Set.of("REPORTED", "TRIAGED").contains(status)) {
                continue; // already closed, rejected or merged as duplicate by someone: left as it is
            }
            String etag = c.raw() == null ? null : c.raw().headers().firstValue("ETag").orElse(null);
            Answer t = call("transitionCase (REJECTED)", "POST", "/api/cases/" + caseId + "/transitions", "staff", "application/json",
                    json(Map.of("to", "REJECTED", "note", MARK + "訓練データ (drill " + runId + ")")), Set.of(200),
                    etag == null ? new String[0] : new String[] {"If-Match", etag});
            if (t.status() == 200) {
                rejected++;
            }
        }
        summary.cleanup.add("checked out " + out);
        summary.cleanup.add("closed " + closed + " shelter(s) the drill opened");
        summary.cleanup.add("lifted " + lifted + " district(s)");
        summary.cleanup.add("disaster " + (disasterId == null ? "none" : "ended"));
        if (disasterId != null && call("deleteExerciseDisaster", "DELETE", "/api/disasters/" + disasterId, "staff", null, null,
                Set.of(204)).status() == 204) {
            summary.cleanup.add("disaster deleted");
        }
        summary.cleanup.add("deleted " + deleted + " case(s)");
        summary.cleanup.add("rejected " + rejected + " case(s) as 訓練データ");
    }

    private String openedBy(String shelterId) {
        return "staff"; // disaster-staff may check out at every shelter
    }

    private Map<String, Long> messagesSent() {
        Map<String, Long> sent = new LinkedHashMap<>();
        Answer a = call("getDeliveryStatus", "GET", "/api/deliveries/status", "staff", null, null, Set.of(200));
        if (a.json().isArray()) {
            for (JsonNode c : a.json()) {
                sent.put(c.path("channel").asString(), c.path("sent").asLong());
            }
        }
        return sent;
    }

    private Iterable<JsonNode> publicShelters() {
        Answer a = call("publicShelters", "GET", "/public/shelters", null, null, null, Set.of(200));
        return a.json().path("shelters");
    }

    private static byte[] json(Object value) {
        return JSON.writeValueAsBytes(value);
    }

    /**
     * One request through the gateway. A 429 is waited out (Retry-After, at most 3 times, same
     * Idempotency-Key); any other status not in {@code expected} is recorded as unexpected.
     */
    private Answer call(String operation, String method, String path, String actor, String contentType, byte[] body,
            Set<Integer> expected, String... headers) {
        int attempt = 0;
        while (true) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(options.gatewayUrl() + path)).timeout(Duration.ofSeconds(60))
                    .header("X-Request-Id", "drill-" + runId + "-" + (currentStep < 0 ? "x" : currentStep) + "-" + attempt)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (actor != null) {
                b.header("Authorization", "Bearer " + actors.token(actor));
            }
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            HttpResponse<String> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                summary.unexpected.add(new Summary.Unexpected(currentStep, operation + " " + method + " " + path, 0, e.toString()));
                return new Answer(0, "", null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (r.statusCode() == 429 && attempt < 3 && !expected.contains(429)) {
                attempt++;
                long waitMs = r.headers().firstValue("Retry-After").map(v -> Long.parseLong(v.trim()) * 1000).orElse(1000L);
                try {
                    Thread.sleep(Math.min(waitMs, 10_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                continue;
            }
            if (!expected.contains(r.statusCode())) {
                String detail = r.body() == null ? "" : r.body().replaceAll("\\s+", " ");
                summary.unexpected.add(new Summary.Unexpected(currentStep, operation + " " + method + " " + path, r.statusCode(),
                        detail.length() > 300 ? detail.substring(0, 300) + "…" : detail));
            }
            return new Answer(r.statusCode(), r.body(), r);
        }
    }

    List<String> caseIds() {
        return new ArrayList<>(caseIds);
    }
}
