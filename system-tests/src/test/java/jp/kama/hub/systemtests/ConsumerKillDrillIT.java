package jp.kama.hub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jp.kama.hub.infra.line.FakeLineServer;
import jp.kama.hub.localstack.Ports;
import jp.kama.hub.localstack.Stack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fault drill R4 (issue 15, docs/fault-drills.md): while reports, shelter openings, check-ins
 * and check-outs and evacuation level changes (two-person rule) flow through the gateway, each
 * consumer service (notification-service and disaster-service; case-service consumes nothing)
 * is SIGKILLed at random seeded moments and started again. A few poison messages (not JSON, not
 * the schema) are written straight onto the topics. Once the load has drained, every effect is
 * compared with what caused it: LINE messages per (event, recipient) exactly once (the fake LINE
 * API's record, traced to the event by the retry key = batch id), staff notices once per case,
 * shelter occupancy equal to check-ins minus check-outs (disaster-service and notification-
 * service's feed), hazard flags once per (shelter, case), every event handled (inbox), and each
 * dead-letter topic holding exactly the poison messages.
 *
 * <p>Short form by default (2 kills per consumer, about 2 minutes of work); the full form with
 * {@code -Dkama.faults.full=true} (6 kills per consumer, at least 6 minutes). Seed:
 * {@code -Dkama.faults.seed=N}.
 */
class ConsumerKillDrillIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path ROOT = Path.of(System.getProperty("kama.root", ".."));
    static final Path DATA = Path.of(System.getProperty("kama.e2e.data", "target/e2e-data"), UUID.randomUUID().toString());
    static final Ports PORTS = Ports.free();
    static final boolean FULL = Boolean.getBoolean("kama.faults.full");
    static final long SEED = Long.getLong("kama.faults.seed", 4L);
    static final int KILLS_PER_CONSUMER = FULL ? 6 : 2;
    static final Duration WORK = FULL ? Duration.ofMinutes(6) : Duration.ofMinutes(2);

    static final String CASE_TOPIC = "kama.case.events.v1";
    static final String SHELTER_TOPIC = "kama.shelter.events.v1";
    static final String EVACUATION_TOPIC = "kama.evacuation.events.v1";
    static final List<String> CONSUMERS = List.of("notification-service", "disaster-service");
    /** Each consumer's dead-letter topics, by the topic they take the dead letters of (application.yml). */
    static final Map<String, List<String>> DLQS = Map.of(
            CASE_TOPIC, List.of(CASE_TOPIC + ".disaster-service.dlq", CASE_TOPIC + ".notification-service.dlq"),
            SHELTER_TOPIC, List.of(SHELTER_TOPIC + ".notification-service.dlq"),
            EVACUATION_TOPIC, List.of(EVACUATION_TOPIC + ".notification-service.dlq"));
    static final String LINE_SECRET = "dev-only-line-channel-secret";
    static final List<String> DISTRICTS = List.of("KAHO", "YAMADA", "INATSUKI", "USUI");

    static Stack stack;
    static KeycloakLogin keycloak;
    static final Map<String, String[]> tokens = new ConcurrentHashMap<>();
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startTheStack() {
        stack = Stack.start(Stack.Config.of(ROOT, DATA, PORTS, System.out::println));
        System.out.printf("R4: stack UP in %.1f s%n", stack.secondsSinceStart());
        keycloak = new KeycloakLogin(stack.keycloakUrl());
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    // ---- what the workload did (the cause side) ----

    final AtomicBoolean working = new AtomicBoolean(true);
    final List<String> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger reportsAccepted = new AtomicInteger();
    final AtomicInteger reportsOutsideCity = new AtomicInteger();
    final AtomicInteger checkIns = new AtomicInteger();
    final AtomicInteger checkOuts = new AtomicInteger();
    final AtomicInteger sheltersOpened = new AtomicInteger();
    final AtomicInteger levelChanges = new AtomicInteger();
    /** shelterId → people in it now, as the workload's definite answers say. */
    final Map<String, Set<String>> inShelter = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> kills = new ConcurrentHashMap<>();
    /** Poison records written, by topic: their exact values. */
    final Map<String, List<byte[]>> poison = new ConcurrentHashMap<>();

    @Test
    void consumersKilledAtRandomWhileProcessingDoNothingTwiceAndDeadLetterOnlyPoison() throws Exception {
        Random random = new Random(SEED);
        List<String> followers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String userId = "U" + String.format("%032x", new java.math.BigInteger(128, random)).substring(0, 32);
            follow(userId);
            followers.add(userId);
        }
        String disasterId = call("POST", "/api/disasters", "staff",
                Map.of("name", "R4 fault drill " + UUID.randomUUID(), "kind", "FLOOD"), Set.of(201)).json().path("disasterId").asString();
        List<JsonNode> shelters = new ArrayList<>();
        for (JsonNode s : call("GET", "/public/shelters", null, null, Set.of(200)).json().path("shelters")) {
            if ("CLOSED".equals(s.path("status").asString())) {
                shelters.add(s);
            }
        }
        assertThat(shelters).as("closed shelters to open during the drill").isNotEmpty();
        System.out.printf("R4: %d LINE followers, disaster %s, %d closed shelters, %d kills per consumer, work %s, seed %d%n",
                followers.size(), disasterId, shelters.size(), KILLS_PER_CONSUMER, WORK, SEED);

        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        threads.add(Thread.ofPlatform().name("r4-reports").start(() -> reports(new Random(SEED + 1), shelters)));
        threads.add(Thread.ofPlatform().name("r4-shelters").start(() -> shelterWork(new Random(SEED + 2), shelters)));
        threads.add(Thread.ofPlatform().name("r4-evacuation").start(() -> evacuation(new Random(SEED + 3), disasterId)));
        threads.add(Thread.ofPlatform().name("r4-poison").start(() -> poisonWriter(new Random(SEED + 4))));
        List<Thread> killers = new ArrayList<>();
        for (int i = 0; i < CONSUMERS.size(); i++) {
            String part = CONSUMERS.get(i);
            Random r = new Random(SEED * 31 + i);
            killers.add(Thread.ofPlatform().name("r4-kill-" + part).start(() -> killer(part, r)));
        }
        for (Thread k : killers) {
            k.join();
        }
        long minEnd = t0 + WORK.toNanos();
        while (System.nanoTime() < minEnd) {
            Thread.sleep(500);
        }
        working.set(false);
        for (Thread t : threads) {
            t.join(Duration.ofMinutes(11));
        }
        double workSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("R4: work stopped after %.1f s: %d reports (+%d outside the city, refused), %d shelters opened, %d check-ins, %d check-outs, %d level changes, kills %s%n",
                workSeconds, reportsAccepted.get(), reportsOutsideCity.get(), sheltersOpened.get(), checkIns.get(), checkOuts.get(), levelChanges.get(), kills);

        long drainStart = System.nanoTime();
        awaitDrained(Duration.ofMinutes(10));
        System.out.printf("R4: drained in %.1f s%n", (System.nanoTime() - drainStart) / 1e9);

        // ---- what the consumers had to handle: every valid event on the topics ----
        Map<String, List<ConsumerRecord<byte[], byte[]>>> topics = new LinkedHashMap<>();
        for (String topic : List.of(CASE_TOPIC, SHELTER_TOPIC, EVACUATION_TOPIC)) {
            topics.put(topic, readAll(topic));
        }
        Map<String, String> eventType = new HashMap<>();
        Map<String, Integer> eventsByTopic = new LinkedHashMap<>();
        Map<String, JsonNode> eventData = new HashMap<>();
        for (var e : topics.entrySet()) {
            int n = 0;
            for (ConsumerRecord<byte[], byte[]> r : e.getValue()) {
                if (isPoison(e.getKey(), r.value())) {
                    continue;
                }
                JsonNode ev = JSON.readTree(r.value());
                eventType.put(ev.path("id").asString(), ev.path("type").asString());
                eventData.put(ev.path("id").asString(), ev.path("data"));
                n++;
            }
            eventsByTopic.put(e.getKey(), n);
        }
        Set<String> disasterMust = new HashSet<>();
        Set<String> notificationMust = new HashSet<>();
        eventType.forEach((id, type) -> {
            if (type.equals("jp.kama.case.reported.v1")) {
                disasterMust.add(id);
                notificationMust.add(id);
            }
            if (Set.of("jp.kama.shelter.registered.v1", "jp.kama.shelter.status-changed.v1", "jp.kama.shelter.occupancy-changed.v1",
                    "jp.kama.shelter.hazard-flagged.v1", "jp.kama.evacuation.level-changed.v1").contains(type)) {
                notificationMust.add(id);
            }
        });
        Set<String> disasterHandled = ids("disaster_service", "select event_id from processed_event where consumer = 'disaster-service'");
        Set<String> notificationHandled = ids("notification_service", "select event_id from processed_event where consumer = 'notification-service'");
        Set<String> disasterLost = new TreeSet<>(disasterMust);
        disasterLost.removeAll(disasterHandled);
        Set<String> notificationLost = new TreeSet<>(notificationMust);
        notificationLost.removeAll(notificationHandled);

        // ---- LINE: every accepted call traced to its event by the retry key (= batch id) ----
        Map<String, String> batchEvent = new HashMap<>();
        Map<String, String> batchStatus = new HashMap<>();
        int expectedLine = 0;
        try (Connection c = db("notification_service"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select batch_id, event_id, status, recipients from delivery_batch where channel = 'LINE'")) {
            while (rs.next()) {
                batchEvent.put(rs.getString(1), rs.getString(2));
                batchStatus.put(rs.getString(1), rs.getString(3));
                expectedLine += rs.getInt(4);
            }
        }
        Map<String, Integer> perEventRecipient = new HashMap<>();
        Map<String, Integer> casePushes = new HashMap<>();
        int untraced = 0;
        FakeLineServer line = stack.fakeLine();
        for (FakeLineServer.RecordedCall call : line.acceptedCalls()) {
            String event = batchEvent.get(call.retryKey());
            if (event == null) {
                untraced++;
                failures.add("an accepted LINE call with retry key " + call.retryKey() + " is no batch of notification-service");
                continue;
            }
            JsonNode body = JSON.readTree(call.body());
            List<String> to = new ArrayList<>();
            if (body.path("to").isArray()) {
                body.path("to").forEach(n -> to.add(n.asString()));
            } else {
                to.add(body.path("to").asString());
            }
            for (String recipient : to) {
                perEventRecipient.merge(event + " → " + recipient, 1, Integer::sum);
            }
            if ("jp.kama.case.reported.v1".equals(eventType.get(event)) && call.body().contains("New damage report")) {
                casePushes.merge(eventData.get(event).path("caseId").asString(), 1, Integer::sum);
            }
        }
        int seenLine = perEventRecipient.size();
        List<String> duplicates = perEventRecipient.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " ×" + e.getValue()).sorted().toList();
        List<String> notSent = batchStatus.entrySet().stream().filter(e -> !"SENT".equals(e.getValue()))
                .map(e -> e.getKey() + " " + e.getValue()).sorted().toList();
        long deliveryLogRows = count("notification_service",
                "select count(*) from delivery_log where channel = 'LINE' and status in ('SENT', 'ALREADY_ACCEPTED')");
        // one staff notice per case reported (a case's reports merged into it raise no new CaseReported)
        Set<String> reportedCases = new TreeSet<>();
        eventType.forEach((id, type) -> {
            if (type.equals("jp.kama.case.reported.v1")) {
                reportedCases.add(eventData.get(id).path("caseId").asString());
            }
        });
        List<String> caseNoticeWrong = reportedCases.stream().filter(c -> casePushes.getOrDefault(c, 0) != 1)
                .map(c -> c + " ×" + casePushes.getOrDefault(c, 0)).toList();
        // each follower got each evacuation change once at most (those announced at all: exactly once)
        Map<String, Integer> followerMessages = new TreeMap<>();
        for (String f : followers) {
            followerMessages.put(f, (int) perEventRecipient.keySet().stream().filter(k -> k.endsWith(" → " + f)).count());
        }

        // ---- shelters: counts and flags ----
        Map<String, String> occupancyWrong = new TreeMap<>();
        Map<String, Integer> feed = new HashMap<>();
        try (Connection c = db("notification_service"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select shelter_id, occupancy from shelter_state")) {
            while (rs.next()) {
                feed.put(rs.getString(1), rs.getInt(2));
            }
        }
        for (JsonNode s : call("GET", "/public/shelters", null, null, Set.of(200)).json().path("shelters")) {
            String id = s.path("shelterId").asString();
            Set<String> in = inShelter.get(id);
            if (in == null) {
                continue;
            }
            int disaster = s.path("occupancy").asInt();
            Integer notification = feed.get(id);
            if (disaster != in.size() || notification == null || notification != in.size()) {
                occupancyWrong.put(id, "expected " + in.size() + ", disaster-service " + disaster + ", notification feed " + notification);
            }
        }
        long flags = count("disaster_service", "select count(*) from shelter_flag");
        long flagDuplicates = count("disaster_service",
                "select count(*) from (select 1 from shelter_flag group by shelter_id, case_id having count(*) > 1) d");
        long flagEvents = eventType.values().stream().filter("jp.kama.shelter.hazard-flagged.v1"::equals).count();

        // ---- dead letters: exactly the poison, nothing else ----
        Map<String, String> dlqReport = new LinkedHashMap<>();
        List<String> dlqWrong = new ArrayList<>();
        for (var e : DLQS.entrySet()) {
            List<byte[]> expected = poison.getOrDefault(e.getKey(), List.of());
            for (String dlq : e.getValue()) {
                List<ConsumerRecord<byte[], byte[]>> held = readAll(dlq);
                int poisonHeld = 0;
                List<String> expectedLeft = new ArrayList<>(expected.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
                for (ConsumerRecord<byte[], byte[]> r : held) {
                    String v = new String(r.value(), StandardCharsets.UTF_8);
                    if (expectedLeft.remove(v)) {
                        poisonHeld++;
                    } else {
                        var reason = r.headers().lastHeader("x-exception-message");
                        dlqWrong.add(dlq + ": not poison: " + (v.length() > 200 ? v.substring(0, 200) + "…" : v)
                                + " (" + (reason == null ? "no reason" : new String(reason.value(), StandardCharsets.UTF_8)) + ")");
                    }
                }
                if (!expectedLeft.isEmpty()) {
                    dlqWrong.add(dlq + ": " + expectedLeft.size() + " poison message(s) missing");
                }
                dlqReport.put(dlq, held.size() + " (poison " + poisonHeld + "/" + expected.size() + ")");
            }
        }

        int poisonWritten = poison.values().stream().mapToInt(List::size).sum();
        System.out.printf("FAULT-DRILL R4 %s: kills %s in %.0f s of work; events produced %s (+%d poison); "
                        + "LINE deliveries expected %d / seen %d / delivery log %d, duplicates %d, untraced calls %d, batches not SENT %d; "
                        + "case notices %d cases, wrong %d; followers' messages %s; shelters counted %d, wrong %d (check-ins %d, check-outs %d); "
                        + "flags %d (events %d, duplicates %d); events not handled: disaster-service %d, notification-service %d; DLQ %s%n",
                FULL ? "full" : "short", new TreeMap<>(kills), workSeconds, eventsByTopic, poisonWritten,
                expectedLine, seenLine, deliveryLogRows, duplicates.size(), untraced, notSent.size(),
                reportedCases.size(), caseNoticeWrong.size(), followerMessages, inShelter.size(), occupancyWrong.size(),
                checkIns.get(), checkOuts.get(), flags, flagEvents, flagDuplicates, disasterLost.size(), notificationLost.size(), dlqReport);

        assertThat(kills.values()).as("kills per consumer").allSatisfy(n -> assertThat(n.get()).isGreaterThanOrEqualTo(KILLS_PER_CONSUMER));
        assertThat(kills).containsOnlyKeys(CONSUMERS);
        assertThat(failures).as("the workload's own failures").isEmpty();
        assertThat(reportsAccepted.get()).as("reports").isPositive();
        assertThat(levelChanges.get()).as("level changes").isPositive();
        assertThat(checkIns.get()).as("check-ins").isPositive();
        assertThat(disasterLost).as("case events disaster-service never handled").isEmpty();
        assertThat(notificationLost).as("events notification-service never handled").isEmpty();
        assertThat(duplicates).as("LINE messages sent twice to one recipient for one event").isEmpty();
        assertThat(notSent).as("LINE batches not SENT").isEmpty();
        assertThat(seenLine).as("LINE deliveries seen = planned").isEqualTo(expectedLine);
        assertThat(deliveryLogRows).as("delivery log rows = LINE deliveries seen").isEqualTo(seenLine);
        assertThat(caseNoticeWrong).as("cases whose staff notice was not sent exactly once").isEmpty();
        assertThat(occupancyWrong).as("shelter counts").isEmpty();
        assertThat(flagDuplicates).as("flags set twice").isZero();
        assertThat(flags).as("flags = hazard-flagged events").isEqualTo(flagEvents);
        assertThat(dlqWrong).as("dead-letter topics").isEmpty();
    }

    // ---- the workload ----

    void reports(Random random, List<JsonNode> shelters) {
        String[] categories = {"FLOODING", "LANDSLIDE", "ROAD_DAMAGE", "FALLEN_TREE", "POWER_OUTAGE"};
        int i = 0;
        while (working.get()) {
            JsonNode near = shelters.get(random.nextInt(shelters.size()));
            double lat = near.path("latitude").asDouble() + (random.nextDouble() - 0.5) * 0.004;
            double lon = near.path("longitude").asDouble() + (random.nextDouble() - 0.5) * 0.004;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("category", categories[random.nextInt(categories.length)]);
            body.put("location", Map.of("latitude", Math.round(lat * 1e6) / 1e6, "longitude", Math.round(lon * 1e6) / 1e6));
            body.put("addressText", "嘉麻市 (R4 drill)");
            body.put("description", "R4 fault drill report " + i);
            String actor = i % 3 == 0 ? "staff" : "citizen";
            // 422: a point near a shelter at the city's edge fell outside Kama City (the hub refuses it, rightly)
            Answer a = callUntilDefinite("POST", "/api/reports", actor, body, Set.of(201, 422), "Idempotency-Key", "r4-" + SEED + "-" + UUID.randomUUID());
            if (a != null && a.status() == 201) {
                reportsAccepted.incrementAndGet();
            } else if (a != null) {
                reportsOutsideCity.incrementAndGet();
            }
            i++;
            pause(700 + random.nextInt(900));
        }
    }

    void shelterWork(Random random, List<JsonNode> shelters) {
        List<String> open = new ArrayList<>();
        int next = 0;
        int person = 0;
        long lastOpen = 0;
        while (working.get()) {
            if (next < shelters.size() && (open.isEmpty() || System.nanoTime() - lastOpen > 20_000_000_000L)) {
                String id = shelters.get(next++).path("shelterId").asString();
                Answer a = callUntilDefinite("POST", "/api/shelters/" + id + "/open", "staff", null, Set.of(200));
                if (a != null && a.status() == 200) {
                    open.add(id);
                    inShelter.put(id, ConcurrentHashMap.newKeySet());
                    sheltersOpened.incrementAndGet();
                }
                lastOpen = System.nanoTime();
                continue;
            }
            String id = open.get(random.nextInt(open.size()));
            Set<String> in = inShelter.get(id);
            if (!in.isEmpty() && random.nextInt(4) == 0) {
                String who = in.iterator().next();
                // 200, also (alreadyCheckedOut) when an earlier attempt whose answer was lost had checked them out
                Answer a = callUntilDefinite("POST", "/api/shelters/" + id + "/check-outs", "staff", Map.of("personRef", who), Set.of(200));
                if (a != null) {
                    in.remove(who);
                    checkOuts.incrementAndGet();
                }
            } else {
                String who = "R4-" + SEED + "-" + (person++);
                // 201 counted; 200 when an earlier attempt whose answer was lost had already counted them
                Answer a = callUntilDefinite("POST", "/api/shelters/" + id + "/check-ins", "staff", Map.of("personRef", who), Set.of(201, 200));
                if (a != null) {
                    in.add(who);
                    checkIns.incrementAndGet();
                }
            }
            pause(300 + random.nextInt(700));
        }
    }

    void evacuation(Random random, String disasterId) {
        Map<String, Integer> level = new HashMap<>();
        while (working.get()) {
            String district = DISTRICTS.get(random.nextInt(DISTRICTS.size()));
            Integer now = level.get(district);
            Integer to = now == null ? Integer.valueOf(3) : now == 5 ? null : Integer.valueOf(now + 1);
            Map<String, Object> body = new HashMap<>();
            body.put("disasterId", disasterId);
            body.put("district", district);
            body.put("level", to);
            body.put("message", "R4 fault drill: " + district + " " + (to == null ? "lifted" : "level " + to));
            Answer draft = callUntilDefinite("POST", "/api/evacuation/drafts", "staff", body, Set.of(201));
            if (draft != null && draft.status() == 201) {
                // the two-person rule: another disaster-staff member approves; 409 = an attempt whose answer was lost did
                Answer approved = callUntilDefinite("POST", "/api/evacuation/drafts/" + draft.json().path("draftId").asString() + "/approve",
                        "staff2", null, Set.of(200, 409));
                if (approved != null) {
                    level.put(district, to);
                    levelChanges.incrementAndGet();
                }
            }
            pause(4000 + random.nextInt(4000));
        }
    }

    /** Writes poison (not JSON; a CloudEvent whose data does not fit the schema) onto each consumed topic, twice each, spread out. */
    void poisonWriter(Random random) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafka(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            List<String[]> plan = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                plan.add(new String[] {CASE_TOPIC, "{not json " + round});
                plan.add(new String[] {CASE_TOPIC, wrongSchema("jp.kama.case.reported.v1", "{\"caseId\":\"not-a-uuid-" + round + "\",\"category\":17}")});
                plan.add(new String[] {SHELTER_TOPIC, "\u0000\u0001binary " + round});
                plan.add(new String[] {SHELTER_TOPIC, wrongSchema("jp.kama.shelter.status-changed.v1", "{\"capacity\":\"many-" + round + "\",\"occupancy\":[]}")});
                plan.add(new String[] {EVACUATION_TOPIC, "[1,2," + round});
                plan.add(new String[] {EVACUATION_TOPIC, wrongSchema("jp.kama.evacuation.level-changed.v1", "{\"district\":\"ATLANTIS\",\"level\":\"high-" + round + "\"}")});
            }
            java.util.Collections.shuffle(plan, random);
            long spacing = WORK.toMillis() / (plan.size() + 1);
            for (String[] p : plan) {
                pause(spacing);
                if (!working.get()) {
                    break;
                }
                byte[] value = p[1].getBytes(StandardCharsets.UTF_8);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(p[0], "r4-poison-" + UUID.randomUUID(), value);
                record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
                poison.computeIfAbsent(p[0], k -> new CopyOnWriteArrayList<>()).add(value);
            }
        } catch (Exception e) {
            failures.add("poison writer: " + e);
        }
    }

    static String wrongSchema(String type, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/r4-drill\",\"type\":\"" + type
                + "\",\"datacontenttype\":\"application/json\",\"time\":\"2026-12-07T00:00:00Z\",\"subject\":\"r4\",\"data\":" + data + "}";
    }

    boolean isPoison(String topic, byte[] value) {
        String v = new String(value, StandardCharsets.UTF_8);
        return poison.getOrDefault(topic, List.of()).stream().anyMatch(p -> new String(p, StandardCharsets.UTF_8).equals(v));
    }

    /** SIGKILLs {@code part} at random moments spread over the work, each time starting it again at once. */
    void killer(String part, Random random) {
        long slot = WORK.toMillis() / KILLS_PER_CONSUMER;
        try {
            for (int i = 0; i < KILLS_PER_CONSUMER; i++) {
                pause(slot / 4 + (long) (random.nextDouble() * slot / 2));
                long pid = stack.pid(part);
                stack.kill(part);
                kills.computeIfAbsent(part, k -> new AtomicInteger()).incrementAndGet();
                System.out.printf("R4: SIGKILLed %s (pid %d), kill %d/%d%n", part, pid, i + 1, KILLS_PER_CONSUMER);
                pause(random.nextInt(2000));
                stack.restart(part);
            }
        } catch (RuntimeException e) {
            failures.add("killing " + part + ": " + e);
        }
    }

    // ---- draining and reading ----

    void awaitDrained(Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        int quietRounds = 0;
        String last = "";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafka()))) {
            while (System.nanoTime() < deadline) {
                long lag = lag(admin, "disaster-service", List.of(CASE_TOPIC))
                        + lag(admin, "notification-service", List.of(CASE_TOPIC, SHELTER_TOPIC, EVACUATION_TOPIC));
                long outbox = count("disaster_service", "select count(*) from outbox_event where published_at is null")
                        + count("case_service", "select count(*) from outbox_event where published_at is null");
                long pending = count("notification_service", "select count(*) from delivery_batch where status = 'PENDING'");
                String now = lag + "/" + outbox + "/" + pending + "/" + stack.fakeLine().calls().size();
                quietRounds = lag == 0 && outbox == 0 && pending == 0 && now.equals(last) ? quietRounds + 1 : 0;
                if (quietRounds >= 3) {
                    return;
                }
                last = now;
                Thread.sleep(2000);
            }
            failures.add("not drained in " + atMost + " (lag/outbox/pending/calls " + last + ")");
        }
    }

    static long lag(Admin admin, String group, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : topics) {
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        }
        long lag = 0;
        for (var e : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue().offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    /** Every record of a topic from the beginning (an absent topic holds nothing). */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORTS.kafka(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.listTopics(Duration.ofSeconds(30)).get(topic);
            if (partitions == null) {
                return all;
            }
            List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
        }
        return all;
    }

    static Connection db(String database) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + PORTS.postgres() + "/" + database, "postgres", "");
    }

    static long count(String database, String sql) throws Exception {
        try (Connection c = db(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Set<String> ids(String database, String sql) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = db(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    // ---- HTTP through the gateway ----

    record Answer(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** A LINE user follows the official account (signed webhook, straight to notification-service): subscribed to every district. */
    static void follow(String userId) throws Exception {
        String body = "{\"destination\":\"Ubot\",\"events\":[{\"type\":\"follow\",\"timestamp\":1,"
                + "\"source\":{\"type\":\"user\",\"userId\":\"" + userId + "\"}}]}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(LINE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + PORTS.notificationService() + "/line/webhook"))
                .header("Content-Type", "application/json").header("X-Line-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("follow webhook: " + r.body()).isBetween(200, 299);
    }

    static String token(String user) {
        String[] t = tokens.get(user);
        if (t == null || System.nanoTime() - Long.parseLong(t[1]) > 90_000_000_000L) {
            try {
                t = new String[] {keycloak.passwordGrant(user, user + "-dev-only"), Long.toString(System.nanoTime())};
            } catch (Exception e) {
                throw new IllegalStateException("no token for " + user, e);
            }
            tokens.put(user, t);
        }
        return t[0];
    }

    static Answer call(String method, String path, String actor, Object body, Set<Integer> expected, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (actor != null) {
            b.header("Authorization", "Bearer " + token(actor));
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (!expected.contains(r.statusCode())) {
            throw new UnexpectedAnswer(r.statusCode(), method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return new Answer(r.statusCode(), r.body());
    }

    static final class UnexpectedAnswer extends RuntimeException {
        final int status;

        UnexpectedAnswer(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * Calls until an answer in {@code expected}: a service being killed or restarted answers
     * 5xx through the gateway or not at all, and the outcome of such an attempt is unknown, so
     * the same request is sent again (the workload's expected answers cover an attempt that
     * took effect). Any other answer is a failure of the drill. Null once the work is over
     * without a definite answer for 10 minutes (a restart on a busy machine takes minutes).
     */
    Answer callUntilDefinite(String method, String path, String actor, Object body, Set<Integer> expected, String... headers) {
        long giveUp = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            try {
                return call(method, path, actor, body, expected, headers);
            } catch (UnexpectedAnswer e) {
                if (e.status < 500 && e.status != 401 && e.status != 429) {
                    failures.add(e.getMessage());
                    return null;
                }
            } catch (java.io.IOException | IllegalStateException e) {
                // connection refused or reset while a service is down: unknown outcome, try again
            } catch (Exception e) {
                failures.add(method + " " + path + ": " + e);
                return null;
            }
            if (System.nanoTime() > giveUp) {
                failures.add(method + " " + path + ": no definite answer in 10 minutes");
                return null;
            }
            pause(500);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
