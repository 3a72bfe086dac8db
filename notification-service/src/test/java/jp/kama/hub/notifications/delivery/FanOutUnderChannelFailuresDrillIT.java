package jp.kama.hub.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jp.kama.hub.infra.line.FakeLineServer;
import jp.kama.hub.infra.line.FakeLineServer.RecordedCall;
import jp.kama.hub.infra.sms.FakeSmsGateway;
import jp.kama.hub.infra.sms.FakeSmsGateway.RecordedSms;
import jp.kama.hub.notifications.Fixtures;
import jp.kama.hub.notifications.StandaloneService;
import jp.kama.hub.notifications.delivery.FaultPlan.Kind;
import jp.kama.hub.platform.events.CloudEventCodec;
import jp.kama.hub.platform.events.CloudEventCodec.EncodedEvent;
import jp.kama.hub.testsupport.KafkaTestClient;
import jp.kama.hub.testsupport.TestInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fault drill R5 (issue 15, docs/fault-drills.md): shelter status changes are produced to Kafka
 * as disaster-service produces them, notification-service (real Kafka, real PostgreSQL) fans
 * each out to the district's subscribers on LINE, e-mail and SMS, and every call to a provider
 * passes a {@link FaultyProxy} that fails about 30 % of them (seeded {@link FaultPlan}): 503/451,
 * connection reset, no answer, and the provider accepting the message while its answer is lost.
 * What each provider accepted is counted at the provider (the fake LINE API, the fake SMS gateway,
 * GreenMail) per (event, recipient, channel).
 *
 * <p>Pass: LINE and SMS exactly one accepted send each (their idempotency keys make a resend
 * harmless); e-mail at least one each and no message missing, and every second copy has the
 * same Message-ID as the first (SMTP has no idempotency key: a lost 250 means a second copy,
 * counted separately and bounded by the lost answers); the delivery log one SENT or
 * ALREADY_ACCEPTED row per (event, recipient, channel), no batch given up.
 *
 * <p>Short form by default (in {@code ./mvnw verify}); {@code -Dkama.faults.full=true} plays
 * 1,000 fan-outs; {@code -Dkama.faults.seed=N} repeats a run's faults, {@code -Dkama.faults.events=N}
 * sets the number of fan-outs.
 */
class FanOutUnderChannelFailuresDrillIT {

    static final boolean FULL = Boolean.getBoolean("kama.faults.full");
    static final int EVENTS = Integer.getInteger("kama.faults.events", FULL ? 1_000 : 60);
    static final long SEED = Long.getLong("kama.faults.seed", System.currentTimeMillis());
    static final double RATE = 0.30;
    /** How long the service waits for each provider's answer in the drill (production: 10 s). */
    static final Duration CALLER_TIMEOUT = Duration.ofSeconds(2);
    static final List<String> DISTRICTS = List.of("INATSUKI", "YAMADA", "KAHO", "USUI");
    /** Per district: two Japanese subscribers (one LINE multicast of 2) and one English, each with LINE, e-mail and phone. */
    static final List<String> LANGUAGES = List.of("ja", "ja", "en");
    static final Pattern TOKEN = Pattern.compile("R5E(\\d{5})");
    static final JsonMapper JSON = JsonMapper.builder().build();

    record Subscriber(String district, String line, String email, String phone) {
    }

