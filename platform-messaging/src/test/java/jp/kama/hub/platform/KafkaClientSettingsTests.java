package jp.kama.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jp.kama.hub.platform.outbox.KafkaOutboxPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The relay's producer gets the Kafka binder's brokers and producer settings, with its own on top. */
class KafkaClientSettingsTests {

    @Test
    void theBindersBrokersConfigurationAndProducerPropertiesWithTheRelaysOwnOnTop() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("spring.cloud.stream.kafka.binder.brokers", "127.0.0.1:19092,127.0.0.1:19093")
                .withProperty("spring.cloud.stream.kafka.binder.configuration.security.protocol", "PLAINTEXT")
                .withProperty("spring.cloud.stream.kafka.binder.producer-properties.max.block.ms", "3000")
                .withProperty("spring.cloud.stream.kafka.binder.producer-properties.delivery.timeout.ms", "6000")
                .withProperty("spring.cloud.stream.kafka.binder.producer-properties.max.in.flight.requests.per.connection", "5")
                .withProperty("spring.cloud.stream.kafka.binder.producer-properties.acks", "1");

        Map<String, Object> settings = PlatformAutoConfiguration.kafkaClientSettings(env);
        assertThat(settings).containsEntry("bootstrap.servers", "127.0.0.1:19092,127.0.0.1:19093")
                .containsEntry("security.protocol", "PLAINTEXT")
                .containsEntry("max.block.ms", "3000")
                .containsEntry("delivery.timeout.ms", "6000");

        Map<String, Object> producer = KafkaOutboxPublisher.producerConfig(settings);
        assertThat(producer).containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("max.in.flight.requests.per.connection", "1")
                .containsEntry("max.block.ms", "3000");
    }

    @Test
    void withoutTheBindersBrokersTheSpringKafkaOnes() {
        MockEnvironment env = new MockEnvironment().withProperty("spring.kafka.bootstrap-servers", "127.0.0.1:29092");
        assertThat(PlatformAutoConfiguration.kafkaClientSettings(env)).containsEntry("bootstrap.servers", "127.0.0.1:29092");
    }
}
