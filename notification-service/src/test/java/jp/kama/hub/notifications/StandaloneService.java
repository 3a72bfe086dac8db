package jp.kama.hub.notifications;

import java.util.HashMap;
import java.util.Map;

import jp.kama.hub.testsupport.TestInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * notification-service as its own Spring application inside the test JVM, so a test can stop
 * it and start it again (a restart) or measure it. It has its own database and its own topics
 * and consumer groups, so it never competes with the shared test context for partitions.
 */
public final class StandaloneService {

    private final Map<String, Object> props = new HashMap<>();

    public StandaloneService(String database, String suffix, String lineUrl) {
        TestInfrastructure.registerService((name, value) -> props.put(name, value.get()), database);
        props.put("server.port", 0);
        props.put("kama.line.api-url", lineUrl);
        props.put("kama.line.channel-token", "standalone-token");
        props.put("kama.delivery.poll-interval", "100ms");
        for (String binding : new String[] {"caseEvents", "shelterEvents", "evacuationEvents"}) {
            String topic = topic(binding, suffix);
            props.put("spring.cloud.stream.bindings." + binding + "-in-0.destination", topic);
            props.put("spring.cloud.stream.bindings." + binding + "-in-0.group", "notification-service-" + suffix);
            props.put("spring.cloud.stream.kafka.bindings." + binding + "-in-0.consumer.dlq-name", topic + ".dlq");
        }
    }

    /** The topic the binding of this instance reads, e.g. {@code kama.shelter.events.v1.restart}. */
    public static String topic(String binding, String suffix) {
        return switch (binding) {
            case "caseEvents" -> "kama.case.events.v1.";
            case "shelterEvents" -> "kama.shelter.events.v1.";
            default -> "kama.evacuation.events.v1.";
        } + suffix;
    }

    public StandaloneService with(String name, Object value) {
        props.put(name, value);
        return this;
    }

    public ConfigurableApplicationContext start() {
        // as command-line arguments: they win over application.yml (default properties would not)
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(NotificationServiceApplication.class).run(args);
    }
}