    @Test
    void everyRecipientGetsEachFanOutOncePerChannelWhileChannelsFail() throws Exception {
        System.out.printf(Locale.ROOT, "FAULT-DRILL R5 seed=%d (repeat with -Dkama.faults.seed=%d) events=%d full=%s%n",
                SEED, SEED, EVENTS, FULL);
        FaultPlan plan = new FaultPlan(SEED, RATE);
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        String suffix = "faults-r5-" + Long.toString(System.nanoTime(), 36);
        try (FakeLineServer line = FakeLineServer.start(0);
             FakeSmsGateway sms = FakeSmsGateway.start(0);
             FaultyProxy.Http lineProxy = new FaultyProxy.Http("LINE", line.port(), "X-Line-Retry-Key", plan, CALLER_TIMEOUT);
             FaultyProxy.Http smsProxy = new FaultyProxy.Http("SMS", port(sms.baseUrl()), "Idempotency-Key", plan, CALLER_TIMEOUT);
             FaultyProxy.Smtp smtpProxy = new FaultyProxy.Smtp(smtp.getSmtp().getPort(), plan, CALLER_TIMEOUT);
             KafkaTestClient kafka = new KafkaTestClient(TestInfrastructure.kafka())) {
            ConfigurableApplicationContext app = new StandaloneService("notification_faults_it", suffix, lineProxy.baseUrl())
                    .with("kama.line.read-timeout", CALLER_TIMEOUT.toMillis() + "ms")
                    .with("kama.line.connect-timeout", CALLER_TIMEOUT.toMillis() + "ms")
                    .with("kama.sms.url", smsProxy.baseUrl())
                    .with("kama.sms.timeout", CALLER_TIMEOUT.toMillis() + "ms")
                    .with("kama.mail.host", "127.0.0.1")
                    .with("kama.mail.port", smtpProxy.port())
                    .with("kama.mail.timeout-millis", CALLER_TIMEOUT.toMillis())
                    .start();
            try {
                drill(app, kafka, plan, line, sms, smtp, List.of(lineProxy, smsProxy, smtpProxy), suffix);
            } finally {
                app.close();
            }
        } finally {
            smtp.stop();
        }
    }

    private void drill(ConfigurableApplicationContext app, KafkaTestClient kafka, FaultPlan plan, FakeLineServer line,
                       FakeSmsGateway sms, GreenMail smtp, List<FaultyProxy> proxies, String suffix) throws Exception {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        CloudEventCodec codec = app.getBean(CloudEventCodec.class);
        jdbc.sql("delete from subscription").update();
        Map<String, List<Subscriber>> byDistrict = new LinkedHashMap<>();
        int n = 0;
        for (String district : DISTRICTS) {
            for (String language : LANGUAGES) {
                n++;
                Subscriber s = new Subscriber(district, "U" + String.format(Locale.ROOT, "%032x", 0x5e5e0000L + n),
                        "r5-" + n + "@example.jp", String.format(Locale.ROOT, "+8190%08d", 5_000_000 + n));
                byDistrict.computeIfAbsent(district, d -> new ArrayList<>()).add(s);
                jdbc.sql("""
                        insert into subscription (id, subject, districts, topics, language, line_user_id, email, phone, updated_at)
                        values (gen_random_uuid(), :subject, array[:district], array['SHELTER'], :lang, :line, :email, :phone, now())""")
                        .param("subject", "r5-" + n).param("district", district).param("lang", language)
                        .param("line", s.line()).param("email", s.email()).param("phone", s.phone()).update();
            }
        }

        // what must arrive: per (event, recipient, channel) exactly one
        Set<String> expected = new HashSet<>();
        List<UUID> eventIds = new ArrayList<>();
        String topic = StandaloneService.topic("shelterEvents", suffix);
        // how long each channel's circuit breaker was not CLOSED during the drill (sampled every 100 ms)
        Map<String, long[]> breakerSamples = new java.util.concurrent.ConcurrentHashMap<>();
        jp.kama.hub.notifications.channel.ChannelGuards guards = app.getBean(jp.kama.hub.notifications.channel.ChannelGuards.class);
        Thread breakers = Thread.ofPlatform().daemon().name("r5-breaker-sampler").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (var g : guards.all()) {
                    long[] c = breakerSamples.computeIfAbsent(g.channel().name(), x -> new long[2]);
                    c[0]++;
                    if (g.breakerState() != io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED) {
                        c[1]++;
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long t0 = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            String district = DISTRICTS.get(i % DISTRICTS.size());
            String token = String.format(Locale.ROOT, "R5E%05d", i);
            String shelter = "S-" + suffix + "-" + i;
            EncodedEvent e = codec.encode("jp.kama.shelter.status-changed.v1", shelter,
                    Fixtures.shelter(shelter, "訓練避難所" + token, district, "CROWDED", "OPEN", 200, 160,
                            Instant.parse("2026-09-01T03:00:00Z").plusSeconds(i)));
            kafka.send(topic, shelter, e.payload());
            eventIds.add(e.id());
            for (Subscriber s : byDistrict.get(district)) {
                expected.add(key(token, "LINE", s.line()));
                expected.add(key(token, "EMAIL", s.email()));
                expected.add(key(token, "SMS", s.phone()));
            }
        }
        // per event: LINE one batch per language (ja, en), e-mail and SMS one per subscriber
        int batchesPerEvent = 2 + 2 * LANGUAGES.size();
        long expectedBatches = (long) EVENTS * batchesPerEvent;
        UUID[] ids = eventIds.toArray(UUID[]::new);
        Awaitility.await().atMost(FULL ? Duration.ofMinutes(20) : Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                // the proxies' broken connections make the clients' threads throw: expected here
                .dontCatchUncaughtExceptions()
                .until(() -> jdbc.sql("""
                                select count(*) = :n and count(*) filter (where status = 'PENDING') = 0
                                from delivery_batch where event_id = any(cast(:ids as uuid[]))""")
                        .param("n", expectedBatches).param("ids", ids).query(Boolean.class).single());
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        breakers.interrupt();
        breakers.join();

        // what the providers accepted, counted at the providers
        Map<String, Integer> accepted = new HashMap<>();
        Map<String, Integer> acceptedPerChannel = new LinkedHashMap<>(Map.of("LINE", 0, "EMAIL", 0, "SMS", 0));
        for (RecordedCall c : line.acceptedCalls()) {
            JsonNode body = JSON.readTree(c.body());
            String token = token(body.path("messages").get(0).path("text").asString());
            for (JsonNode to : body.path("to")) {
                accepted.merge(key(token, "LINE", to.asString()), 1, Integer::sum);
                acceptedPerChannel.merge("LINE", 1, Integer::sum);
            }
        }
        for (RecordedSms s : sms.sent()) {
            accepted.merge(key(token(s.text()), "SMS", s.to()), 1, Integer::sum);
            acceptedPerChannel.merge("SMS", 1, Integer::sum);
        }
        Map<String, Set<String>> messageIds = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            String k = key(token(m.getSubject()), "EMAIL", m.getAllRecipients()[0].toString());
            accepted.merge(k, 1, Integer::sum);
            acceptedPerChannel.merge("EMAIL", 1, Integer::sum);
            messageIds.computeIfAbsent(k, x -> new HashSet<>()).add(m.getMessageID());
        }
        Map<String, Integer> duplicates = new LinkedHashMap<>(Map.of("LINE", 0, "EMAIL", 0, "SMS", 0));
        Map<String, Integer> missing = new LinkedHashMap<>(Map.of("LINE", 0, "EMAIL", 0, "SMS", 0));
        List<String> examples = new ArrayList<>();
        for (String k : expected) {
            int got = accepted.getOrDefault(k, 0);
            String channel = k.split("\\|")[1];
            if (got == 0) {
                missing.merge(channel, 1, Integer::sum);
                if (examples.size() < 5) {
                    examples.add("missing " + k);
                }
            } else if (got > 1) {
                duplicates.merge(channel, got - 1, Integer::sum);
                if (examples.size() < 5) {
                    examples.add("x" + got + " " + k);
                }
            }
        }
        Set<String> unexpected = new HashSet<>(accepted.keySet());
        unexpected.removeAll(expected);
        long failedBatches = jdbc.sql("select count(*) from delivery_batch where event_id = any(cast(:ids as uuid[])) and status <> 'SENT'")
                .param("ids", ids).query(Long.class).single();
        Map<String, Long> logRows = new LinkedHashMap<>();
        jdbc.sql("""
                        select status, count(*) from delivery_log where event_id = any(cast(:ids as uuid[])) group by status order by status""")
                .param("ids", ids).query((rs, i) -> logRows.put(rs.getString(1), rs.getLong(2))).list();
        long emailLostAnswers = plan.count("EMAIL", Kind.LOST_ANSWER_RESET) + plan.count("EMAIL", Kind.LOST_ANSWER_TIMEOUT);
        long emailSlow = proxies.get(2).slowAnswers.get();

        StringBuilder byChannel = new StringBuilder();
        for (String c : List.of("LINE", "EMAIL", "SMS")) {
            byChannel.append(String.format(Locale.ROOT, " %s[calls=%d injected=%d 5xx=%d reset=%d timeout=%d lost-answer=%d]",
                    c, plan.calls(c), plan.injected(c), plan.count(c, Kind.SERVER_ERROR), plan.count(c, Kind.RESET),
                    plan.count(c, Kind.TIMEOUT), plan.count(c, Kind.LOST_ANSWER_RESET) + plan.count(c, Kind.LOST_ANSWER_TIMEOUT)));
            long[] b = breakerSamples.getOrDefault(c, new long[] {1, 0});
            byChannel.setLength(byChannel.length() - 1);
            byChannel.append(String.format(Locale.ROOT, " breaker-not-closed=%d%%]", Math.round(100.0 * b[1] / Math.max(1, b[0]))));
        }
        long calls = plan.calls("LINE") + plan.calls("EMAIL") + plan.calls("SMS");
        System.out.printf(Locale.ROOT,
                "FAULT-DRILL R5 seed=%d events=%d expected-sends=%d sends-attempted=%d failures-injected=%d "
                        + "(5xx=%d reset=%d timeout=%d lost-answer=%d [reset %d, timeout %d]) accepted=%s duplicates=%s "
                        + "(e-mail duplicates share their Message-ID: %s; e-mail lost answers %d, slow answers %d) "
                        + "missing=%s unexpected=%d batches-not-sent=%d delivery-log=%s time=%.1fs;%s%n",
                SEED, EVENTS, expected.size(), calls, plan.injected("LINE") + plan.injected("EMAIL") + plan.injected("SMS"),
                plan.total(Kind.SERVER_ERROR), plan.total(Kind.RESET), plan.total(Kind.TIMEOUT),
                plan.total(Kind.LOST_ANSWER_RESET) + plan.total(Kind.LOST_ANSWER_TIMEOUT),
                plan.total(Kind.LOST_ANSWER_RESET), plan.total(Kind.LOST_ANSWER_TIMEOUT), acceptedPerChannel, duplicates,
                messageIds.values().stream().allMatch(s -> s.size() == 1), emailLostAnswers, emailSlow, missing,
                unexpected.size(), failedBatches, logRows, took.toMillis() / 1000.0, byChannel);

        String repeat = "seed " + SEED + " (-Dkama.faults.seed=" + SEED + "); " + examples;
        assertThat((double) (calls - plan.count("LINE", Kind.NONE) - plan.count("EMAIL", Kind.NONE) - plan.count("SMS", Kind.NONE)) / calls)
                .as("about 30 %% of the calls failed").isBetween(0.2, 0.4);
        assertThat(plan.total(Kind.LOST_ANSWER_RESET) + plan.total(Kind.LOST_ANSWER_TIMEOUT)).as("lost answers were injected").isPositive();
        assertThat(missing).as("messages no provider accepted, " + repeat).containsOnly(
                Map.entry("LINE", 0), Map.entry("EMAIL", 0), Map.entry("SMS", 0));
        assertThat(duplicates.get("LINE")).as("LINE duplicates, " + repeat).isZero();
        assertThat(duplicates.get("SMS")).as("SMS duplicates, " + repeat).isZero();
        assertThat(duplicates.get("EMAIL")).as("e-mail duplicates come only from lost or late answers, " + repeat)
                .isLessThanOrEqualTo((int) (emailLostAnswers + emailSlow));
        assertThat(messageIds.values()).as("every copy of an e-mail carries the first one's Message-ID").allMatch(s -> s.size() == 1);
        assertThat(unexpected).as("accepted sends nobody should have got").isEmpty();
        assertThat(failedBatches).as("batches given up").isZero();
        assertThat(logRows.values().stream().mapToLong(Long::longValue).sum()).as("delivery-log rows").isEqualTo(expected.size());
        assertThat(logRows.keySet()).as("delivery-log outcomes").isSubsetOf("SENT", "ALREADY_ACCEPTED");
    }

    static String key(String token, String channel, String recipient) {
        return token + "|" + channel + "|" + recipient;
    }

    static String token(String text) {
        Matcher m = TOKEN.matcher(text == null ? "" : text);
        return m.find() ? m.group() : "(no token)";
    }

    static int port(String baseUrl) {
        return Integer.parseInt(baseUrl.substring(baseUrl.lastIndexOf(':') + 1));
    }
}
